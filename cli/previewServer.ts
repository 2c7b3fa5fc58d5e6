import { statSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DateTime } from 'luxon';
import { contentSecurityPolicy } from '../lib/shared/contentSecurityPolicy.js';
import { contentTypeFor, negotiatedContentType } from '../lib/shared/contentTypes.js';
import { ConfigError, ContentError, OtherSiteError, UsageError, type Problem } from '../lib/shared/errors.js';
import { problemLines } from '../lib/shared/problemLines.js';
import { LocalStore } from '../lib/store/localStore.js';
import { hasPublished, readManifest, type Change, type StoredManifest } from '../lib/publish/manifest.js';
import { refuseUnclaimedFiles } from '../lib/publish/refuseUnclaimedFiles.js';
import { publish, type PublishResult } from '../lib/publish/publish.js';
import { assertSafeKey, getWithin, MAX_TEXT_BYTES, type Store, type StoredObject } from '../lib/store/store.js';
import { scanContent } from '../lib/content/contentScan.js';
import { loadContent } from '../lib/content/loadContent.js';
import { firstParagraphOf } from '../lib/content/firstParagraph.js';
import { outputWarnings } from './outputWarnings.js';
import { INDEX_KEY } from '../lib/content/entryIndex.js';
import { INDEX_PAGE, NOT_FOUND_PAGE, STATE_DIR } from '../lib/shared/outputLayout.js';
import { escapeHtml } from '../lib/shared/xmlText.js';
import { readSiteFile } from '../lib/content/site.js';
import { slugify } from '../lib/shared/slug.js';
import { clientKey } from '../lib/subscribers/clientKey.js';
import { ClientRateLimit } from '../lib/subscribers/clientRateLimit.js';
import { publishedTags } from '../lib/subscribers/publishedTags.js';
import { StoreSubscriberStore } from '../lib/subscribers/storeSubscriberStore.js';
import { subscriberId } from '../lib/subscribers/subscriber.js';
import { createSubscriptionHandler, MAX_FORM_BYTES, SUBSCRIPTION_PATHS } from '../lib/subscribers/subscriptionHandler.js';
import { ContentFolder } from './contentFolder.js';
import { previewFailureNotice } from './previewFailureNotice.js';
import { isLoopbackHost } from './isLoopbackHost.js';
import { watchFolder, type FolderWatch } from './watchFolder.js';

/** A publish's refusal of files no publish wrote at names this build makes, as a warning of the preview's. */
function unclaimedWarning(listed: readonly StoredObject[], changes: readonly Change[], where: string): Problem[] {
  try {
    refuseUnclaimedFiles(listed, changes, where);
    return [];
  } catch (error) {
    if (!(error instanceof OtherSiteError)) throw error;
    return [{ file: where, field: 'output', message: `a publish there is refused: ${error.message}`, fix: 'the preview itself is unaffected' }];
  }
}

/** The longest setTimeout waits (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long past a build's window the build again waits, so that its clock reads past it. */
const DUE_MARGIN_MS = 50;

export interface PreviewOptions {
  /** The content folder (site.yml and entries/). */
  contentDir: string;
  /** 0 picks a free port. */
  port: number;
  /** The moment each build publishes as (decides embargoes). */
  now: () => DateTime;
  /**
   * The clock that stamps the content folder's mtimes (ms), read as each build starts: a file saved within the margin
   * before it is read again by the next build (PublishOptions.readAt). Default none: every version is trusted.
   */
  readClock?: () => number;
  /**
   * `now` is the clock (no --now): build again when the last good build's window closes (PublishResult.window: an
   * embargo ends, a digest week closes, an `updated:` comes due), as the scheduled publish would, with no save.
   */
  followClock?: boolean;
  /** Called after every build attempt. */
  onBuild: (build: BuildReport) => void;
  /** Wait this long after the last change before rebuilding, so a save of many files builds once. Default 150 ms. */
  debounceMs?: number;
  /**
   * Serve the subscription endpoints: subscribers kept in `subscribersDir`, emails written to `outboxDir`, `now` their
   * clock, which must run (a limit of signups in ten minutes, of one email an hour, lifts as time passes).
   */
  subscriptions?: { subscribersDir: string; outboxDir: string; secret: string; now: () => DateTime };
  /**
   * The published output (`--out`/`--bucket`): each build also gives the warnings a publish there would, as check --out
   * gives them (cli/outputWarnings.ts); a build refused for its entries' problems, those of its valid entries.
   */
  published?: Store;
}

