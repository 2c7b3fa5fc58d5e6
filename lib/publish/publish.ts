import type { DateTime } from 'luxon';
import type { ArtifactBuilder } from '../plan/artifact.js';
import { codeIdentity } from '../codeIdentity.js';
import { scanContent, type ContentScan } from '../content/contentScan.js';
import { PublishLockedError, type Problem } from '../shared/errors.js';
import { diffManifest, hasPublished, manifestBytes, manifestHash, parseManifest, unitRecords, type Change, type ChangeStatus, type Manifest, type StoredManifest } from './manifest.js';
import { UNKNOWN_SHA256 } from '../shared/unknownSha256.js';
import { isInside, type NowWindow } from '../plan/nowWindow.js';
import { isRacy } from '../store/isRacy.js';
import { settledInputs, type PublishSummary, type SettledRecord } from './settled.js';
import { mailedWeeks } from '../digest/mailedWeeks.js';
import type { RequestCounts, Store, StoredObject } from '../store/store.js';
import { inKeyOrder, listedSha256, serializeSettledManifest, settledFromText } from './settledText.js';
import { driftedKeys, forgetDrifted, withVersions } from './outputDrift.js';
import { sameBytesDrifted } from './sameBytesDrifted.js';
import { againOf, LOCK_KEY, removeLeftLock, withPublishLock, type PublishLockOptions } from './publishLock.js';
import { intentManifest } from './publishIntent.js';
import { checkpointManifest } from './checkpointManifest.js';
import { refuseEarlierNow } from './refuseEarlierNow.js';
import { deletedTagFeeds, invalidEntryTags, tagsNowOfTagged } from './deletedTagFeeds.js';
import { timed, type Timings } from '../shared/timings.js';
import { ARCHIVES_DIR, digestKeys, STATE_DIR, TAGS_DIR } from '../shared/outputLayout.js';
import { publishedTags } from '../subscribers/publishedTags.js';
import type { PingResult, ToPing, WebSubOptions } from './websub.js';
import { readPendingPings, rememberPings, stalePings, withPendingPings } from './pendingPings.js';
import type { FeedImpact } from './readerImpact.js';
import type { IdChange } from '../plan/idChanges.js';
import type { LoadedPlan } from './loadAndPlan.js';

export const DEFAULT_CACHE_CONTROL = 'public, max-age=300';

/**
 * Characters of Markdown bodies the load keeps for the render (lib/content/bodyCache.ts): a site of some thousands
 * of entries is read once; a larger one keeps the bodies read first and reads the others again when it renders
 * them. Bounded, so that a publish's memory stays that of its index, not of its content.
 */
export const KEPT_BODY_CHARACTERS = 32 * 2 ** 20;

