import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { artifact, type Artifact, type ArtifactBuilder, type ArtifactUnit, type BuildContext, type RenderedEntries } from '../plan/artifact.js';
import type { DigestConfig } from '../content/digestConfig.js';
import { buildDigestModel, digestFeedUrls, preheaderText, type DigestModel } from './digestModel.js';
import { renderDigestIndex, type IndexedWeek } from './digestIndexPage.js';
import { digestName } from '../shared/digestName.js';
import type { EntryMeta } from '../content/entry.js';
import { emptyWeeksStart, sinceInstant } from '../content/digestArchiveSpan.js';
import { newestUpdate, withSiteImages, type FeedDocument, type FeedItem } from '../feeds/feedDocument.js';
import { weekRangeText } from '../time/weekRangeText.js';
import { inWeek, isoWeekAt, nextIsoWeek, parseIsoWeek, weekEndedBefore, type IsoWeek } from '../time/isoWeek.js';
import { renderAtom } from '../feeds/renderAtom.js';
import { renderDigestArchiveHtml } from './digestHtml.js';
import { renderDigestText } from './renderDigestText.js';
import { renderJsonFeed } from '../feeds/renderJsonFeed.js';
import { renderRss } from '../feeds/renderRss.js';
import type { NowWindow } from '../plan/nowWindow.js';
import type { Site } from '../content/site.js';
import type { SitePlan } from '../plan/sitePlan.js';
import { tagUri } from '../feeds/tagUri.js';
import { DIGESTS_DIR, digestKeys, FEED_FILES, INDEX_PAGE, XSL_KEY } from '../shared/outputLayout.js';
import { publicUrl, relativeHref } from '../shared/urls.js';
import { escapeHtml } from '../shared/xmlText.js';

/**
 * With sendEmpty, the instant whose week the empty weeks start at (emptyWeeksStart over plan.published, newest
 * first): an entry whose year is mistyped (1914 for 2014) keeps its own week, but the empty weeks start after it.
 */
export function emptyWeeksFrom(plan: SitePlan): number | undefined {
  const published = plan.published;
  const last = published.length - 1;
  return emptyWeeksStart(plan.site.digest, plan.site.timezone, published.length, (index) => published[last - index]!.date);
}

/**
 * The weeks the archive holds at `now`: every ended week with a published entry, and the week just ended even
 * when it is empty, from the first entry's week on (a week before it is nothing to archive or send:
 * weekBeforeFirstEntry). With sendEmpty, every week from the oldest entry's on was mailed, so every one is kept:
 * each email's "view in browser" link must keep working; the empty weeks start at the oldest entry not dated
 * far from the others (emptyWeeksFrom), so a mistyped year adds one week, not a century of them. A week mailed to
 * subscribers (plan.mailedWeeks) is kept for the same reason, whatever entries it has now and whatever plan.now is.
 * The week still running is archived only then (when the clock is behind the run that mailed it).
 */
export function archivedWeeks(plan: SitePlan): IsoWeek[] {
  const zone = plan.site.timezone;
  const latest = weekEndedBefore(plan.now, zone);
  // Nothing is archived before the first entry's week, on any site: a week before it has nothing to show or mail.
  const oldest = plan.published.at(-1)?.date;
  const keepLatest = oldest !== undefined && oldest < latest.end.toMillis();
  const byName = new Map<string, IsoWeek>(keepLatest ? [[latest.name, latest]] : []);
  // plan.published is newest first: a week is computed only when an entry falls outside the last one found.
  let current: IsoWeek | undefined;
  for (const entry of plan.published) {
    if (entry.date >= latest.end.toMillis()) continue;
    if (current && inWeek(current, entry.date)) continue;
    current = isoWeekAt(entry.date, zone);
    if (!byName.has(current.name)) byName.set(current.name, current);
  }
  const emptyFrom = plan.site.digest.sendEmpty ? emptyWeeksFrom(plan) : undefined;
  if (emptyFrom !== undefined && emptyFrom < latest.end.toMillis()) {
    for (let week = isoWeekAt(emptyFrom, zone); week.start < latest.start; week = nextIsoWeek(week)) if (!byName.has(week.name)) byName.set(week.name, week);
  }
  for (const name of plan.mailedWeeks) {
    if (byName.has(name)) continue;
    // Even one not ended at plan.now: a clock behind the one that mailed it must not delete its page.
    const week = parseIsoWeek(name, zone);
    if (week) byName.set(name, week);
  }
  return [...byName.values()].sort((a, b) => b.start.toMillis() - a.start.toMillis());
}