export type BuildReport =
  /**
   * `changed`: the published keys whose bytes differ from the previous good build (all of them on the first), those
   * it no longer has included; `deleted`: those of them it no longer has.
   * `published`: the warnings of a publish to PreviewOptions.published (none without it).
   */
  | { ok: true; result: PublishResult; published: Problem[]; dir: string; ms: number; first: boolean; changed: string[]; deleted: string[] }
  /** `warnings`: those of the content refused (ContentError.warnings), which often explain its problems, then those of a publish to PreviewOptions.published. */
  | { ok: false; problems: readonly Problem[]; warnings: readonly Problem[]; message: string; first: boolean; serving: boolean };

/**
 * `broadsheet preview`: publishes content/ into a fresh temporary folder per build and serves the last good one
 * on 127.0.0.1, with the Content-Types S3 gets (lib/contentTypes). A build that fails leaves the served one as it was.
 */
export class PreviewServer {
  private server: Server | undefined;
  private watcher: FolderWatch | undefined;
  private root: string | undefined;
  private served: string | undefined;
  private buildCount = 0;
  private building: Promise<void> | undefined;
  private pending = false;
  private timer: NodeJS.Timeout | undefined;
  /** The build again when the served build's window closes (PreviewOptions.followClock). */
  private dueTimer: NodeJS.Timeout | undefined;
  private lastFailure: { message: string; problems: readonly Problem[]; warnings: readonly Problem[] } | undefined;
  private readonly limiter = new ClientRateLimit();
  /** The published output's weeks known to hold a confirmed send: each build lists the ledgers of the others only. */
  private readonly confirmedWeeks = new Set<string>();
  url = '';

  constructor(private readonly options: PreviewOptions) {}

