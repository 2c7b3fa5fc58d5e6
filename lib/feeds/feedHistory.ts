import { RenderError } from '../shared/errors.js';
import type { FeedHistoryLinks, FeedUrls } from './feedDocument.js';
import { xmlAttribute } from './feedGuards.js';

// RFC 5005 (Feed Paging and Archiving): an archive document's links to the documents around it, in RSS and Atom as
// both the feed-based renderers and the writers of ./fast write them.

/** RFC 5005 §6: the namespace of `fh:archive`. */
const FEED_HISTORY_NS = 'http://purl.org/syndication/history/1.0';

/** RFC 5005 links in one format, as withHistory and historyMarkup take them. */
export interface HistoryUrls {
  prevArchive?: string;
  nextArchive?: string;
  current?: string;
}

/** The document's RFC 5005 links in `format` (undefined when it has none). */
export function historyIn(history: FeedHistoryLinks | undefined, format: keyof FeedUrls): HistoryUrls | undefined {
  if (!history) return undefined;
  return {
    ...(history.prevArchive ? { prevArchive: history.prevArchive[format] } : {}),
    ...(history.nextArchive ? { nextArchive: history.nextArchive[format] } : {}),
    ...(history.current ? { current: history.current[format] } : {}),
  };
}

/**
 * RFC 5005 links, one element a line: `prev-archive`, `next-archive`, `current`, and `fh:archive` (§4: "an Archive
 * Document ... MUST contain an fh:archive element") for an archive. `linkElement` is `link` for Atom, `atom:link` for
 * RSS (whose channel declares the Atom namespace with the self link).
 */
export function historyMarkup(history: HistoryUrls | undefined, linkElement: string): string[] {
  const markup: string[] = [];
  if (!history) return markup;
  if (history.prevArchive) markup.push(`<${linkElement} rel="prev-archive" href="${xmlAttribute(history.prevArchive)}"/>`);
  if (history.nextArchive) markup.push(`<${linkElement} rel="next-archive" href="${xmlAttribute(history.nextArchive)}"/>`);
  if (history.current) markup.push(`<${linkElement} rel="current" href="${xmlAttribute(history.current)}"/>`, `<fh:archive xmlns:fh="${FEED_HISTORY_NS}"/>`);
  return markup;
}

/** Inserts historyMarkup after the feed's one self link, which `feed` writes as `selfLink` finds it. */
export function withHistory(xml: string, history: HistoryUrls | undefined, selfLink: RegExp, linkElement: string): string {
  const markup = historyMarkup(history, linkElement);
  if (markup.length === 0) return xml;
  const matches = xml.match(new RegExp(selfLink.source, 'g')) ?? [];
  if (matches.length !== 1) throw new RenderError(`cannot place the archive links: the feed has ${matches.length} self links`);
  return xml.replace(selfLink, (self) => `${self}\n${markup.join('\n')}`);
}
