import { artifact, type Artifact, type ArtifactBuilder, type RenderedEntries } from '../plan/artifact.js';
import { digestSendTime } from '../content/digestConfig.js';
import { digestByEmail } from '../content/digestByEmail.js';
import type { EntryMeta } from '../content/entry.js';
import { localDates, type LocalDate } from '../time/localDates.js';
import { renderOpml } from './renderOpml.js';
import { renderSitePage, TAG_LIST_ID, type PageEntry, type PageFeed, type PageTag, type SitePageModel } from './renderSitePage.js';
import type { Site } from '../content/site.js';
import type { SitePlan } from '../plan/sitePlan.js';
import { entryPageDir } from '../shared/entryPageDir.js';
import { DIGESTS_DIR, FEED_FILES, ICON_KEY, INDEX_PAGE, MONTHS_DIR, NOT_FOUND_PAGE, TAG_LIST_KEY, tagDir } from '../shared/outputLayout.js';
import { renderTagList } from './renderTagList.js';
import { publicUrl, relativeHref, rootRelativeUrl } from '../shared/urls.js';
import { renderNotFoundPage } from './renderNotFoundPage.js';
import { mailtoAddress } from '../shared/normalizeUrl.js';
import { keyFolder } from '../shared/keyFolder.js';
import { digestInSentence } from '../shared/digestName.js';
import { siteSignup } from '../subscribers/siteSignup.js';

/** The site feed alone: importing it follows every entry once. */
export const OPML_KEY = 'feeds.opml';
/** Every tag's feed, apart from the site feed, which already holds their entries (README, For readers). */
export const TAG_OPML_KEY = 'tags.opml';
/** Entries shown on the index and on each tag page. */
export const PAGE_ENTRY_LIMIT = 20;

/** Relative href from the page at `fromKey` to a folder (`dir` ending in `/`, or '' for the root) or a file. */
export function hrefFrom(fromKey: string, toKey: string): string {
  return relativeHref(fromKey, toKey) || './';
}

/**
 * Relative href from a page to a file: the bare file name when the file is in the page's own folder (a tag page's
 * feeds are `rss.xml`, `atom.xml` and `feed.json`, not `../../tags/<slug>/rss.xml`), else as hrefFrom.
 */
function fileHrefFrom(fromKey: string, toKey: string): string {
  const folder = keyFolder(fromKey);
  return toKey.startsWith(folder) && !toKey.slice(folder.length).includes('/') ? toKey.slice(folder.length) : hrefFrom(fromKey, toKey);
}

export function pageFeed(site: Site, fromKey: string, dir: string): PageFeed {
  return {
    href: { rss: fileHrefFrom(fromKey, dir + FEED_FILES.rss), atom: fileHrefFrom(fromKey, dir + FEED_FILES.atom), json: fileHrefFrom(fromKey, dir + FEED_FILES.json) },
    url: { rss: publicUrl(site.url, dir + FEED_FILES.rss), atom: publicUrl(site.url, dir + FEED_FILES.atom), json: publicUrl(site.url, dir + FEED_FILES.json) },
  };
}

/** The pages' dates: "May 8, 2014" (en), "8 May 2014" (en-GB). */
export const PAGE_DATE_FORMAT = { year: 'numeric', month: 'long', day: 'numeric' } as const;

/**
 * An entry as a page lists it, linked from the page at `fromKey`, with `summary` under it ('' for none); on a tag's
 * page (`currentTag`, its slug) the entry's link to that tag is the current page's.
 */
export function pageEntry(fromKey: string, entry: EntryMeta, dateOf: (millis: number) => LocalDate, summary: string, currentTag?: string): PageEntry {
  // What DateTime#toISODate and #toLocaleString(PAGE_DATE_FORMAT) give in the site's zone and language.
  const date = dateOf(entry.date);
  const source: PageEntry['source'] = { name: entry.source.name };
  if (entry.source.url) source.url = entry.source.url;
  return {
    title: entry.title,
    url: entry.url,
    source,
    dateIso: date.iso,
    dateText: date.text,
    summary,
    tags: entry.tags.map((tag) => ({ name: tag.name, href: hrefFrom(fromKey, tagDir(tag.slug)), ...(tag.slug === currentTag ? { current: true } : {}) })),
    pageHref: hrefFrom(fromKey, entryPageDir(entry.id)),
  };
}