  /** Builds once, starts serving and watching; resolves with the base URL. */
  async start(): Promise<string> {
    if (!statSync(this.options.contentDir, { throwIfNoEntry: false })?.isDirectory()) {
      throw new UsageError(`preview: ${this.options.contentDir} is not a folder (pass --content DIR, the folder that holds site.yml and entries/)`);
    }
    this.root = await mkdtemp(join(tmpdir(), 'broadsheet-preview-'));
    // Watching before the first build: a file saved while it runs builds again after it, not at the next save.
    this.watcher = watchFolder(this.options.contentDir, () => this.schedule());
    await this.rebuild();
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        sendError(response, 500, `preview error: ${(error as Error).message}\n`);
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.options.port, '127.0.0.1', () => resolve());
    });
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : this.options.port}/`;
    return this.url;
  }

  /** The folder now served, for tests. */
  get servedDir(): string | undefined {
    return this.served;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.rebuild(), this.options.debounceMs ?? 150);
  }

  /** Builds now; a change during a build queues one more build after it. */
  async rebuild(): Promise<void> {
    if (this.building) {
      this.pending = true;
      return this.building;
    }
    this.building = this.buildOnce().finally(() => {
      this.building = undefined;
    });
    await this.building;
    if (this.pending) {
      this.pending = false;
      await this.rebuild();
    }
  }

  private async buildOnce(): Promise<void> {
    const first = this.buildCount === 0;
    const dir = join(this.root!, `build-${++this.buildCount}`);
    const started = performance.now();
    const now = this.options.now();
    try {
      // Reuse the parse cache of the last good build, so a save re-reads only the files that changed; that build's
      // manifest says which entries it had public (a file renamed while held back is a rename when its date comes).
      // The first build with --out starts from the published output's index, as check --out reads the content: what
      // is published there (two look-alike ids, each published) is let be, as a publish there would.
      let indexedBuild: StoredManifest | undefined;
      const cache = join(dir, ...INDEX_KEY.split('/'));
      if (this.served) {
        await mkdir(join(cache, '..'), { recursive: true });
        await copyFile(join(this.served, ...INDEX_KEY.split('/')), cache).catch(() => undefined);
        indexedBuild = await readManifest(new LocalStore(this.served));
      } else if (this.options.published) {
        // Unreadable: comparedWith says so, and the build goes on without it.
        const index = await getWithin(this.options.published, INDEX_KEY, MAX_TEXT_BYTES).catch(() => undefined);
        if (Buffer.isBuffer(index)) {
          await mkdir(join(cache, '..'), { recursive: true });
          await writeFile(cache, index);
        }
      }
      const result = await publish({
        content: new ContentFolder(this.options.contentDir),
        output: new LocalStore(dir),
        now,
        ...(this.options.readClock ? { readAt: this.options.readClock() } : {}),
        // A preview never tells the site's real hub anything.
        websub: false,
        // Its previous build is no published site: a file renamed since is shown, and named in a warning; an entry
        // re-dated since was never published for it (comparedWith gives a publish's warnings, with --out).
        allowIdChange: true,
        reDatedWarnings: false,
        ...(indexedBuild && hasPublished(indexedBuild) ? { indexedBuild: indexedBuild.manifest } : {}),
      });
      const published = this.options.published ? await this.comparedWith(this.options.published, now, result.changes) : [];
      const previous = this.served;
      const { changed, deleted } = await changedSince(previous, dir);
      this.served = dir;
      this.lastFailure = undefined;
      if (previous) await rm(previous, { recursive: true, force: true });
      this.scheduleDue(result.window.until, now.toMillis());
      this.options.onBuild({ ok: true, result, published, dir, ms: performance.now() - started, first, changed, deleted });
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      const problems = error instanceof ContentError ? error.problems : [];
      // Refused for its entries' problems, the content still has the output's warnings check --out gives of its valid
      // entries: a published one now invalid is taken down by a publish --skip-invalid.
      const compared = error instanceof ContentError && this.options.published ? await this.comparedWith(this.options.published, now) : [];
      const warnings = [...(error instanceof ContentError ? error.warnings : []), ...compared];
      const message = (error as Error).message;
      this.lastFailure = { message, problems, warnings };
      this.options.onBuild({ ok: false, problems, warnings, message, first, serving: this.served !== undefined });
    }
  }

  /**
   * The warnings a publish to the published output at `now` gives (cli/outputWarnings.ts, as check --out gives them), the
   * content read through its entry index as `check --out` reads it (the build's own index is the previous build's).
   * An output that cannot be read is said as a warning: the build stays good. With a good build's `changes`, an output
   * no publish wrote to is listed too: files there at names the build makes refuse a publish (lib/publish/refuseUnclaimedFiles.ts).
   */
  private async comparedWith(output: Store, now: DateTime, changes?: readonly Change[]): Promise<Problem[]> {
    try {
      const scan = await scanContent(new ContentFolder(this.options.contentDir));
      const loaded = await loadContent(scan, { cacheStore: output, summarize: firstParagraphOf, now: now.toMillis() });
      const manifest = await readManifest(output);
      // Listed only while no publish has written there: a published output is its publishes' own.
      const unclaimed = changes && !hasPublished(manifest) ? unclaimedWarning(await output.list(''), changes, output.description) : [];
      return [...unclaimed, ...(await outputWarnings(loaded, output, now, { manifest, siteText: scan.siteText, confirmedWeeks: this.confirmedWeeks }))];
    } catch (error) {
      // Content that does not load is the build's refusal, which names its problems.
      if (error instanceof ContentError) return [];
      return [{ file: output.description, field: 'output', message: `could not be read to compare this build with: ${(error as Error).message}`, fix: 'give --out the folder a publish writes to, or --bucket a bucket you can read; the preview itself is unaffected' }];
    }
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // DNS rebinding: another site's page, its name now resolving to 127.0.0.1, would read the preview and post
    // to /subscribe. RFC 9110 §7.4: a server unwilling to answer for the target's authority answers 421.
    if (!isLoopbackHost(request.headers.host)) {
      sendError(response, 421, `this preview answers only ${this.url} (the request's Host names another server)\n`);
      return;
    }
    const path0 = new URL(request.url ?? '/', 'http://preview').pathname;
    if (this.options.subscriptions && (SUBSCRIPTION_PATHS as readonly string[]).includes(path0)) return this.subscription(request, response, this.options.subscriptions);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendError(response, 405, 'only GET and HEAD\n', { allow: 'GET, HEAD' });
      return;
    }
    if (!this.served) {
      const failure = this.lastFailure;
      // The warnings first, as the terminal gives them: an unknown `Title:` says why `title: is missing`.
      const lines = [...problemLines(failure?.warnings ?? []).map((line) => `warning: ${line}`), ...problemLines(failure?.problems ?? [])];
      const list = lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('');
      sendError(
        response,
        503,
        `<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>No build yet</title><h1>The content does not build yet</h1><p>${escapeHtml(failure?.message ?? 'building…')}</p><ul>${list}</ul><p>Fix it and reload: the preview rebuilds on every save.</p></html>`,
        { 'content-type': 'text/html; charset=utf-8', 'retry-after': '1' },
      );
      return;
    }
    const path = new URL(request.url ?? '/', 'http://preview').pathname;
    let key: string;
    try {
      key = path.slice(1).split('/').map(decodeURIComponent).join('/');
      if (key === '' || key.endsWith('/')) key += INDEX_PAGE;
      assertSafeKey(key);
      if (isStateKey(key)) throw new Error('state is not published');
    } catch {
      return this.notFound(response, this.served);
    }
    const file = join(this.served, ...key.split('/'));
    const info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      response.writeHead(301, { location: `${path}/` }).end();
      return;
    }
    if (!info?.isFile()) return this.notFound(response, this.served);
    const built = await new LocalStore(this.served).get(key);
    if (!built) return this.notFound(response, this.served);
    // A page, while the latest save does not build: it says so at the top.
    const failure = this.lastFailure;
    const body = failure && contentTypeFor(key).startsWith('text/html') ? previewFailureNotice(built, failure.problems, failure.message) : built;
    // As CloudFront does: browsers get feeds as application/xml (so feed.xsl applies), readers the feed type.
    response.writeHead(200, { 'content-type': negotiatedContentType(key, request.headers.accept), vary: 'Accept', 'content-length': body.length, 'cache-control': 'no-store', ...siteHeaders(contentTypeFor(key)) });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  /** The same handler as the subscribe function, over the local folders. */
  private async subscription(request: IncomingMessage, response: ServerResponse, options: NonNullable<PreviewOptions['subscriptions']>): Promise<void> {
    const form = await boundedBody(request, MAX_FORM_BYTES);
    // The rest of a form cut short is never read: the connection closes after the answer (the handler's 413 page).
    if (!form.whole) response.setHeader('connection', 'close');
    const parsed = await readSiteFile(new LocalStore(this.options.contentDir));
    // A form too large gets the handler's 413 page, which needs no site field, whatever site.yml holds.
    if (!parsed?.site && form.whole) return sendError(response, 503, 'site.yml does not parse; fix it first\n');
    const outbox = new LocalStore(options.outboxDir);
    const served = this.served;
    const handler = createSubscriptionHandler({
      site: parsed?.site ?? new ConfigError('site.yml does not parse'),
      store: new StoreSubscriberStore(new LocalStore(options.subscribersDir)),
      secret: options.secret,
      baseUrl: this.url,
      // The preview's own pages, under the loopback name the browser used (handle() refused any other Host).
      origins: [new URL(this.url).origin, ...(request.headers.host ? [new URL(`http://${request.headers.host}`).origin] : [])],
      now: options.now,
      sendMail: async (to, raw) => {
        const key = `confirmations/${options.now().toUTC().toFormat("yyyyLLdd'T'HHmmss")}-${slugify(to)}-${subscriberId(to).slice(0, 8)}.eml`;
        await outbox.put(key, raw, { contentType: 'message/rfc822' });
      },
      tags: () => (served ? publishedTags(new LocalStore(served)) : Promise.resolve([])),
      limiter: this.limiter,
      // Only the editor, on this machine, reaches the preview (another site's form is refused before any lookup),
      // and the list it would time is the editor's own folder: no floor.
      answerFloorMs: 0,
    });
    const answer = await handler({ method: request.method ?? 'GET', url: request.url ?? '/', body: form.body.toString('utf8'), client: clientKey(request.socket.remoteAddress ?? 'unknown'), ...fetchHeaders(request) });
    // Through the CDN the function's pages get the pages' policy; its own headers (its Referrer-Policy) stand.
    response.writeHead(answer.status, { ...siteHeaders(answer.headers['content-type'] ?? ''), ...answer.headers }).end(request.method === 'HEAD' ? undefined : answer.body);
  }

  /** As the CDN answers a missing address: the build's own 404.html, with status 404. */
  private async notFound(response: ServerResponse, served: string): Promise<void> {
    const page = await new LocalStore(served).get(NOT_FOUND_PAGE);
    if (!page) return sendError(response, 404, 'not found\n');
    sendError(response, 404, page.toString('utf8'), { 'content-type': 'text/html; charset=utf-8' });
  }

  /** With followClock, a build again at `until` (ms), the moment the served build stops being what a publish makes. */
  private scheduleDue(until: number | null, nowMs: number): void {
    clearTimeout(this.dueTimer);
    // A window that does not hold the build's own moment would build again at once, and again: none is made so.
    if (!this.options.followClock || until === null || until <= nowMs) return;
    // setTimeout's longest wait; a build then schedules the rest. A margin past `until`: the window excludes it.
    const delay = Math.min(MAX_TIMER_MS, until - nowMs + DUE_MARGIN_MS);
    this.dueTimer = setTimeout(() => void this.rebuild(), delay);
    this.dueTimer.unref();
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    clearTimeout(this.dueTimer);
    this.watcher?.close();
    const closed = new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
    await closed;
    await this.building?.catch(() => undefined);
    if (this.root) await rm(this.root, { recursive: true, force: true });
  }
}

