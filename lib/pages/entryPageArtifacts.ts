import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { EntryMeta } from '../content/entry.js';
import { artifact, type ArtifactBuilder, type ArtifactUnit, type BuildContext, type RenderedEntries, type Artifact } from '../plan/artifact.js';
import type { SitePlan } from '../plan/sitePlan.js';
import { localDates } from '../time/localDates.js';
import { entryPageDir } from '../shared/entryPageDir.js';
import { INDEX_PAGE, tagDir } from '../shared/outputLayout.js';
import { publicUrl } from '../shared/urls.js';
import { hrefFrom, iconHref, PAGE_DATE_FORMAT, pageFeed } from './pageArtifacts.js';
import { renderEntryPage, type EntryPageModel } from './renderEntryPage.js';
import type { Site } from '../content/site.js';

/** An RFC 3339 instant in UTC, as article:published_time and article:modified_time are written. */
function utcInstant(epochMs: number): string {
  return DateTime.fromMillis(epochMs, { zone: 'utc' }).toISO({ suppressMilliseconds: true }) ?? '';
}

function entryPage(site: Site, entry: EntryMeta, rendered: RenderedEntries): Artifact {
  const dir = entryPageDir(entry.id);
  const key = dir + INDEX_PAGE;
  const body = rendered.get(entry.key);
  const dateOf = localDates(site.timezone, site.language, PAGE_DATE_FORMAT);
  const date = dateOf(entry.date);
  const source: EntryPageModel['source'] = { name: entry.source.name };
  if (entry.source.url) source.url = entry.source.url;
  const model: EntryPageModel = {
    language: site.language,
    siteTitle: site.title,
    homeHref: hrefFrom(key, ''),
    canonicalUrl: publicUrl(site.url, dir),
    title: entry.title,
    url: entry.url,
    source,
    dateIso: date.iso,
    dateText: date.text,
    publishedIso: utcInstant(entry.date),
    summary: entry.summary ?? body?.firstParagraph ?? '',
    bodyHtml: body && 'html' in body ? (body.html ?? '') : '',
    tags: entry.tags.map((tag) => ({ name: tag.name, href: hrefFrom(key, tagDir(tag.slug)) })),
    related: entry.related,
    feed: pageFeed(site, key, ''),
    iconHref: iconHref(site, key),
  };
  // A correction shows once made (a later one is not yet: asPublishedAt), and only after the date it corrects.
  if (entry.updated !== undefined && entry.updated > entry.date) {
    model.updated = dateOf(entry.updated);
    model.modifiedIso = utcInstant(entry.updated);
  }
  if (entry.image) model.image = entry.image;
  if (entry.imageAlt) model.imageAlt = entry.imageAlt;
  return artifact(key, renderEntryPage(model));
}

/** A page per published entry, `entries/<id path>/index.html` (outputLayout's entryPageDir): its full commentary. */
export const entryPageArtifacts: ArtifactBuilder = {
  entriesNeeded: (plan: SitePlan) => plan.published,
  build: (plan: SitePlan, rendered: RenderedEntries) => plan.published.map((entry) => entryPage(plan.site, entry, rendered)),
  /**
   * One unit per entry: its page depends on site.yml and its own file only (tags link to tag pages, which exist
   * while it is published), so an edit rebuilds one page.
   */
  units(plan: SitePlan, context: BuildContext): ArtifactUnit[] {
    return plan.published.map((entry) => ({
      id: `entry-page:${entry.key}`,
      fingerprint: createHash('sha256').update(`entry page\n${context.siteContext}\n${entry.key}\0${context.versionOf(entry.key)}`).digest('hex'),
      keys: [entryPageDir(entry.id) + INDEX_PAGE],
      entriesNeeded: [entry],
      summariesNeeded: [],
      // A page is rebuilt when its entry's file changes, which reads the file again anyway: the index need not keep its body.
      keepBodies: false,
      build: (rendered) => [entryPage(plan.site, entry, rendered)],
    }));
  },
};
