/**
 * The documented limits on content (README "Limits"). Each keeps a publish's output and memory in proportion
 * to the content, so that one clumsy or hostile entry cannot make a scheduled publish run out of time or memory.
 * The date and offset ranges (lib/time/entryInstant.ts) and a quoted value's length (lib/shared/quote.ts) stay with
 * the code that reads them, which lib/content imports and which cannot import it.
 */

/** Tags one entry may have: each tag's feeds and page list the entry with all its tags. */
export const MAX_TAGS_PER_ENTRY = 20;

/**
 * Related links one entry may have: every feed that carries the entry (the site's, each of its tags', its month's
 * archive), its page and the digest repeat them all, so without a cap a 100 KB file of 2,000 links would be written
 * into each of those files. The sample content has at most one.
 */
export const MAX_RELATED_PER_ENTRY = 20;

/**
 * The longest site title, digest subject template and digest list id, in characters. Each goes into the digest's
 * header lines (Subject, List-Id), which RFC 5322 §2.1.1 limits to 998 characters, and a header of one long word
 * cannot be folded.
 */
export const MAX_HEADER_TEXT_CHARS = 200;

/**
 * The longest digest.unsubscribe.url template, in characters: filled in with a token or an address (an address is
 * at most 254 bytes, three times that percent-encoded) it stays within List-Unsubscribe's one unfoldable line.
 */
export const MAX_UNSUBSCRIBE_URL_CHARS = 200;

/**
 * The longest site description and author name, in characters. Every feed (the site's, each tag's, each month's
 * archive) and every archived digest repeats them: unbounded, a 1 MB site.yml would write its description into each file.
 */
export const MAX_DESCRIPTION_CHARS = 1_000;
export const MAX_AUTHOR_NAME_CHARS = 200;

/** The largest entry file, in bytes (UTF-8). */
export const MAX_ENTRY_BYTES = 100_000;

/**
 * The largest site.yml, in bytes: every run reads and parses it whole (the publish function's url check too). A real
 * one is a few KB; `tagSlugs` for a thousand tags is about 30 KB.
 */
export const MAX_SITE_BYTES = 1_000_000;

/** An entry dated more than this many years from the site's other entries, with none between, is flagged (a warning). */
export const DATE_OUTLIER_YEARS = 10;

/** The most characters of an entry's HTML a feed item carries; a longer one is cut after a whole block, with a link. */
export const FEED_CONTENT_MAX_CHARS = 50_000;

/**
 * With digest.sendEmpty, the most weeks the digest archive may span (100 years of ISO weeks, 100 × 365.2425 / 7,
 * rounded up): every week in it is two files, so without a bound one entry centuries away meant ~1M files.
 */
export const MAX_DIGEST_ARCHIVE_WEEKS = 5_218;
export const MAX_DIGEST_ARCHIVE_YEARS = 100;

/**
 * How deep an entry body's HTML may nest (Markdown's own elements and raw HTML together, as a browser builds the
 * tree). Each step of the HTML tree building scans the open elements, so a parse costs the text's length times its
 * depth. The pages keep 100 levels (repairHtml's MAX_BODY_DEPTH) and Markdown nests its quotes and lists at most 100
 * deep (markdown-it's maxNesting), so no written entry comes near; twice that keeps the dearest parse of an entry at
 * the size limit a small fraction of a publish.
 */
export const MAX_BODY_NESTING = 200;

/**
 * How many elements, and characters of attributes, the tree building of an entry body's HTML may add to what its
 * own tags build. A formatting element left open (`<b>`, `<a href>`, `<font>`) is copied, attributes and all, into
 * every later block (WHATWG HTML §13.2.4.3), so a body under every other limit can build a tree far larger than its
 * text, which every later step reads and writes out. A start tag builds at most three elements (`<td>`: its tbody
 * and tr too) and its attributes are its own text: a body may build four elements a start tag, and twice its HTML's
 * length in attribute characters, plus this many of each, enough for a tag left open across a few thousand
 * paragraphs.
 */
export const MAX_BODY_COPIES = 10_000;

/**
 * How many selectors of a body's style sheets are read, in document order, among the rules that may hide by
 * themselves, and as many again among the others (bodyStyleSheet): each element is tested against each, so this bounds
 * the matching's cost per element; a newsletter's preheader rule comes among its first few.
 */
export const MAX_STYLE_SELECTORS = 200;

/**
 * The longest text of each of an entry's plain-text fields, in characters. Feed readers and mail clients show a
 * title, a source and a tag in a line or two and a summary in a few; real ones are far shorter (a headline, a
 * paragraph). Each is read as HTML to warn about markup typed in it (titleMarkup), a
 * read that costs up to the square of the text's length, so a longer one is refused for its length alone. A default
 * summary (the body's first paragraph) longer than `summary` is cut to it (firstParagraph's defaultSummary).
 */
export const MAX_TEXT_CHARS = {
  title: 300,
  'source.name': 200,
  summary: 1_000,
  imageAlt: 300,
  tags: 100,
  'related.title': 300,
} as const;