/**
 * A request's body, read up to the first chunk past `limit` bytes: a body that long is answered by its length alone
 * (the subscription handler's 413 page, which a body past MAX_FORM_BYTES gets), so no more of it is read. Its bytes
 * decoded are as long at least (a cut or invalid sequence reads as U+FFFD, three bytes).
 */
function boundedBody(request: IncomingMessage, limit: number): Promise<{ body: Buffer; whole: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size <= limit) return;
      request.off('data', onData).off('end', onEnd).pause();
      resolve({ body: Buffer.concat(chunks), whole: false });
    };
    const onEnd = () => resolve({ body: Buffer.concat(chunks), whole: true });
    request.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

/**
 * Every error answer of the preview (plain text unless `headers` says otherwise): never cached, since the URL may work
 * a moment later (after the next save), and never sniffed into another type.
 */
export function sendError(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (response.headersSent) return void response.end();
  const type = headers['content-type'] ?? 'text/plain; charset=utf-8';
  response.writeHead(status, { 'content-type': type, ...headers, 'cache-control': 'no-store', ...siteHeaders(type) }).end(body);
}

/**
 * The headers the site's CDN adds to an answer of the stored type `contentType`: the managed security headers'
 * nosniff and referrer policy, and the pages' or feeds' Content-Security-Policy (serverless.yml, SiteResponseFunction),
 * so that a page that breaks under them breaks in the preview too.
 */