export interface PublishOptions {
  /** Holds site.yml and entries/. */
  content: Store;
  /** Receives the feeds; also holds `_broadsheet/` (manifest and entry index). */
  output: Store;
  /** The moment to publish as: decides embargoes. */
  now: DateTime;
  /**
   * A moment (ms) on the content file system's clock taken before this publish lists the content: an entry file whose
   * mtime is not safely older (lib/store/isRacy.ts) is read again by the next publish, and this one records no settled
   * output. Default none: every version is trusted (S3's are).
   */
  readAt?: number;
  /** Report what would change and write nothing. Default false. */
  dryRun?: boolean;
  /** Publish the valid entries and report the invalid ones as skipped. Default false: any problem refuses the publish. */
  skipInvalid?: boolean;
  /** Cache-Control of published files. Default `public, max-age=300`. */
  cacheControl?: string;
  /**
   * Cache-Control of the RFC 5005 archive documents (`archives/`), which change only when an edit reaches back to
   * them. Default: cacheControl. A long one (`public, max-age=300, s-maxage=31536000`) is safe only with `invalidate`.
   */
  archiveCacheControl?: string;
  /**
   * Called after every file is written with the archive documents' keys that were rewritten, created or deleted,
   * so that a CDN drops its copies (README, "The whole history: RFC 5005 archives"). Its failure fails the publish after the write.
   */
  invalidate?: (keys: string[]) => Promise<void>;
  /** The families of files to make. Default: DEFAULT_BUILDERS (feeds, pages, digests); only these can settle. */
  builders?: readonly ArtifactBuilder[];
  /** Concurrent reads and writes. Default 16. */
  concurrency?: number;
  timings?: Timings;
  /** Called once per file as soon as its fate is known, for progress output. */
  onChange?: (change: Change) => void;
  /**
   * How to ping site.yml's `websub:` hub after a publish that wrote feeds (tests inject `fetch`); false: never
   * (preview); 'later': not here, the result's `toPing` says what to ping once the caller's own last steps (its run
   * record, its CDN invalidation) are done, so that none of them waits on the hub. Default: lib/websub defaults.
   */
  websub?: Omit<WebSubOptions, 'hub'> | false | 'later';
  /** Hold the output's publish lock while writing (lib/publish/publishLock.ts); the CLI and the Lambda do. Default: no lock. */
  lock?: PublishLockOptions;
  /** Publish even when an entry already published would get another id (lib/plan/idChanges.ts). Default false: refused. */
  allowIdChange?: boolean;
  /**
   * Publish as of a `now` before the moment the last publish's output needs (lib/publish/refuseEarlierNow.ts),
   * taking down what came due since. Default false: refused, nothing written.
   */
  allowEarlierNow?: boolean;
  /**
   * Overwrite, in an output no publish wrote to, the files at keys this publish writes (lib/publish/refuseUnclaimedFiles.ts),
   * naming them (PublishResult.replaced). Default false: refused, nothing written.
   */
  replaceUnclaimed?: boolean;
  /** Warn of entries re-dated since the last publish (LoadAndPlanOptions.reDatedWarnings), by a timezone change too. Default true; false: the preview's builds. */
  reDatedWarnings?: boolean;
  /**
   * The manifest of the build the output's entry index was copied from, for an output with no manifest of its own (the
   * preview's builds, each in a new folder with the previous one's index alone): which ids that build had public.
   */
  indexedBuild?: Readonly<Record<string, unknown>>;
  /** Keys whose manifest records the result gives (PublishResult.records), so a caller needs no read of the manifest. */
  recordsOf?: readonly string[];
  /**
   * Given the content as loaded and the plan the files are made from, before anything is built or written: what it
   * throws stops the publish with nothing written. Never called when the publish stops at the settled check. For
   * what needs that very plan (the digest's week, lib/publish/publishDigestWeek.ts); once the publish has used them,
   * the bodies it read are let go: read again as needed.
   */
  onPlanned?: (planned: LoadedPlan) => void;
  /**
   * Told how the writes ended while the publish lock is still held, its release after: every file, the entry index
   * and the manifest written, or the error that stopped them. The run's record is written here, so that a publish
   * killed before the release leaves its lock (status: UNFINISHED) and one killed after it its record, never
   * neither. Not told by a dry run, nor by a publish that ends before the lock (refused, invalid or settled).
   */
  beforeUnlock?: (ended: { written: PublishWritten } | { error: unknown }) => Promise<void>;
  /**
   * Called when a publish that stops with an error after its intent is about to write its checkpoint (the files it
   * saw written, lib/publish/checkpointManifest.ts), before beforeUnlock: a caller that bounds the run's requests
   * lets this one through, having kept time for it.
   */
  beforeCheckpoint?: () => void;
}

/** What a publish wrote, as its run record keeps it (lib/publish/publishRunRecord.ts), with what it found of the output (lib/publish/outputNotices.ts). */
export type PublishWritten = Pick<PublishResult, 'changes' | 'counts' | 'skipped' | 'warnings' | 'requests'> & Partial<Pick<PublishResult, 'repaired' | 'replaced' | 'manifestDamaged' | 'turnedBackFrom' | 'idChanges'>>;

