import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Artifact, ArtifactBuilder, ArtifactUnit, BuildContext, RenderedEntries } from '../plan/artifact.js';
import { contentTypeFor } from '../shared/contentTypes.js';
import { entryPageDir } from '../shared/entryPageDir.js';
import { CSS_KEY, FEED_FILES, siteImages, XSL_KEY } from '../shared/outputLayout.js';
import { entryContentHtml } from './entryContent.js';
import type { EntryMeta } from '../content/entry.js';
import type { FeedDocument, FeedItem, FeedUrls } from './feedDocument.js';
import { renderFeedCss } from './renderFeedCss.js';
import { renderFeedXsl } from './renderFeedXsl.js';
import { feedWriters } from './fast/feedWriters.js';
import type { Site } from '../content/site.js';
import type { FeedSelection, SitePlan } from '../plan/sitePlan.js';
import { tagUri } from './tagUri.js';
import { normalUrl, publicUrl, relativeHref } from '../shared/urls.js';

/** An empty feed has no newest entry; a fixed date keeps it byte-identical from run to run. */
const EMPTY_FEED_UPDATED = DateTime.fromMillis(0, { zone: 'utc' });

export function feedItem(site: Site, entry: EntryMeta, rendered: RenderedEntries): FeedItem {
  const body = rendered.get(entry.key);
  const published = entry.date;
  const pageUrl = publicUrl(site.url, entryPageDir(entry.id));
  const item: FeedItem = {
    id: tagUri(site.idHost, site.idDate, entry.id),
    title: entry.title,
    url: normalUrl(entry.url),
    pageUrl,
    published,
    // RFC 4287 §4.2.15: when the entry last changed, which is never before it was published (a date corrected past an
    // earlier `updated:`); readers date and sort Atom entries by it.
    updated: Math.max(entry.updated ?? published, published),
    summary: entry.summary ?? body?.firstParagraph ?? '',
    contentHtml: entryContentHtml(entry, body?.html ?? '', pageUrl, body?.firstParagraph),
    tags: entry.tags,
    source: entry.source,
  };
  if (entry.image) item.image = entry.image;
  return item;
}

/** The model of one feed; `homeKey` is the page it describes (the tag page, or the site root). */
export function feedDocument(site: Site, selection: FeedSelection, rendered: RenderedEntries, homeKey = ''): FeedDocument {
  const items = selection.entries.map((entry) => feedItem(site, entry, rendered));
  const updated = newestUpdate(items, site.timezone);
  const period = selection.history?.period;
  const doc: FeedDocument = {
    title: selection.tag ? `${site.title}: ${selection.tag.name}` : period ? `${site.title}: archive ${period}` : site.title,
    description: selection.tag ? `Entries tagged “${selection.tag.name}” on ${site.title}. ${site.description}` : site.description,
    language: site.language,
    homeUrl: publicUrl(site.url, homeKey),
    urls: feedUrls(site, selection.dir),
    stylesheetHref: relativeHref(selection.dir + FEED_FILES.rss, XSL_KEY),
    author: site.author ?? { name: site.title },
    updated: updated ?? EMPTY_FEED_UPDATED,
    items,
  };
  if (site.websub) doc.hub = site.websub;
  const images = siteImages(site);
  doc.icon = images.icon;
  if (images.logo) doc.logo = images.logo;
  if (selection.history) {
    doc.history = {};
    if (selection.history.prevArchiveDir !== undefined) doc.history.prevArchive = feedUrls(site, selection.history.prevArchiveDir);
    if (selection.history.nextArchiveDir !== undefined) doc.history.nextArchive = feedUrls(site, selection.history.nextArchiveDir);
    if (selection.history.archive) doc.history.current = feedUrls(site, '');
  }
  return doc;
}

function feedUrls(site: Site, dir: string): FeedUrls {
  return { rss: publicUrl(site.url, dir + FEED_FILES.rss), atom: publicUrl(site.url, dir + FEED_FILES.atom), json: publicUrl(site.url, dir + FEED_FILES.json) };
}