function siteHeaders(contentType: string): Record<string, string> {
  const policy = contentSecurityPolicy(contentType);
  return { 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin', ...(policy ? { 'content-security-policy': policy } : {}) };
}

/** The headers the handler judges a request by: where a browser says it comes from (its cross-site check), and the body's type. */
function fetchHeaders(request: IncomingMessage): { origin?: string; fetchSite?: string; contentType?: string } {
  const { origin, 'sec-fetch-site': fetchSite, 'content-type': contentType } = request.headers;
  return { ...(origin !== undefined ? { origin } : {}), ...(typeof fetchSite === 'string' ? { fetchSite } : {}), ...(contentType !== undefined ? { contentType } : {}) };
}

/** Keys new or changed between two builds' manifests, plus the ones gone; and the ones gone alone. */
async function changedSince(previousDir: string | undefined, dir: string): Promise<{ changed: string[]; deleted: string[] }> {
  const next = (await readManifest(new LocalStore(dir))).manifest;
  const before = previousDir ? (await readManifest(new LocalStore(previousDir))).manifest : {};
  const keys = new Set([...Object.keys(before), ...Object.keys(next)]);
  const changed = [...keys].filter((key) => before[key]?.sha256 !== next[key]?.sha256).sort();
  return { changed, deleted: changed.filter((key) => !Object.hasOwn(next, key)) };
}

/**
 * A key in the publish's own state (`_broadsheet/`), never served; the folder itself too (a redirect to it would say
 * it is there), in any case: on a disk that ignores case (macOS, Windows), `_BROADSHEET/index.json` opens that file.
 */
export function isStateKey(key: string): boolean {
  return `${key}/`.toLowerCase().startsWith(STATE_DIR);
}