export interface PublishResult extends PublishSummary {
  dryRun: boolean;
  /** True when nothing was loaded or built: the inputs and the moment matched the last publish's (lib/publish/settled.ts). */
  settled: boolean;
  changes: Change[];
  counts: Record<ChangeStatus, number>;
  /** The problems of the entries that --skip-invalid left out. */
  skipped: Problem[];
  warnings: Problem[];
  requests: { content: RequestCounts; output: RequestCounts };
  /** One per changed feed when the site has a WebSub hub; a failed ping never fails the publish. */
  pings: PingResult[];
  /** With `websub: 'later'`: the hubs and the changed feeds to tell them about (pingHubs), when there are any. */
  toPing?: ToPing;
  /** Files the output no longer held as the last publish left them (deleted or changed by someone else): written again. */
  repaired: string[];
  /** With replaceUnclaimed, the files no publish wrote that this one overwrote (a dry run: would overwrite), in key order. */
  replaced: string[];
  /** What was wrong with a damaged manifest, taken as absent: everything was written and the manifest rewritten. */
  manifestDamaged?: string;
  /** A dry run's report of what each changed feed's subscribers would see (lib/publish/readerImpact.ts). */
  readers?: FeedImpact[];
  /** The ids changed with allowIdChange. */
  idChanges: IdChange[];
  /** With allowEarlierNow, the moment the last publish's output needed, when `now` was before it. */
  turnedBackFrom?: DateTime;
  /**
   * The moments [from, until) for which the same inputs make the same files (no embargo ends, no digest week closes):
   * the settled record's window. A preview that follows the clock builds again at `until`.
   */
  window: NowWindow;
  /** The records of PublishOptions.recordsOf's keys as the output holds them after this publish (none for a key it lacks). */
  records: Manifest;
}

/**
 * Publishes the content into the output store: scan → load → plan → build → write, writing only what changed.
 *
 * After the scan (a GET of site.yml, a LIST of the entries), a GET of the manifest and a LIST of the output, made
 * together, it checks whether the output is settled: with the default builders, when the code, site.yml, every
 * entry file's version and the options are those of the last publish, `now` is inside the window that publish
 * recorded (no embargo ends, no digest week closes), and the LIST of the output finds every file as recorded
 * (lib/publish/outputDrift.ts) and every week mailed to subscribers archived (their send ledger is in the same
 * LIST), it would make the same files, so it stops there. The parsing and rendering code loads only otherwise.
 *
 * Everything is built before anything is written, so invalid content or a failed build writes nothing; the files
 * that changed wait in a spool (lib/publish/builtFiles.ts), not in memory. The writes hold
 * the output's lock (lib/publish/publishLock.ts) and start with the intent (lib/publish/publishIntent.ts).
 */