/** The archived weeks next to the `i`th of `weeks` (archivedWeeks, newest first). */
function neighboursAt(weeks: readonly IsoWeek[], i: number): { newer?: IsoWeek; older?: IsoWeek } {
  const newer = weeks[i - 1];
  const older = weeks[i + 1];
  return { ...(newer ? { newer } : {}), ...(older ? { older } : {}) };
}

/** The weeks the archive at plan.now keeps next to `week`, which its page links; none for a week it does not keep. */
export function archivedNeighbours(plan: SitePlan, week: IsoWeek): { newer?: IsoWeek; older?: IsoWeek } {
  const weeks = archivedWeeks(plan);
  const i = weeks.findIndex((kept) => kept.name === week.name);
  return i === -1 ? {} : neighboursAt(weeks, i);
}

/**
 * Why the archive at plan.now does not keep `week` (an ended week), or undefined when it does: an empty week before
 * the archive's start (the oldest entry's week; with sendEmpty, emptyWeeksFrom, which digest.since may set), or,
 * without sendEmpty, an empty week other than the one just ended; never a week mailed to subscribers. `broadsheet digest --week` refuses such a week
 * before writing anything, since the next publish would delete its archived copy.
 */
export function unkeptWeek(plan: SitePlan, week: IsoWeek): string | undefined {
  const kept = archivedWeeks(plan);
  if (kept.some((other) => other.name === week.name) || plan.published.some((entry) => inWeek(week, entry.date))) return undefined;
  const { since, sendEmpty } = plan.site.digest;
  const from = sendEmpty ? emptyWeeksFrom(plan) : undefined;
  const first = from === undefined ? kept[kept.length - 1] : isoWeekAt(from, plan.site.timezone);
  if (first === undefined) return `${week.name} has no entries and comes before the site's first entry: the next publish would delete it, so nothing is archived or sent`;
  if (!sendEmpty && week.start >= first.start) {
    return `${week.name} has no entries and digest.sendEmpty is false, so the archive keeps it only while it is the week just ended (now ${weekEndedBefore(plan.now, plan.site.timezone).name}): the next publish would delete it, so nothing is archived or sent`;
  }
  const where = !sendEmpty ? "the archive's first week (the first entry's week)" : `where the archive of every week starts (${from !== undefined && from === sinceInstant(plan.site.digest, plan.site.timezone) ? `digest.since, ${since}` : "the first entry's week"})`;
  return `${week.name} has no entries and comes before ${first.name}, ${where}: the next publish would delete it, so nothing is archived or sent`;
}

/**
 * Why `week` is nothing to archive or send, when it ends before the site's first published entry and was never
 * mailed: the archive starts at the first entry's week (archivedWeeks). Undefined when an entry is dated before its
 * end. The week the schedule sends is such a week until the first entry is published: a successful run that does
 * nothing, not a refusal.
 */
export function weekBeforeFirstEntry(plan: SitePlan, week: IsoWeek): string | undefined {
  const oldest = plan.published.at(-1)?.date;
  if ((oldest !== undefined && oldest < week.end.toMillis()) || plan.mailedWeeks.includes(week.name)) return undefined;
  const first = oldest === undefined ? 'no entry is published yet' : `the site's first entry is in ${isoWeekAt(oldest, plan.site.timezone).name}, where the archive starts`;
  return `${week.name} comes before the site's first entry (${first}): nothing to archive or send`;
}

