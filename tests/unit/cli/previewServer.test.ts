import { writeFileSync } from 'node:fs';
import { mkdtemp, rename, utimes, writeFile } from 'node:fs/promises';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { dump } from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { isStateKey, PreviewServer, type BuildReport } from '../../../cli/previewServer.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { ContentFolder } from '../../../cli/contentFolder.js';
import { publish } from '../../../lib/publish/publish.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { INDEX_KEY } from '../../../lib/content/entryIndex.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { scanContent } from '../../../lib/content/contentScan.js';
import { SendLedger } from '../../../lib/delivery/sendLedger.js';
import { previewWarnings } from '../../../cli/previewWarnings.js';
import { FEED_POLICY, PAGE_POLICY } from '../../../lib/shared/contentSecurityPolicy.js';
import type { Problem } from '../../../lib/shared/errors.js';
import { DiesAfterWriting } from '../../support/faultyStore.js';

let server: PreviewServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The moment the tests comparing with a published output publish and preview as of. */
const PUBLISHED_AT = DateTime.fromISO('2014-06-01T00:00:00+09:00');

/** The content folder `dir` published at PUBLISHED_AT into an output folder of its own, whose path is returned. */
async function publishedFrom(dir: string): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'preview-published-'));
  await publish({ content: new ContentFolder(dir), output: new LocalStore(out), now: PUBLISHED_AT, websub: false });
  return out;
}

/** A preview of `dir` as of PUBLISHED_AT comparing with the published folder `out`, started; its builds, as they come. */
async function previewComparing(dir: string, out: string): Promise<{ preview: PreviewServer; builds: BuildReport[] }> {
  const builds: BuildReport[] = [];
  const preview = new PreviewServer({ contentDir: dir, port: 0, now: () => PUBLISHED_AT, onBuild: (build) => builds.push(build), debounceMs: 60_000, published: new LocalStore(out) });
  server = preview;
  await preview.start();
  return { preview, builds };
}

/** What the preview prints for a build: a good one's warnings (previewWarnings), a failed one's problems. */
function shown(build: BuildReport): Problem[] {
  return build.ok ? previewWarnings(build.result, build.published) : [...build.problems];
}