export async function publish(options: PublishOptions): Promise<PublishResult> {
  const { content, output, now, timings } = options;
  // The content's scan, the manifest and the output's listing need nothing of each other: on S3 their requests
  // overlap. Every publish needs the listing, settled or not (lib/publish/outputDrift.ts).
  // `scan` is let go once the settled record's inputs are taken, after the load: an async function's variable stays
  // alive across its awaits, and the content's listing is tens of megabytes for a large site. Only `scan` is reassigned.
  let [scan, stored, listed]: [ContentScan | undefined, { bytes?: Buffer | number | undefined }, StoredObject[]] = await Promise.all([
    scanContent(content, timings),
    // In a box let go once parsed: the run keeps what it parsed, never the text (StoredManifest.textHash).
    timed(timings, 'read', async (): Promise<{ bytes?: Buffer | number | undefined }> => ({ bytes: await manifestBytes(output) })),
    timed(timings, 'read', () => output.list('')),
  ]);
  // The hash needs every entry file's version. Without a settled record to compare it with (a first publish),
  // it is taken after the entries are read: a local store then has each version from its read, not a stat.
  let inputs: string | undefined;
  const { siteText } = scan;
  const inputsOf =
    options.builders === undefined && siteText !== undefined
      ? () => (inputs ??= settledInputs({ code: codeIdentity(), siteText, listed: scan!.listed, skipInvalid: Boolean(options.skipInvalid) }))
      : undefined;
  // Settled by the manifest's settled record and the listing alone, with no parse of its records (lib/publish/settledText.ts).
  // Otherwise, or for a caller that wants records, the manifest is parsed and checked whole, as below.
  const settles = (settled: SettledRecord) => inputsOf !== undefined && settled.racy !== true && settled.inputs === inputsOf() && isInside(settled, now.toMillis());
  const proven = inputsOf !== undefined && !options.recordsOf?.length ? settledFromText(stored.bytes, settles) : undefined;
  if (proven !== undefined && proven.outputSha256 === listedSha256(listed) && allArchived(listed)) {
    if (options.lock && !options.dryRun && listed.some((object) => object.key === LOCK_KEY)) await removeLeftLock(output, options.lock);
    return { ...settledResult(options, proven, unchangedFiles(listed), {}), ...(await pendingPingsOnly(options, listed, siteText)) };
  }
  const previous = await timed(timings, 'read', () => parseManifest(stored.bytes));
  delete stored.bytes;
  const turnedBack = refuseEarlierNow(previous.settled, now, Boolean(options.allowEarlierNow));
  // The files someone else deleted or changed since: a publish that is not settled writes them again. A file at another
  // version that holds its recorded bytes (a copied output) is no one's change: not written, its version recorded anew.
  const drifted = driftedKeys(previous.manifest, listed);
  const reVersioned = new Set(await timed(timings, 'read', () => sameBytesDrifted(output, previous.manifest, drifted, listed)));
  const repaired = reVersioned.size === 0 ? drifted : drifted.filter((key) => !reVersioned.has(key));
  // The output's listing holds the send ledger: the weeks mailed to subscribers, which the archive keeps, at no request.
  const mailed = mailedWeeks(listed);
  // A week is archived before it is mailed, so a mailed week lacks its page only when its entries moved out between
  // the two: the archive keeps it now (archivedWeeks), so the output is not settled. Any other mailed week
  // changes nothing.
  const unarchived = mailed.filter((name) => !Object.hasOwn(previous.manifest, digestKeys(name).html));
  // Settled only if the output still holds every file as recorded: one LIST, no read of any file.
  const settled = previous.settled;
  // Versions to record anew leave it unsettled: a settled publish writes no manifest, and the next would read them again.
  if (settled !== undefined && settles(settled) && repaired.length === 0 && reVersioned.size === 0 && unarchived.length === 0) {
    // A publish that died between its manifest and its lock's release: none that writes comes to take the lock over.
    if (options.lock && !options.dryRun && listed.some((object) => object.key === LOCK_KEY)) await removeLeftLock(output, options.lock);
    return { ...settledResult(options, settled, unchangedFiles(previous.manifest), recordsOf(options, previous.manifest)), ...(await pendingPingsOnly(options, listed, siteText)) };
  }

  // Loaded only past the settled check, which needs none of the parsing and rendering code.
  const { loadAndPlan, buildSite, writeSite, DEFAULT_BUILDERS, changedFeedUrls, hubsToPing, pingHubs, refuseIdChanges, findIdChanges, heldBackIdChanges, likelyRenames, refuseIdPrefixChange, publishedSiteFeed, refuseOtherSite, refuseUnclaimedFiles, refuseBlockedPaths, readerImpact, returningIds, heldBack, listIdChange, recordedListId, outIds, unfedEntries, unfedCorrections, zoneMoves, zoneMovedWarning } = await import('./unsettledPublish.js');
  const trusted = forgetDrifted(previous, repaired);
  const concurrency = options.concurrency ?? 16;
  const builders = options.builders ?? DEFAULT_BUILDERS;
  // The entry pages the last publish made say which ids it had public (or those of the build the index came from).
  const pages = hasPublished(previous) ? previous.manifest : options.indexedBuild;
  const { loaded, plan, warnedBefore } = await loadAndPlan(scan, {
    output,
    now,
    ...(options.allowIdChange ? {} : { idsRefused: { pages } }),
    mailedWeeks: mailed,
    skipInvalid: Boolean(options.skipInvalid),
    reDatedWarnings: options.reDatedWarnings !== false,
    ...(previous.warnedBefore ? { warnedBefore: previous.warnedBefore } : {}),
    keepBodies: KEPT_BODY_CHARACTERS,
    ...(options.readAt !== undefined ? { readAt: options.readAt } : {}),
    ...(timings ? { timings } : {}),
  });
  // In the site's zone, as the CLI gives the site's moments (JSON and the run record give it in UTC).
  const turnedBackFrom = turnedBack?.setZone(loaded.site.timezone);
  // What the settled record needs of the listing, taken now: each entry file was read, so a local store knows its version.
  const recordInputs = options.dryRun || inputsOf === undefined ? undefined : inputsOf();
  const racy = recordInputs !== undefined && scan.listed.some((object) => isRacy(object, options.readAt));
  scan = undefined;
  const idInputs = { entries: loaded.entries, before: loaded.before, now, pages };
  // An index made for this same site.yml was written by a publish under the same ids and url: nothing to compare.
  const feed = loaded.index.madeForThisContext ? undefined : await timed(timings, 'read', () => publishedSiteFeed(output));
  refuseOtherSite(feed, loaded, output.description);
  const idChanges = findIdChanges(idInputs);
  // The content's warnings, as check --out lists them: a refusal below reports them too, as this run would.
  // The digest's List-Id against the one the last publish recorded (a url moved to another host or path).
  const listIdWarning = [listIdChange(previous.listId, hasPublished(previous), loaded.site, siteText) ?? []].flat();
  // Entries added that no live feed carries: more at once than feed.limit holds, or dated before what the feeds hold.
  const unfed = unfedEntries(plan, previous.manifest);
  // Corrections made to entries that only an archive document carries, or come due since the last publish: no
  // subscriber sees them.
  // After a killed publish, what its intent kept of the last finished one's window, and the corrections it warned of.
  const lastCorrections = previous.settled ?? previous.correctionsBefore;
  const unfedFixes = unfedCorrections(plan, loaded.before.entries, previous.manifest, lastCorrections);
  // Kept in the intent for the next publish, should this one be killed.
  const correctionsBefore = { until: lastCorrections?.until ?? null, files: [...new Set(unfedFixes.map((warning) => warning.file))].sort() };
  // Published dates a site.yml change moved (its timezone), said once: the next publish's index is made for it. Not
  // in a preview's build, whose previous build was never published (with --out it compares with the published output).
  // A publish killed after writing its index left one made for this site.yml: its intent manifest keeps the dates moved.
  const moved = options.reDatedWarnings === false ? [] : zoneMoves(loaded, now, previous.zoneMoved);
  const zoneMoved = [zoneMovedWarning(moved, loaded.site.timezone) ?? []].flat();
  const warnings = [...loaded.warnings, ...zoneMoved, ...likelyRenames(idInputs, idChanges), ...heldBackIdChanges(idInputs, loaded.site.timezone), ...listIdWarning, ...unfed, ...unfedFixes];
  refuseIdChanges(idChanges, warnings, Boolean(options.allowIdChange), loaded.problems);
  // Allowed, every id changes: no reader has an id out now under the one it would come back with.
  const idPrefixChanged = refuseIdPrefixChange(feed, loaded.site, Boolean(options.allowIdChange), warnings) !== undefined;
  // What the index keeps of the ids published once and out now: one renamed before it comes back is still refused.
  const out = outIds(loaded.entries, loaded.before, now, idChanges, pages);
  loaded.index.setOut(idPrefixChanged ? out.map((entry) => ({ ...entry, fedIn: [] })) : out);
  options.onPlanned?.({ loaded, plan });
  const built = await buildSite(plan, loaded, trusted, { builders, concurrency, ...(timings ? { timings } : {}) });

  const { changes, next } = diffManifest(trusted.manifest, built.files.entries(), built.reused);
  const replaced = refuseUnclaimedFiles(listed, changes, output.description, Boolean(options.replaceUnclaimed));
  await refuseBlockedPaths(output, changes, listed);
  for (const change of changes) options.onChange?.(change);
  const counts: Record<ChangeStatus, number> = { new: 0, changed: 0, unchanged: 0, deleted: 0 };
  for (const change of changes) counts[change.status]++;
  // The names the last publish gave its tags (its tags/tags.json, not yet written over), read only when a tag feed goes.
  const tagFeedGone = changes.some((change) => change.status === 'deleted' && change.key.startsWith(TAGS_DIR));
  const allWarnings = [...warnings, ...deletedTagFeeds(changes, plan.tags, tagFeedGone ? await publishedTags(output) : [], tagFeedGone ? invalidEntryTags(loaded.before.entries, loaded.invalidKeys) : undefined, tagFeedGone ? tagsNowOfTagged(loaded.before.entries, loaded.entries) : undefined)];
  const summary: PublishSummary = {
    // An entry whose file is gone yet refused (held in iCloud, renamed) is one of them, skipped.
    entries: { total: new Set([...loaded.keys, ...loaded.invalidKeys]).size, published: plan.published.length, skipped: loaded.invalidKeys.size },
    tags: plan.tags.length,
    skipped: loaded.problems,
    // With the corrections no feed carries: a settled publish after this one reports them again, from its record.
    warnings: [...loaded.warnings, ...unfedFixes],
    heldBack: heldBack(loaded.entries, now, loaded.site.timezone),
  };
  let readers: FeedImpact[] | undefined;
  try {
    readers = options.dryRun ? await timed(timings, 'read', () => readerImpact(output, changes, built.files, new Set(listed.map((object) => object.key)), (key) => wroteFile(previous.manifest, key), returningIds(loaded.before.out, loaded.site, idPrefixChanged))) : undefined;
    if (!options.dryRun) {
      // What lets the next publish stop at the settled check: its inputs, and the moments it makes the same files for.
      const record: SettledRecord | undefined = recordInputs === undefined ? undefined : { inputs: recordInputs, ...built.window, summary, ...(racy ? { racy: true as const } : {}) };
      // Taken only now, with everything built: invalid content, or a failure before, leaves the output untouched.
      await withPublishLock(output, options.lock, async (held) => {
        // The manifest's text as stored, read again to check it: the intent is made from its bytes.
        let stored: Buffer | undefined;
        if (options.lock) {
          stored = await assertManifestUnchanged(held, previous.textHash, againOf(options.lock));
          // What a local write killed before its rename left.
          await held.removeLeftovers?.();
        }
        try {
          await timed(timings, 'write', () =>
            writeSite(held, {
              changes,
              files: built.files,
              keptBodies: built.keptBodies,
              keptSummaries: built.keptSummaries,
              index: loaded.index,
              entryKeys: loaded.keys,
              intentManifest: () => {
                // A first publish's says no digest was sent before it, as its manifest would: the one that completes it records the same.
                const intent = intentManifest(hasPublished(previous) ? trusted : { ...trusted, listId: null }, changes, moved.map((move) => move.published), stored && { text: stored, unsure: repaired }, warnedBefore, correctionsBefore.until !== null || correctionsBefore.files.length > 0 ? correctionsBefore : undefined);
                // Not held through the writes and the manifest's serialisation: it is as large as the manifest.
                stored = undefined;
                return intent;
              },
              checkpoint: (done) => checkpointManifest(hasPublished(previous) ? trusted : { ...trusted, listId: null }, changes, next, done, moved.map((move) => move.published), warnedBefore, correctionsBefore.until !== null || correctionsBefore.files.length > 0 ? correctionsBefore : undefined),
              ...(options.beforeCheckpoint ? { beforeCheckpoint: options.beforeCheckpoint } : {}),
              // The unit records made only now: a large site's are tens of megabytes, not held through the writes.
              manifest: (versionOf) => serializeSettledManifest(withVersions(next, versionOf), unitRecords(built.units, next, trusted.units), record, recordedListId(loaded.site, previous.listId, hasPublished(previous))),
              listed,
              previousManifestHash: previous.textHash,
              cacheControl: options.cacheControl ?? DEFAULT_CACHE_CONTROL,
              archiveCacheControl: options.archiveCacheControl ?? options.cacheControl ?? DEFAULT_CACHE_CONTROL,
              concurrency,
            }),
          );
        } catch (error) {
          await options.beforeUnlock?.({ error });
          throw error;
        }
        await options.beforeUnlock?.({ written: { changes, counts, skipped: summary.skipped, warnings: allWarnings, requests: requestsOf(options), repaired, replaced, idChanges, ...(previous.damaged !== undefined ? { manifestDamaged: previous.damaged } : {}), ...(turnedBackFrom ? { turnedBackFrom } : {}) } });
      });
    }
  } finally {
    built.files.dispose();
  }

  const invalidated = changes.filter((change) => change.status !== 'unchanged' && change.key.startsWith(ARCHIVES_DIR)).map((change) => change.key);
  if (!options.dryRun && options.invalidate && invalidated.length > 0) await options.invalidate(invalidated);

  // Only after every file and the manifest are written: the hub fetches the feeds as soon as it is told.
  // A site.yml that dropped or changed websub: the hub the last publish named too (read with its feed, as site.yml changed).
  const hubs = hubsToPing(loaded.site.websub, feed, repaired);
  const feeds = hubs && !options.dryRun && options.websub !== false ? changedFeedUrls(loaded.site.url, changes) : [];
  const { websub } = options;
  const later = websub === 'later';
  // With the pings an earlier publish left pending for the same hub, changed feeds or none.
  // `websub: false` pings nothing, yet drops the pings this publish made stale (a dry run writes nothing).
  const pending = options.dryRun ? undefined : await readPendingPings(output, listed);
  // The real time, as another run's noted pings are held to it (a publish without a lock leaves none to another).
  const realNow = options.lock?.clock();
  const { toPing, stale } = withPendingPings(hubs && feeds.length > 0 ? { ...hubs, feeds } : undefined, pending, hubs?.hub, { siteUrl: loaded.site.url, changes }, realNow);
  if (stale && (!toPing || websub === false)) await rememberPings(output, toPing ?? stalePings(pending, hubs?.hub, realNow), [], { lock: options.lock });
  const pings = toPing && websub !== false && !later ? await pingHubs(toPing, websub ?? {}) : [];
  // The record's write failing leaves the pings as a publish before it left them: a ping is only a hint.
  if (toPing && pings.length > 0) await rememberPings(output, toPing, pings, { lock: options.lock });

  return {
    dryRun: Boolean(options.dryRun),
    settled: false,
    changes,
    counts,
    ...summary,
    // Not in the settled record's summary: a settled publish renames and deletes nothing, and keeps its List-Id.
    warnings: allWarnings,
    requests: requestsOf(options),
    pings,
    ...(toPing && later ? { toPing } : {}),
    repaired,
    replaced,
    window: built.window,
    idChanges,
    records: recordsOf(options, options.dryRun ? trusted.manifest : next),
    ...(readers ? { readers } : {}),
    ...(previous.damaged !== undefined ? { manifestDamaged: previous.damaged } : {}),
    ...(turnedBackFrom ? { turnedBackFrom } : {}),
  };
}

