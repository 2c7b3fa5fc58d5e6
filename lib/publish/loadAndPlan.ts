import type { DateTime } from 'luxon';
import type { ContentScan } from '../content/contentScan.js';
import { loadContent, type LoadedContent } from '../content/loadContent.js';
import { firstParagraphOf } from '../content/firstParagraph.js';
import { ContentError, type Problem } from '../shared/errors.js';
import { findIdChanges, idChangeProblem } from '../plan/idChanges.js';
import { SITE_FILE } from '../content/contentKeys.js';
import { digestArchiveSpanProblem } from '../content/digestArchiveSpan.js';
import { emptyWeeksFrom } from '../digest/digestArtifacts.js';
import { weekEndedBefore } from '../time/isoWeek.js';
import type { Timings } from '../shared/timings.js';
import { isPublished, planSite, type SitePlan } from '../plan/sitePlan.js';
import { takenDown } from '../plan/takenDown.js';
import { futureUpdates } from '../plan/futureUpdates.js';
import { reDatedWarnings } from '../plan/reDatedWarnings.js';
import { keepMailedIn } from './keepMailedIn.js';
import { noValidEntryProblem } from './noValidEntryProblem.js';
import { warnedBefore, withWarnedBefore, type WarnedBefore } from '../plan/warnedBefore.js';
import type { Store } from '../store/store.js';

export interface LoadAndPlanOptions {
  /** The output store: it keeps the entry index (`_broadsheet/index.json`) from one publish to the next. */
  output: Store;
  /** The moment to plan for: decides embargoes. */
  now: DateTime;
  /** The weeks mailed to subscribers (lib/digest/mailedWeeks.ts), which the digest archive keeps. Default none. */
  mailedWeeks?: readonly string[];
  /**
   * Warn of entries dated since the output's last publish where readers or subscribers lose them (lib/plan/reDatedWarnings.ts).
   * Default true; false where the output is no published site (a preview's build: its previous build is no publish).
   */
  reDatedWarnings?: boolean;
  /** Plan the valid entries when some are invalid. Default false: any problem throws ContentError. */
  skipInvalid?: boolean;
  /** What a publish killed after writing the entry index kept for its warnings (StoredManifest.warnedBefore). Default none. */
  warnedBefore?: WarnedBefore;
  /**
   * Given when the publish refuses an id change (no --allow-id-change): the keys of the last publish's manifest, whose
   * entry pages say which ids it had public (IdChangeInputs.pages). Content refused for its problems then also names,
   * as warnings, the published entries whose id would change, as check --out does: fixing the problems alone would
   * meet a second refusal. Default none.
   */
  idsRefused?: { pages: Readonly<Record<string, unknown>> | undefined };
  /** Characters of the bodies read to keep for a render that follows (LoadOptions.keepBodies). Default 0. */
  keepBodies?: number;
  /** The content file system's clock before the scan, for telling racy versions (LoadOptions.readAt). Default none. */
  readAt?: number;
  timings?: Timings;
}

export interface LoadedPlan {
  loaded: LoadedContent;
  plan: SitePlan;
  /** What the index held before for the files the take-down and date warnings name, for the publish's intent to keep. */
  warnedBefore?: WarnedBefore;
}

/**
 * The load and plan steps of a publish, for whatever needs the plan a publish at `now` makes (the publish
 * itself, the digest's week): the content a scan found, read through the output's entry index, each entry
 * without a summary given its first paragraph while its file is read (the pages and the digest show it).
 */
export async function loadAndPlan(scan: ContentScan, options: LoadAndPlanOptions): Promise<LoadedPlan> {
  const loaded = await loadContent(scan, {
    cacheStore: options.output,
    concurrency: 32,
    summarize: firstParagraphOf,
    keepBodies: options.keepBodies ?? 0,
    now: options.now.toMillis(),
    ...(options.readAt !== undefined ? { readAt: options.readAt } : {}),
    ...(options.timings ? { timings: options.timings } : {}),
  });
  // With the warnings: `Title:` unknown beside `title: is missing` says what to fix.
  if (loaded.problems.length > 0 && !options.skipInvalid) throw new ContentError(loaded.problems, { warnings: [...loaded.warnings, ...idChangeWarnings(loaded, options)] });
  // A problem of site.yml is no entry's: --skip-invalid cannot leave it out.
  const siteProblems = loaded.problems.filter((problem) => problem.file === SITE_FILE);
  if (siteProblems.length > 0) throw new ContentError(siteProblems, { warnings: loaded.warnings });
  // Skipping every entry would put a site with no entry in place of the live one (a first publish replaces nothing).
  if (loaded.problems.length > 0 && loaded.entries.length === 0 && loaded.before.entries.some((entry) => isPublished(entry, options.now))) {
    throw new ContentError([...loaded.problems, noValidEntryProblem(loaded.invalidKeys.size)], { warnings: loaded.warnings });
  }
  const plan = planSite(loaded.site, loaded.entries, options.now, options.mailedWeeks);
  // The files a publish killed after writing the entry index warned of count as read again, against what the last
  // finished publish had: that index holds their new versions.
  const before = withWarnedBefore(loaded.before, options.warnedBefore, loaded.keys);
  const seen = { ...loaded, before };
  const ofBefore = [...takenDown(seen, plan.now), ...(options.reDatedWarnings !== false ? reDatedWarnings(seen, plan.now, plan.site.timezone, plan.mailedWeeks) : [])];
  loaded.warnings.push(...ofBefore);
  // From `before` as loaded: the index is what the killed run's would have been had it finished; only warnings differ.
  keepMailedIn(loaded, plan.mailedWeeks, plan.site.timezone);
  loaded.warnings.push(...futureUpdates(loaded.entries, options.now, loaded.site.timezone));
  // check measured the archive to the newest entry; a publish archives up to the week ended before its now.
  if (plan.site.digest.sendEmpty) {
    const latest = weekEndedBefore(plan.now, plan.site.timezone);
    const span = digestArchiveSpanProblem(plan.site.digest, plan.site.timezone, emptyWeeksFrom(plan), { at: latest.start.toMillis(), what: 'the week ended last before --now' });
    if (span) throw new ContentError([span]);
  }
  const warned = warnedBefore(before, ofBefore.map((warning) => warning.file), loaded.entries);
  return { loaded, plan, ...(warned ? { warnedBefore: warned } : {}) };
}

/** The published entries whose id the content would change (of its valid entries), when the publish refuses that. */
function idChangeWarnings(loaded: LoadedContent, options: LoadAndPlanOptions): Problem[] {
  if (!options.idsRefused || loaded.problems.some((problem) => problem.file === SITE_FILE)) return [];
  return findIdChanges({ entries: loaded.entries, before: loaded.before, now: options.now, pages: options.idsRefused.pages }).map((change) => idChangeProblem(change));
}