describe('PreviewServer', () => {
  it('builds a file renamed since the previous build under its new id, and reports the rename, since the previous build is no published site', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/b.md': entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-01' })) } });
    const builds: BuildReport[] = [];
    server = new PreviewServer({ contentDir: dir, port: 0, now: () => DateTime.fromISO('2014-06-01T00:00:00+09:00'), onBuild: (build) => builds.push(build), debounceMs: 60_000 });
    await server.start();
    await rename(join(dir, 'entries', '2014', 'b.md'), join(dir, 'entries', '2014', 'b-renamed.md'));
    await server.rebuild();
    const last = builds.at(-1)!;
    expect(last.ok ? last.result.idChanges : last.problems).toEqual([{ url: 'https://news.example.com/b', oldKey: 'entries/2014/b.md', oldId: '2014/b', newKey: 'entries/2014/b-renamed.md', newId: '2014/b-renamed' }]);
    expect((await fetch(`${server.url}entries/2014/b-renamed/`)).status).toBe(200);
  });

  it('reports a file renamed while a later date held it back when that date comes, with nothing else changed since', async () => {
    const b = entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-01' });
    const dir = await contentFolder({ site: SITE, entries: { '2014/b.md': entryText(b) } });
    const builds: BuildReport[] = [];
    let now = DateTime.fromISO('2014-06-01T00:00:00+09:00');
    server = new PreviewServer({ contentDir: dir, port: 0, now: () => now, onBuild: (build) => builds.push(build), debounceMs: 60_000 });
    await server.start();
    // Renamed and re-dated in one save: out of this build, so no rename yet.
    await rename(join(dir, 'entries', '2014', 'b.md'), join(dir, 'entries', '2014', 'b-renamed.md'));
    await writeFile(join(dir, 'entries', '2014', 'b-renamed.md'), entryText({ ...b, date: '2014-07-01' }));
    await server.rebuild();
    expect(builds.map((build) => (build.ok ? build.result.idChanges : build.problems))).toEqual([[], []]);
    now = DateTime.fromISO('2014-07-02T00:00:00+09:00');
    await server.rebuild();
    const last = builds.at(-1)!;
    expect(last.ok ? last.result.idChanges : last.problems).toEqual([{ url: 'https://news.example.com/b', oldKey: 'entries/2014/b.md', oldId: '2014/b', newKey: 'entries/2014/b-renamed.md', newId: '2014/b-renamed' }]);
    // Said once: the next build's previous one had it public under its new id.
    await server.rebuild();
    const next = builds.at(-1)!;
    expect(next.ok ? next.result.idChanges : next.problems).toEqual([]);
  });

  it('with the published output, gives the warnings a publish there would: an entry re-dated past now, one added to a week mailed, the tag feed its last entry leaves', async () => {
    const a = entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-01' });
    const dir = await contentFolder({ site: SITE, entries: { '2014/a.md': entryText(a) } });
    const out = await publishedFrom(dir);
    // 2014-W19 (5–11 May) was mailed to one subscriber.
    await new SendLedger(new LocalStore(out), '2014-W19').confirm('0'.repeat(32), 1, {});
    await writeFile(join(dir, 'entries', '2014', 'a.md'), entryText({ ...a, date: '2014-07-01' }));
    await writeFile(join(dir, 'entries', '2014', 'late.md'), entryText(entry({ title: 'Late', url: 'https://news.example.com/late', date: '2014-05-06', tags: ['Rice'] })));
    const { builds } = await previewComparing(dir, out);
    expect(shown(builds[0]!)).toEqual([
      {
        file: 'entries/2014/a.md',
        field: 'date',
        message: 'was published, and is now held back until 2014-07-01T00:00:00+09:00: its page and its items in the feeds are removed until then, and when it returns readers do not show it as new',
        fix: 'if this is a correction, keep its date (2014-05-01T00:00:00+09:00) and set updated: to when it is made; if it must come down until then, leave it',
      },
      {
        file: 'entries/2014/late.md',
        field: 'date',
        message: "is dated 2014-05-06T00:00:00+09:00, in week 2014-W19, whose digest was already sent to subscribers: no email will carry it (that week's archive page shows it)",
        // Sunday 1 June 2014 is in 2014-W22 (26 May – 1 June).
        fix: 'if it is news to subscribers, date it in the current week (2014-W22) so that the next digest carries it; otherwise leave it',
      },
      // a.md, held back, had the published site's one tag, and has it still; late.md's "Rice", the one new tag feed, is
      // no rename of it.
      {
        file: 'site.yml',
        field: 'tagSlugs',
        message: 'the feeds of tags/trade/ are deleted: no published entry has that tag now, and their readers will find no feed',
        fix: 'if the tag was renamed, add tagSlugs: {"New name": trade} to keep its address for the new name',
      },
    ]);
  });

  it('with the published output, warns of a List-Id changed from the one its last publish recorded, as check --out does', async () => {
    const digest = { from: 'Watch <digest@watch.example.org>' };
    const dir = await contentFolder({ site: { ...SITE, digest }, entries: { '2014/a.md': entryText(entry({ date: '2014-05-01' })) } });
    const out = await publishedFrom(dir);
    // SITE is at https://watch.example.org/ (digest.watch.example.org); under a path on another host the id is its own.
    await writeFile(join(dir, 'site.yml'), dump({ ...SITE, url: 'https://news.example.org/watch/', idHost: 'watch.example.org', digest }));
    const { builds } = await previewComparing(dir, out);
    const warnings = shown(builds[0]!);
    expect(warnings.filter((warning) => warning.field === 'digest.listId').map((warning) => warning.message.split(',')[0])).toEqual(["the digest's List-Id changes from digest.watch.example.org"]);
  });

  it('with the published output, warns as a publish there would of published dates a timezone change moves and of an entry added that no live feed carries', async () => {
    // feed.limit 1: the site feed holds the newest entry and the rest of its month, each tag feed the newest entry.
    const site = { ...SITE, feed: { limit: 1 } };
    const a = entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-03-01' }));
    const dir = await contentFolder({ site, entries: { '2014/a.md': a } });
    const out = await publishedFrom(dir);
    const { preview, builds } = await previewComparing(dir, out);
    // Asia/Seoul (+09:00) to America/Los_Angeles (-08:00 on 1 March 2014, before its DST): a.md, unchanged, moves 17 h.
    await writeFile(join(dir, 'site.yml'), dump({ ...site, timezone: 'America/Los_Angeles' }));
    // c (May) is the site feed and the tag feed; b (April), added with it, only archives/2014-04/.
    await writeFile(join(dir, 'entries', '2014', 'b.md'), entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-04-10T10:00:00+09:00' })));
    await writeFile(join(dir, 'entries', '2014', 'c.md'), entryText(entry({ title: 'C', url: 'https://news.example.com/c', date: '2014-05-10T10:00:00+09:00' })));
    await preview.rebuild();
    // Each once: the move since the previous build (under the old zone, never published) is the published output's.
    const warnings = shown(builds.at(-1)!);
    expect(warnings.filter((warning) => warning.field === 'timezone' || warning.field === 'feed.limit')).toEqual([
      {
        file: 'site.yml',
        field: 'timezone',
        message: "moves the dates of 1 published entry written without an offset, which are read in the site's time zone: entries/2014/a.md date from 2014-03-01T00:00:00+09:00 to 2014-03-01T00:00:00-08:00 (17 h later); the feeds would give them new dates, which readers show as updates or in another order",
        fix: 'give each date and updated without an offset the one it had (date: 2014-03-01T00:00:00+09:00 in entries/2014/a.md) to keep them, or keep the old timezone',
      },
      {
        file: 'site.yml',
        field: 'feed.limit',
        message: '1 entry added in this publish goes into no live feed, site or tag, only into archives/2014-04/, since more entries are added at once than feed.limit (1) holds: no feed reader shows it (readers do not follow RFC 5005 prev-archive links): entries/2014/b.md',
        // b is the 2nd newest: a limit of 2 keeps c and b in the site feed.
        fix: 'raise feed.limit to 2 for this publish, or publish the new entries in steps of at most 1, letting readers fetch the feeds between steps',
      },
    ]);
  });

  it('with the published output, warns once of an id a publish there would change and of a correction dated after now, where the build warns of them too', async () => {
    const a = entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-01' });
    const c = entry({ title: 'C', url: 'https://news.example.com/c', date: '2014-05-02' });
    const dir = await contentFolder({ site: SITE, entries: { '2014/a.md': entryText(a), '2014/c.md': entryText(c) } });
    const out = await publishedFrom(dir);
    const { preview, builds } = await previewComparing(dir, out);
    // Renamed since the previous build too, which guesses at what is published; the output says.
    await rename(join(dir, 'entries', '2014', 'a.md'), join(dir, 'entries', '2014', 'a-moved.md'));
    await writeFile(join(dir, 'entries', '2014', 'c.md'), entryText({ ...c, updated: '2014-07-01' }));
    await preview.rebuild();
    const warnings = shown(builds.at(-1)!);
    expect(warnings.filter((warning) => warning.field === 'id' || warning.field === 'updated')).toEqual([
      {
        file: 'entries/2014/c.md',
        field: 'updated',
        message: '2014-07-01T00:00:00+09:00 is later than now (2014-06-01T00:00:00+09:00): the entry is published as it reads now, but its feeds keep its update time (Atom updated, JSON Feed date_modified) at its date, and its page shows no correction date, until then',
        fix: 'check the date: a correction is dated when it is made',
      },
      {
        file: 'entries/2014/a-moved.md',
        field: 'id',
        message: 'its url was published from entries/2014/a.md with the id "2014/a"; under the id "2014/a-moved" every reader would show it again as a new item',
        fix: 'add `id: 2014/a` to its front matter, or publish with --allow-id-change to give it the new id, as a new entry about the same article needs',
      },
    ]);
  });

  it('with the published output, a build refused for an entry made invalid still warns that a publish --skip-invalid takes it down', async () => {
    const b = entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-01' });
    const dir = await contentFolder({ site: SITE, entries: { '2014/b.md': entryText(b), '2014/c.md': entryText(entry({ title: 'C', url: 'https://news.example.com/c', date: '2014-05-02' })) } });
    const out = await publishedFrom(dir);
    await writeFile(join(dir, 'entries', '2014', 'b.md'), entryText({ ...b, url: undefined }));
    const { builds } = await previewComparing(dir, out);
    const [build] = builds;
    expect(build).toMatchObject({ ok: false, problems: [{ file: 'entries/2014/b.md', field: 'url', message: 'is missing' }] });
    expect(build!.ok ? [] : build!.warnings).toEqual([
      {
        file: 'entries/2014/b.md',
        field: 'file',
        message: 'was published, and is left out while it is invalid: its page and its items in the feeds are removed until it is fixed',
        fix: 'fix its problem (listed with the skipped entries) and publish again; without --skip-invalid a problem refuses the whole publish, and the published entry stays',
      },
    ]);
  });

  it('with the published output, warns of published dates a timezone change moves after a publish there killed right after writing its entry index', async () => {
    const a = entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-03-01' }));
    const dir = await contentFolder({ site: SITE, entries: { '2014/a.md': a } });
    const out = await publishedFrom(dir);
    await writeFile(join(dir, 'site.yml'), dump({ ...SITE, timezone: 'America/Los_Angeles' }));
    // Its index, made for the new site.yml, is written; its manifest is not.
    await expect(publish({ content: new ContentFolder(dir), output: new DiesAfterWriting(new LocalStore(out), INDEX_KEY), now: PUBLISHED_AT, websub: false })).rejects.toThrow(/injected failure/);
    const { builds } = await previewComparing(dir, out);
    const warnings = shown(builds[0]!);
    // Asia/Seoul (+09:00) to America/Los_Angeles (-08:00 on 1 March 2014): 17 h later.
    expect(warnings.filter((warning) => warning.field === 'timezone').map((warning) => warning.message.split(';')[0])).toEqual([
      "moves the dates of 1 published entry written without an offset, which are read in the site's time zone: entries/2014/a.md date from 2014-03-01T00:00:00+09:00 to 2014-03-01T00:00:00-08:00 (17 h later)",
    ]);
  });

  it('with the published output, builds two look-alike ids each published there, warning as check --out does: its first build reads the output\'s index', async () => {
    const plain = entry({ id: 'kcna-watch', title: 'A', url: 'https://news.example.com/a', date: '2014-05-01' });
    const dir = await contentFolder({ site: SITE, entries: { '2014/plain.md': entryText(plain) } });
    const out = await publishedFrom(dir);
    // The look-alike (fullwidth letters, NFKC) published too, then left out while invalid (publish --skip-invalid):
    // the output's index records its id as published (EntryIndex.out). Now fixed.
    const wide = { key: 'entries/2014/wide.md', id: '\uff4b\uff43\uff4e\uff41-watch', url: 'https://news.example.com/b', date: Date.UTC(2014, 3, 30, 15), draft: false };
    const { index, keys } = await loadContent(await scanContent(new ContentFolder(dir)), { cacheStore: new LocalStore(out) });
    index.setOut([wide]);
    await new LocalStore(out).put(INDEX_KEY, Buffer.concat(index.serialize(keys, new Set())), { contentType: 'application/json' });
    await writeFile(join(dir, 'entries', '2014', 'wide.md'), entryText(entry({ id: wide.id, title: 'B', url: wide.url, date: '2014-05-01' })));
    const { preview, builds } = await previewComparing(dir, out);
    const warnings = shown(builds[0]!);
    expect(warnings.filter((warning) => warning.field === 'id').map((warning) => [warning.file, warning.fix.split(':')[0]])).toEqual([
      ['entries/2014/plain.md', 'leave them'],
      ['entries/2014/wide.md', 'leave them'],
    ]);
    expect((await fetch(`${preview.url}entries/kcna-watch/`)).status).toBe(200);
  });

  it('says nothing of an entry re-dated past now since the previous build: that build was never published; builds it back, saved again within the same mtime tick', async () => {
    const b = entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-01' });
    const dir = await contentFolder({ site: SITE, entries: { '2014/b.md': entryText(b) } });
    const builds: BuildReport[] = [];
    // The content folder's clock as each build starts: a second after the saves' mtime (a coarse file system's tick).
    const saved = new Date('2026-01-01T12:00:00Z');
    server = new PreviewServer({ contentDir: dir, port: 0, now: () => DateTime.fromISO('2014-06-01T00:00:00+09:00'), readClock: () => saved.getTime() + 1000, onBuild: (build) => builds.push(build), debounceMs: 60_000 });
    await server.start();
    const file = join(dir, 'entries', '2014', 'b.md');
    await writeFile(file, entryText({ ...b, date: '2014-07-01' }));
    await utimes(file, saved, saved);
    await server.rebuild();
    expect(shown(builds.at(-1)!)).toEqual([]);
    expect((await fetch(`${server.url}entries/2014/b/`)).status).toBe(404);
    // The date put back: the same size, and the mtime of the save before, so the same version.
    await writeFile(file, entryText(b));
    await utimes(file, saved, saved);
    await server.rebuild();
    expect((await fetch(`${server.url}entries/2014/b/`)).status).toBe(200);
  });

  it('builds again after the first build a file saved while it ran', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/b.md': entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-01' })) } });
    const builds: BuildReport[] = [];
    let secondBuilt = () => {};
    const second = new Promise<void>((done) => (secondBuilt = done));
    const saveDuringFirst = (build: BuildReport) => {
      builds.push(build);
      if (builds.length === 1) writeFileSync(join(dir, 'entries', '2014', 'c.md'), entryText(entry({ title: 'C', url: 'https://news.example.com/c', date: '2014-05-02' })));
      if (builds.length === 2) secondBuilt();
    };
    server = new PreviewServer({ contentDir: dir, port: 0, now: () => DateTime.fromISO('2014-06-01T00:00:00+09:00'), onBuild: saveDuringFirst, debounceMs: 20 });
    await server.start();
    let deadline: NodeJS.Timeout | undefined;
    await Promise.race([second, new Promise((done) => (deadline = setTimeout(done, 10_000)))]);
    clearTimeout(deadline);
    expect(builds).toHaveLength(2);
    expect((await fetch(`${server.url}entries/2014/c/`)).status).toBe(200);
  });

  it('with an output no publish wrote, warns that a publish there is refused for the files at names it makes, in the refusal\'s words', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/b.md': entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-01' })) } });
    const out = await mkdtemp(join(tmpdir(), 'preview-unclaimed-'));
    // Another tool's site: its index.html is at a name a build makes, its about.html at none.
    await writeFile(join(out, 'index.html'), 'the old index');
    await writeFile(join(out, 'about.html'), 'the old about page');
    const { builds } = await previewComparing(dir, out);
    const where = new LocalStore(out).description;
    expect(builds[0]!.ok && builds[0]!.published).toEqual([
      { file: where, field: 'output', message: `a publish there is refused: ${where} holds 1 file that no publish wrote and this one would overwrite (index.html): publish to an empty folder (--out NEW), or move it out of ${where} first (or overwrite it: broadsheet publish --replace-unclaimed)`, fix: 'the preview itself is unaffected' },
    ]);
  });

  it('following the clock, builds again when an entry held back comes due, with no save, as the scheduled publish would', async () => {
    // Due on the second after next: held back by the first build, which is no more than a second later.
    const due = DateTime.now().toUTC().startOf('second').plus({ seconds: 2 });
    const dir = await contentFolder({ site: SITE, entries: { '2014/b.md': entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-01' })), '2014/soon.md': entryText(entry({ title: 'Soon', url: 'https://news.example.com/soon', date: due.toISO({ suppressMilliseconds: true })! })) } });
    const builds: BuildReport[] = [];
    let secondBuilt = () => {};
    const second = new Promise<void>((done) => (secondBuilt = done));
    server = new PreviewServer({ contentDir: dir, port: 0, now: () => DateTime.now(), followClock: true, onBuild: (build) => (builds.push(build), builds.length === 2 && secondBuilt()), debounceMs: 60_000 });
    await server.start();
    expect(builds[0]!.ok && builds[0]!.result.heldBack.map((held) => held.file)).toEqual(['entries/2014/soon.md']);
    expect((await fetch(`${server.url}entries/2014/soon/`)).status).toBe(404);
    let deadline: NodeJS.Timeout | undefined;
    await Promise.race([second, new Promise((done) => (deadline = setTimeout(done, 8_000)))]);
    clearTimeout(deadline);
    expect(builds).toHaveLength(2);
    expect(builds[1]!.ok && builds[1]!.result.entries.published).toBe(2);
    expect((await fetch(`${server.url}entries/2014/soon/`)).status).toBe(200);
  });

  it("reports a failed build's warnings beside its problems: the unknown `URL:` that explains `url: is missing`", async () => {
    const { url: _url, ...noUrl } = entry({ title: 'B', date: '2014-05-01' });
    const dir = await contentFolder({ site: SITE, entries: { '2014/b.md': entryText({ URL: 'https://news.example.com/b', ...noUrl }) } });
    const builds: BuildReport[] = [];
    server = new PreviewServer({ contentDir: dir, port: 0, now: () => DateTime.fromISO('2014-06-01T00:00:00+09:00'), onBuild: (build) => builds.push(build), debounceMs: 60_000 });
    await server.start();
    const [build] = builds;
    expect(build).toMatchObject({ ok: false, problems: [{ file: 'entries/2014/b.md', field: 'url', message: 'is missing' }] });
    // Line 2: URL is written first, after the opening `---`.
    expect(build!.ok ? [] : build!.warnings).toEqual([expect.objectContaining({ file: 'entries/2014/b.md', line: 2, field: 'URL', message: 'is not a known field and is ignored' })]);
  });
});

// What the preview never serves, whatever case the request spells it in: on a disk that ignores case, another
// spelling opens the same files.
describe('isStateKey', () => {
  it('is the state folder and everything in it, in any case', () => {
    for (const key of ['_broadsheet', '_broadsheet/index.json', '_BROADSHEET/index.json', '_Broadsheet/manifest.json', '_bROADSHEET']) expect(isStateKey(key), key).toBe(true);
  });
  it('is nothing else', () => {
    for (const key of ['index.html', '_broadsheetx/a.html', 'tags/_broadsheet/index.html', 'broadsheet/index.html']) expect(isStateKey(key), key).toBe(false);
  });
});

/** A request with the Host given (fetch cannot set it), its status, headers and body. */
function send(url: string, options: { method?: string; host?: string; body?: string | Buffer } = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const body = options.body ?? '';
    const sent = request(url, { method: options.method ?? 'GET', headers: { ...(options.host ? { host: options.host } : {}), 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

// A browser or a proxy must never keep an error for a URL that works a moment later (after the next save).
describe("the preview's error answers: never cached, never sniffed", () => {
  const NOW = () => DateTime.fromISO('2014-06-01T00:00:00+09:00');
  const ENTRIES = { '2014/a.md': entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-01' })) };
  const uncached = (answer: { headers: IncomingHttpHeaders }) => expect(answer.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });

  async function start(subscriptions?: (folders: string) => { subscribersDir: string; outboxDir: string; secret: string; now: () => DateTime }, site: object = SITE): Promise<{ url: string; dir: string }> {
    const dir = await contentFolder({ site: site as typeof SITE, entries: ENTRIES });
    const folders = await mkdtemp(join(tmpdir(), 'broadsheet-preview-errors-'));
    server = new PreviewServer({ contentDir: dir, port: 0, now: NOW, onBuild: () => undefined, debounceMs: 60_000, ...(subscriptions ? { subscriptions: subscriptions(folders) } : {}) });
    return { url: await server.start(), dir };
  }
  const folders = (root: string) => ({ subscribersDir: join(root, 'subscribers'), outboxDir: join(root, 'outbox'), secret: 'preview-secret-long-enough', now: NOW });

  it('404: a file that is not there', async () => {
    const { url } = await start();
    const answer = await send(`${url}nope.html`);
    expect(answer.status).toBe(404);
    uncached(answer);
  });

  it('405: a method other than GET and HEAD, with Allow', async () => {
    const { url } = await start();
    const answer = await send(url, { method: 'POST' });
    expect([answer.status, answer.headers.allow]).toEqual([405, 'GET, HEAD']);
    uncached(answer);
  });

  it('421: a Host that is not loopback', async () => {
    const { url } = await start();
    const answer = await send(url, { host: `evil.example:${new URL(url).port}` });
    expect(answer.status).toBe(421);
    uncached(answer);
  });

  // The subscribe function answers it on the subscription handler's page, saying what to do; the preview answered
  // a plain `form too large`. Now the same page, from the same handler: SITE's language and title.
  it("413: a form over 16 KiB, on the subscription handler's page, as the subscribe function answers it", async () => {
    const { url } = await start(folders);
    const answer = await send(`${url}subscribe`, { method: 'POST', body: `email=${'a'.repeat(17 * 1024)}` });
    expect([answer.status, answer.headers['content-type'], answer.headers.connection]).toEqual([413, 'text/html; charset=utf-8', 'close']);
    expect(answer.body).toContain('<html lang="en">');
    expect(answer.body).toContain('<title>Form too large · Test Watch</title>');
    expect(answer.body).toContain('Go back and send it again with fewer topics ticked, or sign up again from any page of the site.');
    uncached(answer);
    // One of many chunks is not read to its end: the same page, the connection closed after it.
    const huge = await send(`${url}subscribe`, { method: 'POST', body: `email=${'a'.repeat(256 * 1024)}` });
    expect([huge.status, huge.headers.connection]).toEqual([413, 'close']);
    expect(huge.body).toContain('<title>Form too large · Test Watch</title>');
    // A form within the limit is read whole and answered as ever.
    const within = await send(`${url}subscribe`, { method: 'POST', body: 'email=ada%40example.org' });
    expect(within.status).not.toBe(413);
  });

  it('503: a site.yml that no longer parses, at a subscription endpoint', async () => {
    const { url, dir } = await start(folders);
    await writeFile(join(dir, 'site.yml'), 'title: [unclosed\n');
    const answer = await send(`${url}subscribe`, { method: 'POST', body: 'email=ada%40example.org' });
    expect([answer.status, answer.body]).toEqual([503, 'site.yml does not parse; fix it first\n']);
    uncached(answer);
    // A form too large still gets the handler's 413 page, in the plain page's words, as the subscribe function answers it.
    const large = await send(`${url}subscribe`, { method: 'POST', body: `email=${'a'.repeat(17 * 1024)}` });
    expect([large.status, large.headers['content-type'], large.headers.connection]).toEqual([413, 'text/html; charset=utf-8', 'close']);
    expect(large.body).toContain('Go back and send it again with fewer topics ticked, or sign up again from any page of the site.');
    uncached(large);
  });

  it('503: content that does not build yet, with Retry-After', async () => {
    const { url } = await start(undefined, { ...SITE, timezone: 'Nowhere/Atlantis' });
    const answer = await send(url);
    expect([answer.status, answer.headers['retry-after'], answer.headers['content-type']]).toEqual([503, '1', 'text/html; charset=utf-8']);
    uncached(answer);
  });

  it('503: lists the warnings that explain the problems before them, as the terminal does', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/a.md': '---\nTitle: Kaesong wages\nurl: https://news.example.com/a\nsource: Example News\ndate: 2014-05-08\n---\nCommentary.\n' } });
    server = new PreviewServer({ contentDir: dir, port: 0, now: NOW, onBuild: () => undefined, debounceMs: 60_000 });
    const answer = await send(await server.start());
    expect(answer.status).toBe(503);
    expect(answer.body).toContain(
      '<ul><li>warning: entries/2014/a.md:2: Title: is not a known field and is ignored (keys are lowercase: write title:)</li><li>entries/2014/a.md: title: is missing (add title: with the article&#39;s headline)</li></ul>',
    );
  });

  it("sends the CDN's headers: the pages' policy on pages, the 404 and the subscription pages, the feeds' on feeds, nosniff and the referrer policy on each", async () => {
    const { url } = await start(folders);
    const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    const answers = {
      page: await send(url),
      notFound: await send(`${url}nope.html`),
      signup: await send(`${url}subscribe`, { method: 'POST', body: 'email=ada%40example.org' }),
      feed: await send(`${url}rss.xml`),
      feedToBrowser: await fetch(`${url}atom.xml`, { headers: { accept: browser } }),
      json: await send(`${url}feed.json`),
    };
    const header = (answer: { headers: IncomingHttpHeaders | Headers }, name: string) => (answer.headers instanceof Headers ? answer.headers.get(name) : answer.headers[name]) ?? undefined;
    for (const name of ['page', 'notFound', 'signup'] as const) expect(header(answers[name], 'content-security-policy'), name).toBe(PAGE_POLICY);
    for (const name of ['feed', 'feedToBrowser'] as const) expect(header(answers[name], 'content-security-policy'), name).toBe(FEED_POLICY);
    expect(header(answers.feedToBrowser, 'content-type')).toBe('application/xml; charset=utf-8');
    expect(header(answers.json, 'content-security-policy')).toBeUndefined();
    for (const [name, answer] of Object.entries(answers)) expect(header(answer, 'x-content-type-options'), name).toBe('nosniff');
    // The subscription pages keep their own, stricter one (no referrer, as the function sends it).
    for (const name of ['page', 'notFound', 'feed', 'feedToBrowser', 'json'] as const) expect(header(answers[name], 'referrer-policy'), name).toBe('strict-origin-when-cross-origin');
    expect(header(answers.signup, 'referrer-policy')).toBe('no-referrer');
  });

  it('500: a request that fails inside the preview (the subscribers folder is a file)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'broadsheet-preview-errors-'));
    await writeFile(join(root, 'not-a-folder'), 'a file where the folder should be');
    const { url } = await start(() => ({ ...folders(root), subscribersDir: join(root, 'not-a-folder') }));
    const answer = await send(`${url}subscribe`, { method: 'POST', body: 'email=ada%40example.org' });
    expect(answer.status).toBe(500);
    expect(answer.body).toMatch(/^preview error: /);
    uncached(answer);
  });
});
