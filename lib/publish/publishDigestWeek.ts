import type { PublishLockOptions } from './publishLock.js';
import type { DateTime } from 'luxon';
import type { ArtifactBuilder } from '../plan/artifact.js';
import { scanContent } from '../content/contentScan.js';
import { loadContent } from '../content/loadContent.js';
import { renderEntries } from '../content/renderEntries.js';
import { readSiteFile, SITE_FILE, type Site } from '../content/site.js';
import { loadAndPlan, type LoadedPlan } from './loadAndPlan.js';
import type { Change } from './manifest.js';
import { publish, type PublishOptions, type PublishResult } from './publish.js';
import { ConfigError, UsageError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import { digestWeekAt, inWeek, type IsoWeek } from '../time/isoWeek.js';
import { archivedNeighbours, unkeptWeek, weekBeforeFirstEntry } from '../digest/digestArtifacts.js';
import { ledgerPrefix } from '../digest/ledgerRecords.js';
import { mailedWeeks } from '../digest/mailedWeeks.js';
import { buildDigestModel, type DigestModel } from '../digest/digestModel.js';
import { digestKeys } from '../shared/outputLayout.js';

export interface DigestWeekOptions {
  content: Store;
  output: Store;
  now: DateTime;
  /** The content file system's clock before the publish lists the content (PublishOptions.readAt). Default none. */
  readAt?: number;
  /** `YYYY-Www` (checked by the caller). Default: the week that ended last before `now`, in the site's zone. */
  week?: string;
  /** The name whoever asked gave `week`, opening each refusal of it: `"week"` for POST /digest's field. Default `--week` (the CLI's flag). */
  weekField?: string;
  /**
   * Refuse a named week the archive does not keep (unkeptWeek) before anything is written, as `broadsheet digest
   * --week` does: it writes and mails the week itself. Default false: publish exactly what a default publish does,
   * then refuse such a week with a UsageError (the publish function's way). Either way such a week is never
   * archived, since the next publish would delete it.
   */
  archiveNamedWeek?: boolean;
  /**
   * The week was not chosen by whoever asked (the schedule, a run without a week): `week`, when given, is the one the
   * schedule computed. Such a week before the site's first entry is nothing to archive or send (DigestWeek.nothing),
   * not a refusal. Always so when `week` is left out.
   */
  weekByDefault?: boolean;
  skipInvalid?: boolean;
  /** Publish as of a `now` before the moment the last publish's output needs (PublishOptions.allowEarlierNow). */
  allowEarlierNow?: boolean;
  cacheControl?: string;
  /** Cache-Control of the RFC 5005 archive documents (PublishOptions.archiveCacheControl). */
  archiveCacheControl?: string;
  /** The families of files to publish. Default DEFAULT_BUILDERS. */
  builders?: readonly ArtifactBuilder[];
  onChange?: (change: Change) => void;
  /** Told the week once it is settled (a default one included), before anything is published. */
  onWeek?: (week: IsoWeek) => void;
  /** The output's publish lock, held by each publish (lib/publish/publishLock.ts). */
  lock?: PublishLockOptions;
  /** PublishOptions.websub. */
  websub?: PublishOptions['websub'];
  /** PublishOptions.beforeUnlock: where the run's record is written, before the lock's release. */
  beforeUnlock?: PublishOptions['beforeUnlock'];
  /** PublishOptions.beforeCheckpoint. */
  beforeCheckpoint?: PublishOptions['beforeCheckpoint'];
}

export interface DigestWeek {
  publish: PublishResult;
  /** The week as archived: the email is made from it. */
  model: DigestModel;
  /** Set when the week, asked for by default, comes before the site's first entry: why nothing is archived or sent. */
  nothing?: string;
}

/**
 * Publishes the site, digest archive included, and returns one week's digest model as archived.
 *
 * The publish is the default one (incremental; with nothing changed it writes nothing, or stops at the settled
 * check), so a digest request costs the site no more than a scheduled publish. The model then comes from the
 * publish's own plan, the one the archive's files were made from, so the content is loaded once; after a settled
 * publish, which loaded nothing, from the plan at `now` (digestModelAt), which is the one they were made from.
 *
 * Refuses (UsageError) a week that has not ended at `now`, before anything is written, and a week the archive
 * does not keep, after the publish (which published only what any publish would); but a week asked for by default
 * that comes before the site's first entry is answered with `nothing` (weekBeforeFirstEntry), the publish done.
 */
export async function publishDigestWeek(options: DigestWeekOptions): Promise<DigestWeek> {
  const site = await validSite(options.content);
  const field = options.weekField ?? '--week';
  const week = digestWeekAt(options.now, site.timezone, options.week, field);
  options.onWeek?.(week);

  const common = {
    content: options.content,
    output: options.output,
    now: options.now,
    ...(options.readAt !== undefined ? { readAt: options.readAt } : {}),
    skipInvalid: Boolean(options.skipInvalid),
    allowEarlierNow: Boolean(options.allowEarlierNow),
    ...(options.cacheControl ? { cacheControl: options.cacheControl } : {}),
    ...(options.archiveCacheControl ? { archiveCacheControl: options.archiveCacheControl } : {}),
    ...(options.onChange ? { onChange: options.onChange } : {}),
    ...(options.lock ? { lock: options.lock } : {}),
    ...(options.websub !== undefined ? { websub: options.websub } : {}),
    ...(options.beforeUnlock ? { beforeUnlock: options.beforeUnlock } : {}),
    ...(options.beforeCheckpoint ? { beforeCheckpoint: options.beforeCheckpoint } : {}),
    // The week's archived files, as the publish leaves them: the digest function checks the copy it sends against them.
    recordsOf: Object.values(digestKeys(week.name)),
  };
  let planned: LoadedPlan | undefined;
  const onPlanned = (made: LoadedPlan) => {
    // The CLI writes and mails the named week itself: a week the next publish would delete is refused before either.
    // A publish settled at the check writes nothing, and the week is refused below.
    const unkept = options.archiveNamedWeek && options.week !== undefined ? unkeptWeek(made.plan, week) : undefined;
    if (unkept !== undefined) throw new UsageError(`${field}: ${unkept}`);
    planned = made;
  };
  // `builders` left out when not given: only a default publish can settle (lib/publish/publish.ts).
  const published = await publish({ ...common, ...(options.builders ? { builders: options.builders } : {}), onPlanned });
  const { model, unkept, beforeFirstEntry } = await digestModelAt({ content: options.content, output: options.output, now: options.now, week, skipInvalid: Boolean(options.skipInvalid), ...(planned ? { planned } : {}) });
  // The schedule's week before the first entry is published: nothing to do, which is no failure.
  if (unkept !== undefined && beforeFirstEntry !== undefined && (options.week === undefined || options.weekByDefault)) return { publish: published, model, nothing: beforeFirstEntry };
  if (unkept !== undefined) throw new UsageError(`${field}: ${unkept}`);
  return { publish: published, model };
}

export interface DigestModelAtOptions {
  content: Store;
  /** The output store, whose entry index spares reading the entries again. */
  output: Store;
  now: DateTime;
  week: IsoWeek;
  skipInvalid?: boolean;
  /** The content as a publish at `now` loaded it, and its plan: not loaded again. */
  planned?: LoadedPlan;
}

/**
 * A week's digest model as a publish at `now` archives it, from the same load and plan steps as the publish: the
 * week's published entries, those without a summary with their first paragraph (from the entry index, or read
 * again). Also says whether a default publish at `now` archives the week, and if not why (unkeptWeek): without a
 * plan, the week's own send ledger says whether it was mailed, which keeps it.
 */
export async function digestModelAt(options: DigestModelAtOptions): Promise<{ model: DigestModel; archived: boolean; unkept?: string; beforeFirstEntry?: string }> {
  const { content, output, now, week } = options;
  const { loaded, plan } =
    options.planned ?? (await loadAndPlan(await scanContent(content), { output, now, mailedWeeks: mailedWeeks(await output.list(ledgerPrefix(week.name))), skipInvalid: Boolean(options.skipInvalid) }));
  const unkept = unkeptWeek(plan, week);
  const beforeFirstEntry = unkept === undefined ? undefined : weekBeforeFirstEntry(plan, week);
  const entries = plan.published.filter((entry) => inWeek(week, entry.date));
  const rendered = await renderEntries(plan.site, [], loaded, 16, entries.filter((entry) => entry.summary === undefined));
  // With the weeks around it in the archive, which its archived page links, as the publish wrote it.
  return { model: buildDigestModel(plan.site, week, entries, rendered, archivedNeighbours(plan, week)), archived: unkept === undefined, ...(unkept !== undefined ? { unkept } : {}), ...(beforeFirstEntry !== undefined ? { beforeFirstEntry } : {}) };
}

/** The valid site.yml; otherwise the ContentError of loading the content, which lists every problem, the entries' too. */
export async function validSite(content: Store): Promise<Site> {
  const site = (await readSiteFile(content))?.site;
  if (site) return site;
  await loadContent(await scanContent(content));
  throw new ConfigError(`${SITE_FILE} is missing or invalid`);
}