/** site.yml's icon, or the generated icon.png relative to the page. */
export function iconHref(site: Site, fromKey: string): string {
  return site.icon ?? hrefFrom(fromKey, ICON_KEY);
}

/**
 * What the page says about the digest, from site.yml's `digest:` block: the day and time it is sent, and its
 * `subscribe` link (https or mailto:) for how to get it by email; without that link, readers are asked to
 * write to the author's address. Only the archive when the site offers no digest by email (digestByEmail).
 */
export function digestInfo(site: Site, fromKey: string, tag?: { name: string; slug: string }): SitePageModel['digest'] {
  const { subscribe } = site.digest;
  const { day, time } = digestSendTime(site.digest);
  const archiveHref = hrefFrom(fromKey, DIGESTS_DIR);
  if (!digestByEmail(site)) return { archiveHref };
  const schedule = `sent on ${day}s at ${time} (${site.timezone} time) for the week just ended`;
  if (subscribe !== undefined) {
    return { archiveHref, schedule, subscribeHref: subscribe, subscribeText: 'Subscribe to the digest by email' };
  }
  // A site that takes signups itself (siteSignup): its form, on a tag page for that tag's entries.
  const signup = siteSignup(site, fromKey, `/${fromKey.endsWith(INDEX_PAGE) ? fromKey.slice(0, -INDEX_PAGE.length) : fromKey}`);
  if (signup !== undefined) {
    return { archiveHref, schedule, subscribeText: 'Subscribe to the digest by email', signup: { ...signup, ...(tag ? { tag: { slug: tag.slug, name: tag.name } } : {}) } };
  }
  // The one way left (digestByEmail): a mail to the author.
  const email = site.author?.email ?? '';
  const subject = encodeURIComponent(`Subscribe to ${digestInSentence(site.title)}`);
  return { archiveHref, schedule, subscribeHref: `mailto:${mailtoAddress(email)}?subject=${subject}`, subscribeText: `To get it by email, write to ${email}` };
}

/** The newest PAGE_ENTRY_LIMIT published entries per tag, in one pass over the published list. */
function newestByTag(plan: SitePlan): Map<string, EntryMeta[]> {
  const byTag = new Map<string, EntryMeta[]>();
  for (const entry of plan.published) {
    for (const tag of entry.tags) {
      const list = byTag.get(tag.slug) ?? [];
      if (list.length < PAGE_ENTRY_LIMIT) list.push(entry);
      byTag.set(tag.slug, list);
    }
  }
  return byTag;
}

function pageModel(plan: SitePlan, rendered: RenderedEntries, key: string, entries: EntryMeta[], total: number, current?: { name: string; slug: string }): SitePageModel {
  const { site } = plan;
  const dateOf = localDates(site.timezone, site.language, PAGE_DATE_FORMAT);
  const dir = current ? tagDir(current.slug) : '';
  // Only the index lists every tag: a list on each tag page would make the pages grow with the square of the tags.
  const tags: PageTag[] = current
    ? []
    : plan.tags.map((summary) => ({
        name: summary.tag.name,
        href: hrefFrom(key, tagDir(summary.tag.slug)),
        feed: pageFeed(site, key, tagDir(summary.tag.slug)),
        current: false,
        count: summary.count,
      }));
  const model: SitePageModel = {
    language: site.language,
    siteTitle: site.title,
    heading: current ? current.name : site.title,
    description: site.description,
    ...(current ? { tag: current.name } : {}),
    canonicalUrl: publicUrl(site.url, dir),
    feed: pageFeed(site, key, dir),
    opml: { href: hrefFrom(key, OPML_KEY), url: publicUrl(site.url, OPML_KEY) },
    ...(plan.tags.length > 0 ? { tagOpml: { href: hrefFrom(key, TAG_OPML_KEY), url: publicUrl(site.url, TAG_OPML_KEY) } } : {}),
    entries: entries.map((entry) => pageEntry(key, entry, dateOf, entry.summary ?? rendered.get(entry.key)?.firstParagraph ?? '', current?.slug)),
    entryTotal: total,
    monthsHref: hrefFrom(key, MONTHS_DIR),
    tags,
    digest: digestInfo(site, key, current),
    iconHref: iconHref(site, key),
  };
  if (current) {
    model.homeHref = hrefFrom(key, '');
    model.allTagsHref = `${model.homeHref}#${TAG_LIST_ID}`;
  }
  return model;
}

