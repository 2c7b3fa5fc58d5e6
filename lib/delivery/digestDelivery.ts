import type { UnknownRead } from './concludedSince.js';
import type { DateTime } from 'luxon';
import type { DigestConfig } from '../content/digestConfig.js';
import type { Tag } from '../content/entry.js';
import { renderDigestArchiveHtml } from '../digest/digestHtml.js';
import type { DigestModel } from '../digest/digestModel.js';
import { ArchiveError, ConfigError, ContentError, UsageError } from '../shared/errors.js';
import { listIdOf, unsubscribeUrl, type UnsubscribeMode } from './message.js';
import { digestSubject } from '../digest/digestSubject.js';
import { uniqueRecipients, type Recipient } from '../subscribers/recipient.js';
import { topicNames } from '../subscribers/topicNames.js';
import { sendDigest, type SendSummary } from './sendDigest.js';
import { SendLedger } from './sendLedger.js';
import { noteSending } from './unsettledWeeks.js';
import { shardToucher } from './shardNotes.js';
import { subscriptionHandlerOrigin } from '../shared/subscriptionHandlerOrigin.js';
import { domainToUnicode } from 'node:url';
import { FailureStreak } from './failureStreak.js';
import type { MailTransport } from './transport.js';
import { MANIFEST_KEY, readManifest } from '../publish/manifest.js';
import { sha256 } from '../shared/sha256.js';
import { renderDigestEmail, renderDigestHtml } from '../digest/renderDigestHtml.js';
import { renderDigestText } from '../digest/renderDigestText.js';
import { readSiteFile, type Site } from '../content/site.js';
import { siteNotFound } from '../content/siteNotFound.js';
import type { Store } from '../store/store.js';
import { weekNameProblem } from '../time/weekName.js';
import { countOf } from '../shared/countOf.js';

// Delivering a week's digest once it is archived: the email, the send ledger, the check that the archive holds
// the week as the email shows it. Nothing here publishes or parses Markdown, so the digest function bundles
// this without the publishing core (cli/digestRun.ts has the whole run, for the CLI).

export interface DigestSendOptions {
  /** Makes the transport once the site's digest settings are known (loading its client then); the run closes it. */
  transport: (config: DigestConfig) => MailTransport | Promise<MailTransport>;
  /**
   * Who gets it, listed whole: the subscriber file, the SES contact list, or --to. Called only when there is
   * something to send. Left out where the subscriber store is sent a shard at a time (deliverByShard, the fan-out),
   * which give each shard's own.
   */
  recipients?: (config: DigestConfig, transport: MailTransport) => Promise<Recipient[]>;
  /** DIGEST_UNSUBSCRIBE_SECRET, for the {token} of digest.unsubscribe.url. */
  unsubscribeSecret?: string;
  /**
   * The recipients are the subscriber store's: their unsubscribe link must be the subscription handler's own, the
   * one place that records the unsubscribe in the store (another would leave them subscribed, sent every week).
   */
  subscriberStore?: boolean;
  runId?: string;
  /**
   * The recipients are test copies (`digest --to`): their ledger is kept apart from the subscribers', one per version
   * of the week's email, so a test copy never keeps the subscribers' send from an address, and each new version
   * (after an edit) reaches a test address once.
   */
  testCopies?: boolean;
  /** Milliseconds left before the run must end (a Lambda's remaining time); see sendDigest. */
  timeLeft?: () => number;
  /** The longest one request of the ledger's and the subscriber store's store can take, counted in the time kept in hand; see sendDigest. */
  storeRequestMs?: number;
  /** What to keep in hand besides one message and its store requests; see sendDigest. */
  reserveMs?: number;
  /** The wall clock, read at each handover; see sendDigest. */
  clock?: () => DateTime;
  /** Before each message: a reason to stop (the editor's Ctrl-C); see sendDigest. */
  stopRequested?: () => Promise<string | undefined>;
  /** Transport failures in a row, counted across every send that shares it (see FailureStreak). Default: one per deliverDigest. */
  streak?: FailureStreak;
  /** Before each message: why its recipient is no longer one (read again from the subscriber store); see sendDigest. */
  recipientLeft?: (address: string) => Promise<string | undefined>;
  /** Takes those the ledger gave as unknown, to read them again once the run's sends are done; see sendDigest. */
  unknownRead?: (recipients: readonly UnknownRead[]) => void;
  log?: (line: string) => void;
}