/** Whether a finished publish wrote `key`: its record has its bytes' hash, not the unknown one of a killed publish's intent. */
function wroteFile(manifest: Manifest, key: string): boolean {
  const record = Object.hasOwn(manifest, key) ? manifest[key] : undefined;
  return record !== undefined && record.sha256 !== UNKNOWN_SHA256;
}

/** What a settled publish reports: every file unchanged (`changes`, in key order), and the summary the publish that settled it recorded. */
/**
 * A settled publish's pings: those an earlier publish left pending (lib/publish/pendingPings.ts), to the hub they
 * failed to reach, which is site.yml's still (a settled publish has the site.yml of the last one that was not), of
 * the feeds its output still lists at site.yml's `url` (`siteText`): a run that read the site before a publish
 * deleted a feed may have written its ping back since. Made here unless the caller makes them (`websub: 'later'`),
 * and a record that is not one removed.
 */
async function pendingPingsOnly(options: PublishOptions, listed: readonly StoredObject[], siteText: string | undefined): Promise<{ pings?: PingResult[]; toPing?: ToPing }> {
  const { websub, output } = options;
  if (options.dryRun || websub === false) return {};
  const pending = await readPendingPings(output, listed);
  const hub = pending === 'unreadable' ? undefined : pending?.hub;
  const now = options.lock?.clock();
  // Parsed only for a record to check: site.yml's parser is loaded past the settled check, as the publish's code is.
  const siteUrl = typeof pending === 'object' && siteText !== undefined ? (await import('../content/site.js')).parseSite(siteText).site?.url : undefined;
  const { toPing, stale } = withPendingPings(undefined, pending, hub, siteUrl === undefined ? undefined : { siteUrl, changes: listed }, now);
  if (stale && !toPing) await rememberPings(output, stalePings(pending, hub, now), [], { lock: options.lock });
  if (!toPing) return {};
  if (websub === 'later') return { toPing };
  const { pingHubs } = await import('./websub.js');
  const pings = await pingHubs(toPing, websub ?? {});
  await rememberPings(output, toPing, pings, { lock: options.lock });
  return { pings };
}