/** Each week's entries (plan.published is newest first, ties by id), found by binary search, not by scanning. */
function entriesByWeek(plan: SitePlan, weeks: readonly IsoWeek[]): EntryMeta[][] {
  const published = plan.published;
  // The index of the first entry older than `millis`.
  const firstOlderThan = (millis: number) => {
    let low = 0;
    let high = published.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (published[middle]!.date >= millis) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return weeks.map((week) => published.slice(firstOlderThan(week.end.toMillis()), firstOlderThan(week.start.toMillis())));
}

/** Everything a week's two files depend on: the code, site.yml (config, zone, language), the week, its entries. */
function weekFingerprint(context: BuildContext, config: DigestConfig, week: IsoWeek, entries: readonly EntryMeta[], around: { newer?: IsoWeek; older?: IsoWeek }): string {
  // The weeks around it too: its page links them (a week archived after it adds a link to it).
  const hash = createHash('sha256').update(`digest week\n${context.siteContext}\n${JSON.stringify(config)}\n${week.name}\n${around.newer?.name ?? ''}\n${around.older?.name ?? ''}\n`);
  // An entry's version changes with its file, and its meta and first paragraph come from the file and site.yml.
  for (const entry of entries) hash.update(`${entry.key}\0${context.versionOf(entry.key)}\n`);
  return hash.digest('hex');
}

const withoutSummary = (entries: readonly EntryMeta[]) => entries.filter((entry) => entry.summary === undefined);

function weekArtifacts(model: DigestModel): Artifact[] {
  return [artifact(model.keys.html, renderDigestArchiveHtml(model)), artifact(model.keys.text, renderDigestText(model, { variant: 'archive' }))];
}

const INDEX_KEYS = [DIGESTS_DIR + INDEX_PAGE, DIGESTS_DIR + FEED_FILES.rss, DIGESTS_DIR + FEED_FILES.atom, DIGESTS_DIR + FEED_FILES.json];

/**
 * digests/index.html and the digests' feeds: the feeds from `models` (newest first, the newest feed.limit non-empty
 * weeks' among them), the page from `weeks`, what it shows of every archived week (newest first).
 */
function indexArtifacts(site: Site, models: readonly DigestModel[], weeks: readonly IndexedWeek[] = models): Artifact[] {
  const doc = digestFeedDocument(site, models);
  return [
    artifact(INDEX_KEYS[0]!, renderDigestIndex(site, weeks)),
    artifact(INDEX_KEYS[1]!, renderRss(doc)),
    artifact(INDEX_KEYS[2]!, renderAtom(doc)),
    artifact(INDEX_KEYS[3]!, renderJsonFeed(doc)),
  ];
}

/** The digest archive: digests/YYYY-Www.html and .txt, digests/index.html, and the digests' own feeds. */
export const digestArtifacts: ArtifactBuilder = {
  entriesNeeded: () => [],
  summariesNeeded(plan: SitePlan) {
    // Only entries without a summary need their body, and only its first paragraph (the summary).
    return withoutSummary(entriesByWeek(plan, archivedWeeks(plan)).flat());
  },
  // The archive holds the weeks ended before now (archivedWeeks): it changes only when a new week starts.
  nowWindow(plan: SitePlan): NowWindow {
    const current = isoWeekAt(plan.now.toMillis(), plan.site.timezone);
    return { from: current.start.toMillis(), until: current.end.toMillis() };
  },
  build(plan: SitePlan, rendered: RenderedEntries): Artifact[] {
    const weeks = archivedWeeks(plan);
    const byWeek = entriesByWeek(plan, weeks);
    const models = weeks.map((week, i) => buildDigestModel(plan.site, week, byWeek[i]!, rendered, neighboursAt(weeks, i)));
    return [...models.flatMap((model) => weekArtifacts(model)), ...indexArtifacts(plan.site, models)];
  },
  units: (plan, context) => digestUnits(plan, context),
};

/**
 * One unit per archived week (its .html and .txt, reused while its fingerprint holds), and one for the index
 * page and the feeds, reused while every week's fingerprint holds: it lists every week, and its feeds carry the
 * newest weeks' summaries.
 */
function digestUnits(plan: SitePlan, context: BuildContext): ArtifactUnit[] {
  const { site } = plan;
  const weeks = archivedWeeks(plan);
  const byWeek = entriesByWeek(plan, weeks);
  // A week the feeds show has its model serve its own unit and the index unit: made once for the `rendered` both are
  // built from (a publish builds every unit from one), not twice. Any other week's serves its own unit alone and is
  // let go, not held for hundreds of weeks to the build's end: the index page shows such a week's dates and count alone.
  const inFeeds = byWeek.flatMap((entries, i) => (entries.length > 0 ? [i] : [])).slice(0, site.feedLimit);
  const kept = new Set(inFeeds);
  let modelsFor: RenderedEntries | undefined;
  let models: DigestModel[] = [];
  const modelOf = (i: number, rendered: RenderedEntries): DigestModel => {
    if (modelsFor !== rendered) {
      modelsFor = rendered;
      models = [];
    }
    if (!kept.has(i)) return buildDigestModel(site, weeks[i]!, byWeek[i]!, rendered, neighboursAt(weeks, i));
    return (models[i] ??= buildDigestModel(site, weeks[i]!, byWeek[i]!, rendered, neighboursAt(weeks, i)));
  };
  const units: ArtifactUnit[] = weeks.map((week, i) => {
    const entries = byWeek[i]!;
    const keys = digestKeys(week.name);
    return {
      id: `digest:${week.name}`,
      fingerprint: weekFingerprint(context, site.digest, week, entries, neighboursAt(weeks, i)),
      keys: [keys.html, keys.text],
      entriesNeeded: [],
      summariesNeeded: withoutSummary(entries),
      // A week is built again only when one of its entries changes, mostly in the newest weeks, whose paragraphs
      // the index unit below keeps; an older week's are read again from their files on that day.
      keepSummaries: false,
      build: (rendered) => weekArtifacts(modelOf(i, rendered)),
    };
  });
  // The feeds show the newest feed.limit non-empty weeks with their summaries; the index page lists every week.
  // Both are made of the weeks' models alone, so they are the same while the same weeks hash the same.
  const indexHash = createHash('sha256').update(`digest index\n${context.siteContext}\n`);
  for (const unit of units) indexHash.update(`${unit.id}\0${unit.fingerprint}\n`);
  units.push({
    id: 'digest:index',
    fingerprint: indexHash.digest('hex'),
    keys: INDEX_KEYS,
    entriesNeeded: [],
    summariesNeeded: withoutSummary(inFeeds.flatMap((i) => byWeek[i]!)),
    // A week out of the feeds shows its dates and its count alone: no model of its entries is made for it.
    build: (rendered) => {
      const feedModels = inFeeds.map((i) => modelOf(i, rendered));
      const shown = weeks.map((week, i): IndexedWeek => models[i] ?? { week, rangeText: weekRangeText(week, site.language), entries: byWeek[i]! });
      return indexArtifacts(site, feedModels, shown);
    },
  });
  return units;
}

/** An empty feed has no newest digest; a fixed date keeps it byte-identical from run to run. */
const EMPTY_FEED_UPDATED = DateTime.fromMillis(0, { zone: 'utc' });

/** The feed of digests: one item per non-empty week, newest first, at most feed.limit. */
export function digestFeedDocument(site: Site, models: readonly DigestModel[]): FeedDocument {
  const items = models
    .filter((model) => model.entries.length > 0)
    .slice(0, site.feedLimit)
    .map((model) => digestFeedItem(site, model));
  const updated = newestUpdate(items, site.timezone);
  const key = (name: string) => DIGESTS_DIR + name;
  const doc: FeedDocument = {
    title: digestName(site.title),
    description: `Every week's entries on ${site.title} in one digest. ${site.description}`,
    language: site.language,
    homeUrl: publicUrl(site.url, key(INDEX_PAGE)),
    urls: digestFeedUrls(site.url),
    stylesheetHref: relativeHref(key(FEED_FILES.rss), XSL_KEY),
    author: site.author ?? { name: site.title },
    updated: updated ?? EMPTY_FEED_UPDATED,
    items,
  };
  if (site.websub) doc.hub = site.websub;
  withSiteImages(doc, site);
  return doc;
}

function digestFeedItem(site: Site, model: DigestModel): FeedItem {
  // Published when the week closed; updated when one of its entries was corrected later (their `updated`), so that
  // readers that go by Atom's updated and JSON Feed's date_modified (RFC 4287 §4.2.15) show the new content.
  const published = model.week.end.toMillis();
  let updated = published;
  for (const entry of model.entries) if (entry.updated !== undefined && entry.updated > updated) updated = entry.updated;
  const e = escapeHtml;
  const contentHtml = model.entries
    .map((entry) => `<h2><a href="${e(entry.url)}">${e(entry.title)}</a></h2>\n<p>${e(entry.source.name)} · ${e(entry.dateText)}</p>${entry.summary ? `\n<p>${e(entry.summary)}</p>` : ''}`)
    .join('\n');
  return {
    // RFC 4151: a permanent id per week, independent of the URL: written out, not DIGESTS_DIR, so that moving
    // the archive never changes it.
    id: tagUri(site.idHost, site.idDate, `digests/${model.week.name}`),
    title: `Weekly digest: ${model.rangeText}`,
    url: model.urls.html,
    published,
    updated,
    summary: preheaderText(model, 500),
    contentHtml,
    tags: [],
    source: { name: site.title, url: site.url },
  };
}