/** The newest item's `updated` in `zone` (the first of equals), or undefined when there is no item. */
export function newestUpdate(items: readonly FeedItem[], zone: string): DateTime | undefined {
  let newest: number | undefined;
  for (const item of items) if (newest === undefined || item.updated > newest) newest = item.updated;
  return newest === undefined ? undefined : DateTime.fromMillis(newest, { zone });
}

export function artifact(key: string, text: string): Artifact {
  return { key, body: Buffer.from(text, 'utf8'), contentType: contentTypeFor(key) };
}

function selectionArtifacts(site: Site, selection: FeedSelection, rendered: RenderedEntries): Artifact[] {
  // A tag feed describes its tag page (tags/<slug>/, published by pageArtifacts); the site feed and its archive the index.
  const doc = feedDocument(site, selection, rendered, selection.tag ? selection.dir : '');
  const write = feedWriters(selection.history?.archive === true);
  const files = [
    artifact(selection.dir + FEED_FILES.rss, write.rss(doc)),
    artifact(selection.dir + FEED_FILES.atom, write.atom(doc)),
    artifact(selection.dir + FEED_FILES.json, write.json(doc)),
  ];
  if (selection.history?.archive) for (const file of files) file.cache = 'archive';
  return files;
}

/**
 * Everything a feed's three files depend on: the code and site.yml (siteContext), its folder
 * and tag, and its entries in order; each entry's version changes with its file, its meta and body come from it.
 */
function selectionFingerprint(context: BuildContext, selection: FeedSelection): string {
  const hash = createHash('sha256').update(`feed\n${context.siteContext}\n${selection.dir}\n${JSON.stringify(selection.tag ?? null)}\n${JSON.stringify(selection.history ?? null)}\n`);
  for (const entry of selection.entries) hash.update(`${entry.key}\0${context.versionOf(entry.key)}\n`);
  return hash.digest('hex');
}

/** The site feeds and every tag's feeds, in RSS 2.0, Atom 1.0 and JSON Feed 1.1, plus feed.xsl and feed.css. */
export const feedArtifacts: ArtifactBuilder = {
  entriesNeeded: (plan: SitePlan) => [...plan.feeds, ...plan.archives].flatMap((feed) => feed.entries),
  build(plan: SitePlan, rendered: RenderedEntries): Artifact[] {
    return [...feedStylesheets(plan.site.language), ...[...plan.feeds, ...plan.archives].flatMap((selection) => selectionArtifacts(plan.site, selection, rendered))];
  },
  /**
   * One unit per feed (its three formats), reused while its fingerprint holds; feed.xsl and feed.css are always
   * built. An archive document's unit keeps no bodies in the entry index: it is built again only when one of its
   * entries' files changes (read again anyway) or site.yml does.
   */
  units(plan: SitePlan, context: BuildContext): ArtifactUnit[] {
    return [
      { id: 'feed:xsl', keys: [XSL_KEY, CSS_KEY], entriesNeeded: [], summariesNeeded: [], build: () => feedStylesheets(plan.site.language) },
      ...[...plan.feeds, ...plan.archives].map(
        (selection): ArtifactUnit => ({
          id: `feed:${selection.dir}`,
          fingerprint: selectionFingerprint(context, selection),
          keys: [selection.dir + FEED_FILES.rss, selection.dir + FEED_FILES.atom, selection.dir + FEED_FILES.json],
          entriesNeeded: selection.entries,
          summariesNeeded: [],
          ...(selection.history?.archive ? { keepBodies: false } : {}),
          build: (rendered) => selectionArtifacts(plan.site, selection, rendered),
        }),
      ),
    ];
  },
};

/** feed.xsl and, for a browser without XSLT, feed.css (cssInstruction): both at the site's root. */
function feedStylesheets(language: string): Artifact[] {
  return [artifact(XSL_KEY, renderFeedXsl(language)), artifact(CSS_KEY, renderFeedCss(language))];
}
