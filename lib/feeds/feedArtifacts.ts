import { createHash } from 'node:crypto';
import { artifact, type Artifact, type ArtifactBuilder, type ArtifactUnit, type BuildContext, type RenderedEntries } from '../plan/artifact.js';
import { CSS_KEY, FEED_FILES, XSL_KEY } from '../shared/outputLayout.js';
import { feedDocument } from './feedDocument.js';
import { renderFeedCss } from './renderFeedCss.js';
import { renderFeedXsl } from './renderFeedXsl.js';
import { feedWriters } from './fast/feedWriters.js';
import type { Site } from '../content/site.js';
import type { FeedSelection, SitePlan } from '../plan/sitePlan.js';

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
    return [...feedStylesheets(plan.site), ...[...plan.feeds, ...plan.archives].flatMap((selection) => selectionArtifacts(plan.site, selection, rendered))];
  },
  /**
   * One unit per feed (its three formats), reused while its fingerprint holds; feed.xsl and feed.css are always
   * built. An archive document's unit keeps no bodies in the entry index: it is built again only when one of its
   * entries' files changes (read again anyway) or site.yml does.
   */
  units(plan: SitePlan, context: BuildContext): ArtifactUnit[] {
    return [
      { id: 'feed:xsl', keys: [XSL_KEY, CSS_KEY], entriesNeeded: [], summariesNeeded: [], build: () => feedStylesheets(plan.site) },
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
function feedStylesheets(site: Site): Artifact[] {
  return [artifact(XSL_KEY, renderFeedXsl(site.language, site.icon !== undefined)), artifact(CSS_KEY, renderFeedCss(site.language))];
}