/** What a send needs besides the model, settled before anything is published. */
export interface PreparedSend {
  transport: MailTransport;
  unsubscribe: UnsubscribeMode;
  from: string;
}

/** Checks a week's name: `YYYY-Www` naming a week that exists (W53 only in long ISO years); `field` names it in the refusal (`--week`, `"week"`). */
export function checkWeekName(name: string, field: string): void {
  const problem = weekNameProblem(name);
  if (problem) throw new UsageError(`${field}: ${problem}`);
}

/** The valid site.yml, or a ContentError with its problems (a missing file is one) and its warnings. */
export async function requireSite(content: Store): Promise<Site> {
  const parsed = await readSiteFile(content);
  if (!parsed) throw new ContentError([await siteNotFound(content, 'create site.yml with title, description, url, language and timezone')]);
  if (!parsed.site) throw new ContentError(parsed.problems, { warnings: parsed.warnings });
  return parsed.site;
}

/** A send that cannot work (no From, no unsubscribe target for file and smtp) fails here, before anything is published. */
export async function prepareSend(site: Site, send: DigestSendOptions): Promise<PreparedSend> {
  const from = requireFrom(site);
  const transport = await send.transport(site.digest);
  const unsubscribe = unsubscribeModeOf(site, transport.listManaged, send);
  return { transport, unsubscribe, from };
}

/**
 * prepareSend's refusals for a send another function makes (the digest function queues it for the digest-sender):
 * whether the transport manages the list is told rather than a transport made, and the token secret is only said to
 * be given to the sender (`secretGiven`), never read: it signs any address's links, so the sender alone reads it.
 */
export function checkSend(site: Site, send: { listManaged: boolean; subscriberStore?: boolean; secretGiven: boolean }): void {
  requireFrom(site);
  unsubscribeModeOf(site, send.listManaged, { ...(send.subscriberStore ? { subscriberStore: true } : {}) }, send.secretGiven);
}

function requireFrom(site: Site): string {
  if (!site.digest.from) throw new ConfigError('site.yml: digest.from is missing (write from: "Site Name <digest@example.org>")');
  return site.digest.from;
}

/** How the recipients unsubscribe, or a ConfigError when they could not; `secretGiven`: a secret is given elsewhere. */
function unsubscribeModeOf(site: Site, listManaged: boolean, send: Pick<DigestSendOptions, 'subscriberStore' | 'unsubscribeSecret'>, secretGiven = false): UnsubscribeMode {
  if (listManaged) return { kind: 'ses' };
  const { url, mailto } = site.digest.unsubscribe;
  // RFC 8058 §3.1 one-click needs an https URI; RFC 2369 mailto is the fallback for clients without it.
  if (!url || !mailto) throw new ConfigError('site.yml: digest.unsubscribe needs both url (https) and mailto for the file and smtp transports, and for ses without a contact list (RFC 8058)');
  if (send.subscriberStore && subscriptionHandlerOrigin(url) === undefined) {
    throw new ConfigError(`site.yml: digest.unsubscribe.url is ${url}, but the subscriber store's subscribers leave through its own endpoint, the one place that records it (write url: ${new URL(site.url).origin}/unsubscribe?token={token})`);
  }
  if (!secretGiven) unsubscribeUrl(url, 'check@example.org', listIdOf(site), send.unsubscribeSecret);
  return { kind: 'headers', urlTemplate: url, mailto, ...(send.unsubscribeSecret ? { secret: send.unsubscribeSecret } : {}) };
}

/** The week's own archive files (digests/YYYY-Www.html and .txt), which the email links to, as a publish writes them. */
export function digestWeekFiles(model: DigestModel): { key: string; body: Buffer }[] {
  return [
    { key: model.keys.html, body: Buffer.from(renderDigestArchiveHtml(model), 'utf8') },
    { key: model.keys.text, body: Buffer.from(renderDigestText(model, { variant: 'archive' }), 'utf8') },
  ];
}

