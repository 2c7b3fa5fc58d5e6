import { DateTime } from 'luxon';
import type { Artifact, ArtifactBuilder, RenderedEntries } from './artifact.js';
import { contentTypeFor } from './contentTypes.js';
import { entryContentHtml } from './entryContent.js';
import type { EntryMeta } from './entry.js';
import type { FeedDocument, FeedItem } from './feedDocument.js';
import { renderAtom } from './renderAtom.js';
import { renderFeedXsl } from './renderFeedXsl.js';
import { renderJsonFeed } from './renderJsonFeed.js';
import { renderRss } from './renderRss.js';
import type { Site } from './site.js';
import type { FeedSelection, SitePlan } from './sitePlan.js';
import { tagUri } from './tagUri.js';
import { publicUrl, relativeHref } from './urls.js';

export const FEED_FILES = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' } as const;
export const XSL_KEY = 'feed.xsl';

/** An empty feed has no newest entry; a fixed date keeps it byte-identical from run to run. */
const EMPTY_FEED_UPDATED = DateTime.fromMillis(0, { zone: 'utc' });

export function feedItem(site: Site, entry: EntryMeta, rendered: RenderedEntries): FeedItem {
  const body = rendered.get(entry.key);
  const published = DateTime.fromMillis(entry.date, { zone: site.timezone });
  const item: FeedItem = {
    id: tagUri(site.host, site.idDate, entry.id),
    title: entry.title,
    url: entry.url,
    published,
    updated: entry.updated !== undefined ? DateTime.fromMillis(entry.updated, { zone: site.timezone }) : published,
    summary: entry.summary ?? body?.firstParagraph ?? '',
    contentHtml: entryContentHtml(entry, body?.html ?? ''),
    tags: entry.tags,
    source: entry.source,
  };
  if (entry.image) item.image = entry.image;
  return item;
}

/** The model of one feed; `homeKey` is the page it describes (the tag page, or the site root). */
export function feedDocument(site: Site, selection: FeedSelection, rendered: RenderedEntries, homeKey = ''): FeedDocument {
  const items = selection.entries.map((entry) => feedItem(site, entry, rendered));
  const updated = items.reduce<DateTime | undefined>((newest, item) => (!newest || item.updated > newest ? item.updated : newest), undefined);
  const doc: FeedDocument = {
    title: selection.tag ? `${site.title}: ${selection.tag.name}` : site.title,
    description: selection.tag ? `Entries tagged “${selection.tag.name}” on ${site.title}. ${site.description}` : site.description,
    language: site.language,
    homeUrl: publicUrl(site.url, homeKey),
    urls: {
      rss: publicUrl(site.url, selection.dir + FEED_FILES.rss),
      atom: publicUrl(site.url, selection.dir + FEED_FILES.atom),
      json: publicUrl(site.url, selection.dir + FEED_FILES.json),
    },
    stylesheetHref: relativeHref(selection.dir + FEED_FILES.rss, XSL_KEY),
    author: site.author ?? { name: site.title },
    updated: updated ?? EMPTY_FEED_UPDATED,
    items,
  };
  if (site.websub) doc.hub = site.websub;
  return doc;
}

export function artifact(key: string, text: string): Artifact {
  return { key, body: Buffer.from(text, 'utf8'), contentType: contentTypeFor(key) };
}

/** The site feeds and every tag's feeds, in RSS 2.0, Atom 1.0 and JSON Feed 1.1, plus feed.xsl. */
export const feedArtifacts: ArtifactBuilder = {
  entriesNeeded: (plan: SitePlan) => plan.feeds.flatMap((feed) => feed.entries),
  build(plan: SitePlan, rendered: RenderedEntries): Artifact[] {
    const artifacts: Artifact[] = [artifact(XSL_KEY, renderFeedXsl())];
    for (const selection of plan.feeds) {
      // A tag feed describes its tag page (tags/<slug>/, published by pageArtifacts); the site feed the index.
      const doc = feedDocument(plan.site, selection, rendered, selection.dir);
      artifacts.push(
        artifact(selection.dir + FEED_FILES.rss, renderRss(doc)),
        artifact(selection.dir + FEED_FILES.atom, renderAtom(doc)),
        artifact(selection.dir + FEED_FILES.json, renderJsonFeed(doc)),
      );
    }
    return artifacts;
  },
};