/** 404.html, its links root-relative under the site's path: it is served at whatever address was missing. */
function notFoundPage(plan: SitePlan): string {
  const { site } = plan;
  const at = (key: string) => rootRelativeUrl(site.url, key);
  return renderNotFoundPage({
    language: site.language,
    siteTitle: site.title,
    homeHref: at(''),
    monthsHref: at(MONTHS_DIR),
    // The index lists the tags only when there are some (renderSitePage's tagPanel).
    ...(plan.tags.length > 0 ? { tagsHref: at(`#${TAG_LIST_ID}`) } : {}),
    feed: { rss: at(FEED_FILES.rss), atom: at(FEED_FILES.atom), json: at(FEED_FILES.json) },
    opmlHref: at(OPML_KEY),
    iconHref: site.icon ?? at(ICON_KEY),
  });
}

/**
 * index.html, tags/<slug>/index.html, feeds.opml and tags.opml: how readers find the feeds; tags/tags.json, the tags by name;
 * and 404.html, the way back from a missing address.
 */
export const pageArtifacts: ArtifactBuilder = {
  entriesNeeded: () => [],
  *summariesNeeded(plan: SitePlan) {
    // Only entries without a summary need their body's first paragraph, which stands in.
    yield* plan.published.slice(0, PAGE_ENTRY_LIMIT).filter((entry) => entry.summary === undefined);
    for (const entries of newestByTag(plan).values()) yield* entries.filter((entry) => entry.summary === undefined);
  },
  build(plan: SitePlan, rendered: RenderedEntries): Artifact[] {
    const { site } = plan;
    const artifacts: Artifact[] = [
      artifact(INDEX_PAGE, renderSitePage(pageModel(plan, rendered, INDEX_PAGE, plan.published.slice(0, PAGE_ENTRY_LIMIT), plan.published.length))),
    ];
    const byTag = newestByTag(plan);
    for (const summary of plan.tags) {
      const key = tagDir(summary.tag.slug) + INDEX_PAGE;
      artifacts.push(artifact(key, renderSitePage(pageModel(plan, rendered, key, byTag.get(summary.tag.slug) ?? [], summary.count, summary.tag))));
    }
    // Two files, not one: an entry is in the site feed and in each of its tags' feeds under one id, so a reader that
    // imported both would show it once per feed (rss2email mails it again for each) or, keeping one item per id
    // (newsboat), leave the site feed empty.
    const owner = { ...(site.author ? { ownerName: site.author.name } : {}), ...(site.author?.email ? { ownerEmail: site.author.email } : {}) };
    artifacts.push(
      artifact(
        OPML_KEY,
        renderOpml({
          title: `${site.title}: every entry`,
          ...owner,
          feeds: [{ text: site.title, description: site.description, xmlUrl: publicUrl(site.url, FEED_FILES.rss), htmlUrl: site.url, language: site.language }],
        }),
      ),
    );
    // OPML 2.0 (http://opml.org/spec2.opml §"<body>"): a body holds one or more outlines, so a site without tags has no tag list.
    if (plan.tags.length > 0) {
      artifacts.push(
        artifact(
          TAG_OPML_KEY,
          renderOpml({
            title: `${site.title}: the tag feeds`,
            ...owner,
            feeds: plan.tags.map((summary) => ({
              text: `${site.title}: ${summary.tag.name}`,
              description: `Entries tagged “${summary.tag.name}” on ${site.title}.`,
              xmlUrl: publicUrl(site.url, tagDir(summary.tag.slug) + FEED_FILES.rss),
              htmlUrl: publicUrl(site.url, tagDir(summary.tag.slug)),
              language: site.language,
            })),
          }),
        ),
      );
    }
    artifacts.push(artifact(TAG_LIST_KEY, renderTagList(plan.tags)));
    artifacts.push(artifact(NOT_FOUND_PAGE, notFoundPage(plan)));
    return artifacts;
  },
};