/**
 * Sends only what is archived: the manifest (written last by a publish) must hold each of the week's files, or this
 * throws ArchiveError, so that the email's link to the archive works. Without `reported`, they must hold the bytes
 * this model renders. `reported`: the SHA-256s the publisher says it archived. A model that does not render them did
 * not survive its trip (refused); one that does was published, so a manifest that holds other bytes for the files
 * now was written by a later publish (a correction): the model is sent as handed over, its link showing the week as
 * corrected. Returns the files re-rendered so since, for the caller to log.
 */
export async function checkArchived(output: Store, model: DigestModel, reported?: Readonly<Record<string, string>>): Promise<string[]> {
  const files = digestWeekFiles(model);
  if (reported) {
    const garbled = files.filter((file) => reported[file.key] !== sha256(file.body)).map((file) => file.key);
    if (garbled.length > 0) throw new ArchiveError(`the digest model does not render ${garbled.join(' and ')} as the publish function archived ${garbled.length === 1 ? 'it' : 'them'}; nothing is sent (are both functions deployed from the same version?)`);
  }
  const { manifest, damaged } = await readManifest(output);
  // A manifest that cannot be read lists nothing: told as such, not as a week unpublished, which it may not be.
  if (damaged !== undefined) throw new ArchiveError(`${MANIFEST_KEY} cannot be read (${damaged}), so the archive the email links to cannot be checked; nothing is sent until a publish writes the manifest again`);
  const missing = reported ? files.filter((file) => manifest[file.key] === undefined) : files.filter((file) => manifest[file.key]?.sha256 !== sha256(file.body));
  if (missing.length > 0) {
    const keys = missing.map((file) => file.key).join(' and ');
    throw new ArchiveError(`${keys} ${missing.length === 1 ? 'is' : 'are'} not published${reported ? '' : ' as rendered'}; nothing is sent until the archive the email links to is published`);
  }
  return files.filter((file) => manifest[file.key]!.sha256 !== sha256(file.body)).map((file) => file.key);
}

/** The digest function's and the sender's log line for checkArchived's re-rendered files. */
export const ARCHIVE_RERENDERED = 'the week\'s archive was re-rendered by a publish since the week was handed over (a correction): sent as handed over, its archive link showing the week as corrected';

export interface DeliverOptions {
  /** Holds the send ledger (the site's output store). */
  output: Store;
  now: DateTime;
  send: DigestSendOptions;
  prepared: PreparedSend;
  /** The recipients are one batch of a larger list: the ledger is read per recipient, never listed whole. */
  batch?: boolean;
  /**
   * The tags the published site has (tags/tags.json: lib/subscribers/offeredTags.ts), where the run can read them: a
   * chosen tag neither among them nor given by a tagSlugs line is reported (Delivery.goneTags); one no entry of the
   * week carries is named in the footer by its name here.
   */
  siteTags?: readonly Tag[];
}

export interface Delivery {
  send?: SendSummary;
  /** Why nothing was sent (an empty week without sendEmpty). */
  notSent?: string;
  /** The week's archive files a later publish re-rendered since the model was handed over (checkArchived). */
  rerendered?: string[];
  /** Chosen tags the site no longer has (DeliverOptions.siteTags), each with how many recipients chose it: lib/delivery/goneTagWarnings.ts. */
  goneTags?: Record<string, number>;
  /** The name this send marked the week with (noteSending), which its note carries for status to take its counts (noteUnsettled's runId). */
  marked?: string;
}