function settledResult(options: PublishOptions, settled: SettledRecord, changes: Change[], records: Manifest): PublishResult {
  for (const change of changes) options.onChange?.(change);
  return {
    dryRun: Boolean(options.dryRun),
    settled: true,
    changes,
    counts: { new: 0, changed: 0, unchanged: changes.length, deleted: 0 },
    ...settled.summary,
    requests: requestsOf(options),
    pings: [],
    repaired: [],
    replaced: [],
    window: { from: settled.from, until: settled.until },
    idChanges: [],
    records,
    ...(options.dryRun ? { readers: [] } : {}),
  };
}

/**
 * Each file unchanged, in key order: the manifest's, or the listing's files outside Broadsheet's state, which are the
 * manifest's, each with its size, when the listing hashes as the settled record says (listedSha256).
 */
function unchangedFiles(files: Manifest | readonly StoredObject[]): Change[] {
  const changes: Change[] = Array.isArray(files)
    ? files.filter((object) => !object.key.startsWith(STATE_DIR)).map((object) => ({ key: object.key, status: 'unchanged', size: object.size }))
    : Object.keys(files).map((key) => ({ key, status: 'unchanged', size: (files as Manifest)[key]!.size }));
  return inKeyOrder(changes);
}

/** Whether the listing holds the page of every week mailed to subscribers (their send ledger is in the same listing). */
function allArchived(listed: readonly StoredObject[]): boolean {
  const mailed = mailedWeeks(listed);
  if (mailed.length === 0) return true;
  const keys = new Set(listed.map((object) => object.key));
  return mailed.every((name) => keys.has(digestKeys(name).html) && !digestKeys(name).html.startsWith(STATE_DIR));
}

function recordsOf(options: PublishOptions, manifest: Manifest): Manifest {
  const records: Manifest = {};
  for (const key of options.recordsOf ?? []) if (manifest[key]) records[key] = manifest[key];
  return records;
}

/**
 * Another publish that finished while this one built, before it took the lock: this one's changes are stale.
 * Otherwise the manifest's text, when there is one small enough to read.
 */
async function assertManifestUnchanged(output: Store, builtAgainst: string, again: string): Promise<Buffer | undefined> {
  const bytes = await manifestBytes(output);
  if (manifestHash(bytes) !== builtAgainst) {
    throw new PublishLockedError(`another publish into ${output.description} finished while this one was building; nothing was written: ${again}`);
  }
  return Buffer.isBuffer(bytes) ? bytes : undefined;
}

function requestsOf(options: PublishOptions): PublishResult['requests'] {
  return { content: { ...options.content.requests }, output: { ...options.output.requests } };
}
