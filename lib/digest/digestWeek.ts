import type { DateTime } from 'luxon';
import type { ArtifactBuilder } from '../plan/artifact.js';
import { DEFAULT_BUILDERS } from '../publish/defaultBuilders.js';
import { archivedWeeks, digestArtifacts, digestArtifactsFor } from './digestArtifacts.js';
import { buildDigestModel, type DigestModel } from './digestModel.js';
import { ConfigError, UsageError } from '../shared/errors.js';
import { digestWeekAt, inWeek, type IsoWeek } from '../time/isoWeek.js';
import { loadContent } from '../content/loadContent.js';
import type { Change } from '../publish/manifest.js';
import { publish, type PublishResult } from '../publish/publish.js';
import { parseSite, SITE_FILE, type Site } from '../content/site.js';
import type { SitePlan } from '../plan/sitePlan.js';
import type { Store } from '../store/store.js';

export interface DigestWeekOptions {
  content: Store;
  output: Store;
  now: DateTime;
  /** `YYYY-Www` (checked by the caller). Default: the week that ended last before `now`, in the site's zone. */
  week?: string;
  /**
   * Archive the named week even when the archive would not keep it (empty, before the first entry's week), as
   * `broadsheet digest --week` does. Default false: publish exactly what a default publish does, and refuse
   * such a week with a UsageError (the publish function's way: its next scheduled run would delete the week).
   */
  archiveNamedWeek?: boolean;
  skipInvalid?: boolean;
  cacheControl?: string;
  /** The families of files to publish. Default DEFAULT_BUILDERS. */
  builders?: readonly ArtifactBuilder[];
  onChange?: (change: Change) => void;
}

export interface DigestWeek {
  publish: PublishResult;
  /** The week as archived: the email is made from it. */
  model: DigestModel;
}

/**
 * Publishes the site, digest archive included, and returns one week's digest model as archived.
 *
 * The publish is the default one (incremental; with nothing changed it writes nothing, or stops at the settled
 * check), so a digest request costs the site no more than a scheduled publish. The model then comes from a dry
 * run beside it, with one more builder that makes no file: it sees the plan and the week's first paragraphs
 * (from the entry index) and builds the model; everything else is reused, and a dry run writes nothing.
 *
 * Refuses (UsageError) a week that has not ended at `now`, before anything is written, and a week the archive
 * does not keep, after the publish (which published only what any publish would).
 */
export async function publishDigestWeek(options: DigestWeekOptions): Promise<DigestWeek> {
  const site = await validSite(options.content);
  const week = digestWeekAt(options.now, site.timezone, options.week);

  const common = {
    content: options.content,
    output: options.output,
    now: options.now,
    skipInvalid: Boolean(options.skipInvalid),
    ...(options.cacheControl ? { cacheControl: options.cacheControl } : {}),
  };
  // `builders` left out when not given: only a default publish can settle (lib/publish/publish.ts).
  const defaultPublish = { ...common, ...(options.builders ? { builders: options.builders } : {}) };
  let published = await publish({ ...defaultPublish, ...(options.onChange ? { onChange: options.onChange } : {}) });

  // The named week joins the archive through the digest builder's own units (`resolveWeek`), reused like the rest.
  const base = options.builders ?? DEFAULT_BUILDERS;
  const named = options.archiveNamedWeek && options.week !== undefined ? base.map((builder) => (builder === digestArtifacts ? digestArtifactsFor({ resolveWeek: () => week.name }) : builder)) : [...base];
  let model: DigestModel | undefined;
  const observe = (dryRun: boolean, onChange?: (change: Change) => void) =>
    publish({ ...common, dryRun, builders: [...named, weekModelBuilder(week, Boolean(options.archiveNamedWeek), (built) => (model = built))], ...(onChange ? { onChange } : {}) });
  const observed = await observe(true);
  if (options.archiveNamedWeek && observed.counts.new + observed.counts.changed + observed.counts.deleted > 0) {
    // The CLI's named week is not one the archive keeps: publish it too (with the builders that make it).
    published = await observe(false, options.onChange);
  }
  if (!model) throw new Error('publishDigestWeek: the publish did not build the week');
  return { publish: published, model };
}

/** The valid site.yml; otherwise the ContentError of loading the content, which lists every problem, the entries' too. */
export async function validSite(content: Store): Promise<Site> {
  const bytes = await content.get(SITE_FILE);
  const site = bytes ? parseSite(bytes.toString('utf8')).site : undefined;
  if (site) return site;
  await loadContent(content);
  throw new ConfigError(`${SITE_FILE} is missing or invalid`);
}

/** A builder that makes no file: it builds `week`'s model from the plan and the week's first paragraphs. */
function weekModelBuilder(week: IsoWeek, archiveNamedWeek: boolean, onModel: (model: DigestModel) => void): ArtifactBuilder {
  let entries: SitePlan['published'] = [];
  return {
    entriesNeeded: () => [],
    summariesNeeded(plan) {
      const kept = archivedWeeks(plan, archiveNamedWeek ? week : undefined).some((archived) => archived.name === week.name);
      if (!kept) throw new UsageError(`--week: ${week.name} has no entries and comes before the archive's first week, so the publish function does not keep it; there is nothing to archive or send`);
      entries = plan.published.filter((entry) => inWeek(week, entry.date));
      return entries.filter((entry) => entry.summary === undefined);
    },
    build(plan, rendered) {
      onModel(buildDigestModel(plan.site, week, entries, rendered));
      return [];
    },
  };
}