/** Sends an archived week to every recipient exactly once (the send ledger in `output`). */
export async function deliverDigest(model: DigestModel, options: DeliverOptions): Promise<Delivery> {
  const { site } = model;
  const config = site.digest;
  const empty = emptyWeekNotSent(model);
  if (empty !== undefined) return { notSent: empty };
  const { send, prepared } = options;
  const { transport, unsubscribe } = prepared;
  if (!send.recipients) throw new TypeError('deliverDigest: send.recipients is required to send to a whole list');
  const recipients = await send.recipients(config, transport);
  const listId = listIdOf(site);
  const testVersion = send.testCopies ? testCopyVersion(model) : undefined;
  const ledger = new SendLedger(options.output, testVersion ? testLedgerName(model, testVersion) : model.week.name, options.batch === true);
  // A whole list's send marks the week before its first ledger write (a batch's caller marks it once, as it begins).
  const marked = !options.batch && !testVersion && recipients.length > 0 ? await noteSending(options.output, model.week.name, send.runId) : undefined;
  // Its shards' notes too, each before its first write there (deliverByShard marks each shard a batch is given).
  const touchShard = marked === undefined ? undefined : shardToucher(options.output, model.week.name, marked);
  const streak = send.streak ?? new FailureStreak();
  let total: SendSummary | undefined;
  // Subscribers who chose tags get the week's entries with one of them; the same choice is rendered once.
  // Its footer names the choice as the week's entries name the tags, one none carries this week as the site's tags
  // do (given with the send: the senders' role reads no published page), else by its slug, read back from punycode
  // where the slug is that (slugify writes Hangul so).
  const known = [...model.entries.flatMap((entry) => entry.tags), ...(options.siteTags ?? [])];
  const groups = [...byTags(recipients)].map(([key, group]) => {
    const chosen = new Set(key === '' ? [] : key.split(','));
    if (chosen.size === 0) return { tags: [], group, view: model };
    const entries = model.entries.filter((entry) => entry.tags.some((tag) => chosen.has(tag.slug)));
    // The archived page holds the whole week: "View in browser" only when this email does too.
    const view: DigestModel = { ...model, entries, topics: topicNames([...chosen], known).map(unpunycoded), ...(entries.length < model.entries.length ? { partOfWeek: true as const } : {}) };
    return { tags: [...chosen], group, view };
  });
  // A renamed tag ends its subscribers' digests for good, which a quiet week's line would not tell.
  const offered = options.siteTags ? new Set([...options.siteTags.map((tag) => tag.slug), ...Object.values(site.tagSlugs ?? {})]) : undefined;
  // No prototype: a slug such as constructor is a key like any other.
  const gone: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const { tags, group } of groups) for (const tag of tags) if (offered && !offered.has(tag)) gone[tag] = (gone[tag] ?? 0) + group.length;
  const goneTags = Object.keys(gone).length > 0 ? { goneTags: gone } : {};
  for (const [i, { tags, group, view }] of groups.entries()) {
    if (tags.length > 0 && view.entries.length === 0) {
      const allGone = tags.every((tag) => gone[tag] !== undefined);
      const who = `the ${countOf(group.length, 'subscriber', 'subscribers')} who chose ${tags.join(', ')}`;
      send.log?.(allGone ? `nothing for ${who}, ${tags.length === 1 ? 'a tag' : 'tags'} no published entry has any more: not sent (see the warning)` : `nothing this week for ${who}: not sent`);
      continue;
    }
    const email = renderDigestEmail(view, { variant: 'email' });
    const summary = await sendDigest({
      model: view,
      html: email.html,
      cut: email.cut,
      recipients: group,
      transport,
      ledger,
      now: options.now,
      from: prepared.from,
      ...(config.replyTo ? { replyTo: config.replyTo } : {}),
      subject: digestSubject(config.subject, { title: site.title, range: model.rangeText, week: model.week.name, count: view.entries.length }),
      listId,
      unsubscribe,
      ...(testVersion ? { testVersion } : {}),
      ...(send.runId ? { runId: send.runId } : {}),
      ...(send.timeLeft ? { timeLeft: send.timeLeft } : {}),
      ...(send.storeRequestMs !== undefined ? { storeRequestMs: send.storeRequestMs } : {}),
      ...(send.reserveMs !== undefined ? { reserveMs: send.reserveMs } : {}),
      ...(send.stopRequested ? { stopRequested: send.stopRequested } : {}),
      ...(send.clock ? { clock: send.clock } : {}),
      streak,
      ...(send.recipientLeft ? { recipientLeft: send.recipientLeft } : {}),
      ...(send.unknownRead ? { unknownRead: send.unknownRead } : {}),
      ...(touchShard ? { touchShard } : {}),
      ...(send.log ? { log: send.log } : {}),
    });
    total = total ? mergeSummaries(total, summary) : summary;
    if (summary.stopped) {
      // The groups not begun are not reached: the summary counts the whole list.
      const notBegun = groups.slice(i + 1).reduce((n, later) => n + (later.tags.length > 0 && later.view.entries.length === 0 ? 0 : uniqueRecipients(later.group).length), 0);
      total = { ...total, total: total.total + notBegun, notReached: total.notReached + notBegun };
      break;
    }
  }
  return total ? { send: total, ...goneTags } : { notSent: `this week's entries have none of the tags chosen by the ${countOf(recipients.length, 'recipient', 'recipients')}`, ...goneTags };
}

/** The version of the week's email a test copy shows: a hash of its subject and HTML. */
export function testCopyVersion(model: DigestModel): string {
  const subject = digestSubject(model.site.digest.subject, { title: model.site.title, range: model.rangeText, week: model.week.name, count: model.entries.length });
  return sha256(Buffer.from(`${subject}\n${renderDigestHtml(model, { variant: 'email' })}`, 'utf8')).slice(0, 16);
}

/** The ledger of test copies of this version of the week: its name holds the version. */
export function testLedgerName(model: DigestModel, version = testCopyVersion(model)): string {
  return `${model.week.name}.test-${version}`;
}

/** Why an empty week is not sent (without digest.sendEmpty); undefined for a week to send. */
export function emptyWeekNotSent(model: DigestModel): string | undefined {
  if (model.entries.length > 0 || model.site.digest.sendEmpty) return undefined;
  return `${model.week.name} has no entries and digest.sendEmpty is false: archived as empty, not sent`;
}

/**
 * A slug of punycode words only (RFC 3492), as slugify writes a Hangul tag, read back: `xn--pr3b894b-xn--289a223c` is
 * 북한 경제. Any other slug is shown as it is (a word with a hyphen of its own could not be told from the next).
 */
function unpunycoded(slug: string): string {
  const words = slug.split(/-(?=xn--)/);
  if (!words.every((word) => /^xn--[a-z0-9]+$/.test(word))) return slug;
  const read = words.map((word) => domainToUnicode(word));
  return read.every((word) => word !== '') ? read.join(' ') : slug;
}

/** Recipients grouped by their sorted tag choice ('' for every entry), in the order first seen. */
function byTags(recipients: readonly Recipient[]): Map<string, Recipient[]> {
  const groups = new Map<string, Recipient[]>();
  for (const recipient of recipients) {
    const key = [...new Set(recipient.tags ?? [])].sort().join(',');
    const group = groups.get(key);
    if (group) group.push(recipient);
    else groups.set(key, [recipient]);
  }
  if (groups.size === 0) groups.set('', []);
  return groups;
}

/** Two sends' summaries as one: counts added, results in order; stopped if the second stopped. */
export function mergeSummaries(a: SendSummary, b: SendSummary): SendSummary {
  const merged: SendSummary = { ...a, total: a.total + b.total, sent: a.sent + b.sent, skipped: a.skipped + b.skipped, failed: a.failed + b.failed, unknown: a.unknown + b.unknown, notReached: a.notReached + b.notReached, results: [...a.results, ...b.results] };
  const heldByOthers = (a.heldByOthers ?? 0) + (b.heldByOthers ?? 0);
  if (heldByOthers > 0) merged.heldByOthers = heldByOthers;
  const subscribedLater = (a.subscribedLater ?? 0) + (b.subscribedLater ?? 0);
  if (subscribedLater > 0) merged.subscribedLater = subscribedLater;
  const inProgress = (a.inProgress ?? 0) + (b.inProgress ?? 0);
  if (inProgress > 0) merged.inProgress = inProgress;
  if (b.stopped) merged.stopped = b.stopped;
  if (b.stoppedBy) merged.stoppedBy = b.stoppedBy;
  return merged;
}
