import { edgeSpaceWarning } from './edgeSpaceWarning.js';
import type { Problem } from '../shared/errors.js';
import { unclosedDirectionWarning } from './unclosedDirectionControl.js';
import { quote } from '../shared/quote.js';
import { parseEntryInstant, skippedTimeWarning } from '../time/entryInstant.js';
import { splitFrontMatter, TOML_FIX } from './frontMatter.js';
import { isPlainObject, parseYaml } from './parseYaml.js';
import type { Site } from './site.js';
import { tagSlug } from './tagSlug.js';
import { isHttpUrl, urlHostRefusal, urlWhiteSpace } from '../shared/urls.js';
import { normalizeUrl } from '../shared/normalizeUrl.js';
import { withoutCredentials } from '../shared/withoutCredentials.js';
import { ipLiteralHost } from './ipLiteralHost.js';
import { replacedReferenceWarning } from './replacedReferenceWarning.js';
import { showsNothing } from '../shared/showsNothing.js';
import { cleanText } from '../shared/xmlText.js';
import { explainYamlProblem } from './yamlHints.js';
import { commentCuts } from './commentCuts.js';
import { commentControlCharacters } from './commentControlCharacters.js';
import { htmlInPlainText } from './htmlInPlainText.js';
import { lineBreakWarning } from './lineBreakWarning.js';
import { droppedCharacterWarning } from './droppedCharacterWarning.js';
import { relativeImage } from './relativeImage.js';
import { bodyImages } from './bodyImages.js';
import { bodyTreeProblem } from './bodyTree.js';
import { lostNestingProblem } from './lostNestingProblem.js';
import { rawControlWarning } from './rawControlWarning.js';
import { hiddenContent } from './hiddenContent.js';
import { embeddedMedia } from './embeddedMedia.js';
import { mergeTagImages } from './mergeTagImages.js';
import { mergeTagLinks } from './mergeTagLink.js';
import { indentedHtmlWarning } from './indentedHtmlWarning.js';
import { insecureImage } from './insecureImage.js';
import { withoutTracking } from './articleKey.js';
import { tagCountProblem } from './tagCount.js';
import { MAX_RELATED_PER_ENTRY } from './limits.js';
import { textTooLong } from './textTooLong.js';

import { ENTRIES_PREFIX } from './contentKeys.js';
import { unknownFieldFix } from './unknownFieldFix.js';
import { publishStatusField } from './publishStatusField.js';
import { shortcodeWarning } from './shortcodeWarning.js';
import { controlReferenceWarning } from './controlReferenceWarning.js';
import { bodyDrops } from './bodyDrops.js';
import { droppedAddressWarning } from './droppedAddressWarning.js';
import { emptiedElementWarning } from './emptiedElementWarning.js';
import { fileNameDate } from './fileNameDate.js';
import { windowsReservedName, windowsSafeName } from './windowsReservedName.js';
import { decomposedFileNameWarning } from './decomposedFileName.js';
import { spacedFileNameWarning } from './spacedFileName.js';
import { fieldLine } from './fieldLines.js';
import { yamlLines } from './yamlLines.js';
import { dateMeant } from './dateMeant.js';
import { trimmedLineMatch } from './trimmedLineMatch.js';
import { typographicPair, typographicQuotes } from './typographicQuotes.js';
import { tagWithoutUnseen } from './tagWithoutUnseen.js';
import { INVISIBLE } from '../shared/invisible.js';
import { characterName } from '../shared/characterName.js';
import { nfc } from '../shared/nfc.js';
import { detachedText } from '../shared/detachedText.js';
import { withoutTrailing } from './withoutTrailing.js';
import { updatedBeforeDate } from './updatedBeforeDate.js';
import { urlCharacterReference } from './urlCharacterReference.js';
import { withHttps } from './withHttps.js';
import { schemelessLinks } from './schemelessLinks.js';
export { ENTRIES_PREFIX };

export interface Source {
  name: string;
  url?: string;
  feed?: string;
}

export interface Link {
  title: string;
  url: string;
}

export interface Tag {
  name: string;
  slug: string;
}

/** An entry's validated front matter; plain data, so it can be cached as JSON. */
export interface EntryMeta {
  /** The content-relative key, e.g. `entries/2014/ifes-foreign-trade.md`. */
  key: string;
  /** The entry's identity forever: `id:` if given, else the path under entries/ without `.md`. */
  id: string;
  title: string;
  url: string;
  source: Source;
  /** Epoch milliseconds of `date`. */
  date: number;
  /** Epoch milliseconds of `updated`, when given. */
  updated?: number;
  tags: Tag[];
  summary?: string;
  related: Link[];
  image?: string;
  /** What the image shows, for those who cannot see it (WCAG 1.1.1): the entry page's alt, the feeds' too. */
  imageAlt?: string;
  draft: boolean;
  /** Tags typed after one of this entry's with the same slug: published as that one (tagSlugCollisions warns). */
  mergedTags?: Tag[];
  /** Each tag's place in `tags:` as written, which warnings name (`tags[2]`), when a merged or emptied item put it elsewhere. */
  tagIndexes?: number[];
}

export interface EntryParse {
  /** The entry, when it is valid (never with `validateOnly`). */
  entry?: EntryMeta;
  /** The id of a valid entry, with or without `validateOnly`. */
  id?: string;
  /** The date of a valid entry: its instant in the site's zone, with or without `validateOnly`. */
  date?: number;
  /** Its `updated:`, so, with `validateOnly` (dateOutliers). */
  updated?: number;
  /** The tags and url of a valid entry, with or without `validateOnly`. */
  tags?: Tag[];
  /** As EntryMeta's, with or without `validateOnly`. */
  mergedTags?: Tag[];
  /** As EntryMeta's, with or without `validateOnly`. */
  tagIndexes?: number[];
  url?: string;
  /** Whether a valid entry is a draft, with `validateOnly` (the digest archive's span leaves drafts out). */
  draft?: boolean;
  /** Whether a valid entry has a `summary:`, with or without `validateOnly`. */
  summaryGiven?: boolean;
  problems: Problem[];
  warnings: Problem[];
  /** The Markdown body, with the entry. */
  body?: string;
}

// A `key: value` line's value, read with trimmedLineMatch.
export const TYPED_LINE = /^[^:]+:\s*(.*)/;
// The fields RSS 2.0 carries as URIs of their own (<link>, <source url>, <media:content url>).
const RSS_URI_FIELDS = new Set(['url', 'source.feed', 'image']);
// The text fields an export copies from a post's title, excerpt and publisher, where its shortcodes come along (shortcodeWarning).
const SHORTCODE_FIELDS = new Set(['title', 'summary', 'source.name']);
/** The fields of `source:` and of each related link, as README's table of fields names them. */
const SOURCE_FIELDS = ['name', 'url', 'feed'] as const;
const RELATED_FIELDS = ['title', 'url'] as const;
const KNOWN_FIELDS = new Set(['title', 'url', 'source', 'date', 'tags', 'summary', 'updated', 'related', 'image', 'imageAlt', 'draft', 'id']);

/** The ids of the digest archive's items, which no entry may take (see parseEntry). */
const DIGEST_ID = /^digests\/\d{4}-W\d{2}$/;
/** C0 and C1 controls, DEL and the two noncharacters U+FFFE and U+FFFF. */
const ID_CONTROL = /[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]/;
// An invisible character (INVISIBLE) or white space other than the plain space. Made on first use: most entries have no id:.
let idUnseenPattern: RegExp | undefined;
const idUnseen = () => (idUnseenPattern ??= new RegExp(`[${INVISIBLE}]|(?! )\\s`, 'u'));

/** The default id: the path under entries/ without `.md` (`entries/2014/a.md` → `2014/a`). */
export function defaultEntryId(key: string): string {
  return key.slice(ENTRIES_PREFIX.length).replace(/\.md$/, '');
}

export interface ParseEntryOptions {
  /**
   * Only validate (default false): report the problems and the id, and build no entry. The date is still placed in
   * the site's time zone, as a publish places it: what is embargoed at a moment depends on it.
   */
  validateOnly?: boolean;
  /**
   * Whether the last publish had this file's entry under `id` (the entry index). Such an id holding a character readers
   * cannot see is kept, with a warning: changing it would show the entry again as new. Default: none was published.
   */
  publishedUnder?: (id: string) => boolean;
}

/** Validates one entry file's front matter; reports every problem, not just the first. */
export function parseEntry(text: string, key: string, site: Pick<Site, 'timezone'> & Partial<Pick<Site, 'tagSlugs' | 'url'>>, options: ParseEntryOptions = {}): EntryParse {
  const validateOnly = options.validateOnly ?? false;
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const split = splitFrontMatter(text);
  if (!split.ok) return { problems: [{ file: key, ...(split.line === undefined ? {} : { line: split.line }), field: 'file', message: split.message, fix: split.fix }], warnings };

  const parsed = parseYaml(split.value.yaml, key, split.value.yamlLine);
  if (!parsed.ok) return { problems: [explainYamlProblem(parsed.problem, split.value.yaml, split.value.yamlLine)], warnings };
  if (parsed.value === null) {
    return { problems: [{ file: key, field: 'front matter', message: 'is empty: it holds no field, only blank lines or comments', fix: 'write title:, url:, source: and date: one per line between the two --- lines' }], warnings };
  }
  // `title = "…"` lines, TOML with its +++ fences made ---, read by YAML as one text.
  if (!isPlainObject(parsed.value) && /^[A-Za-z_][\w-]*[ \t]*=[ \t]*\S/m.test(split.value.yaml)) {
    return { problems: [{ file: key, field: 'front matter', message: 'is in TOML (title = …), which is not read', fix: TOML_FIX }], warnings };
  }
  if (!isPlainObject(parsed.value)) {
    return { problems: [{ file: key, field: 'front matter', message: 'is not a mapping of fields', fix: 'write one field per line, e.g. title: ..., url: ..., source: ..., date: ...' }], warnings };
  }
  const fm = parsed.value;
  const cuts = commentCuts(split.value.yaml, key, split.value.yamlLine);
  problems.push(...cuts);
  warnings.push(...commentControlCharacters(split.value.yaml, key, split.value.yamlLine));
  // A field a comment emptied is named once, by its cut, not again as missing.
  const emptied = new Set(cuts.map((cut) => cut.field));
  // Split only when a problem needs a line number.
  let lines: string[] | undefined;
  const lineOf = (field: string): number | undefined => {
    lines ??= yamlLines(split.value.yaml);
    const index = lines.findIndex((line) => line.startsWith(`${field}:`));
    return index < 0 ? undefined : split.value.yamlLine + index;
  };
  // A nested field's own line (`related[1].title`, `source.url`), else its top-level key's.
  const nestedLineOf = (field: string): number | undefined => {
    lines ??= yamlLines(split.value.yaml);
    const index = fieldLine(lines, field);
    return index === undefined ? undefined : split.value.yamlLine + index;
  };
  const problem = (field: string, message: string, fix: string) => {
    const p: Problem = { file: key, field, message, fix };
    const line = nestedLineOf(field);
    if (line !== undefined) p.line = line;
    problems.push(p);
  };
  // A key within `source:` or a related link that no output reads (`nmae:`), said as an unknown field is.
  const unknownKeys = (parent: string, value: Record<string, unknown>, known: readonly string[]) => {
    for (const name of Object.keys(value)) {
      if (known.includes(name)) continue;
      const w: Problem = { file: key, field: `${parent}.${name}`, message: 'is not a known field and is ignored', fix: unknownFieldFix(name, known) };
      const line = nestedLineOf(w.field);
      if (line !== undefined) w.line = line;
      warnings.push(w);
    }
  };

  /**
   * An http(s) URL field as published (normalizeUrl), or undefined after its problem: one with a user name or
   * password is refused, as every output would publish them (RFC 9110 §4.2.4); one with a `\` before its query is
   * published as a browser reads it, `\` as `/` (URL Standard), and warned of.
   */
  // The fields refused by httpUrl for standing in typographic quotes.
  const quotedUrls = new Set<string>();
  const httpUrl = (field: string, value: unknown, fix: string): string | undefined => {
    const name = field.slice(field.lastIndexOf('.') + 1);
    // A related link with a title and no url: (or `url:` left empty) is missing it, not the URL "undefined".
    if (value === undefined || value === null) return void problem(field, 'is missing', `add ${name}: with the full address, starting with https://`);
    if (!isHttpUrl(value)) {
      // A url pasted between smart quotes: the refusal says why, so the quotes' warning is not given as well.
      const text = typeof value === 'string' ? value.trim() : '';
      const pair = typographicPair(text);
      const inner = pair ? text.slice(1, -1).trim() : '';
      if (pair === undefined || !isHttpUrl(inner)) {
        const refusal = urlHostRefusal(name, value);
        if (refusal) return void problem(field, refusal.message, refusal.fix);
        // The value as typed: `text` is trimmed of the no-break space at an end this would name.
        const space = urlWhiteSpace(typeof value === 'string' ? value : '');
        if (space !== undefined) return void problem(field, `${quote(value)} holds ${characterName(space)}, white space no URL may hold`, `delete it: write ${name}: ${text.replaceAll(space, '')} (or %20 where a space is meant)`);
        const host = withHttps(text, !RSS_URI_FIELDS.has(field));
        return void problem(field, `${quote(value)} is not an absolute http(s) URL`, host ? `write ${name}: ${host}, with its https://` : fix);
      }
      quotedUrls.add(field);
      return void problem(field, `${quote(value)} stands in typographic quotes (${pair[0]}…${pair[1]}), which YAML does not read as quotes, so it is not an absolute http(s) URL`, `write ${name}: ${inner} without quotes, or ${name}: ${JSON.stringify(inner)} with straight quotes`);
    }
    const bare = withoutCredentials(value);
    if (bare !== undefined) return void problem(field, 'holds a user name or password (the part before @), which every feed and page would publish', `write ${name}: ${normalizeUrl(bare)}`);
    // RSS carries these as URIs by RFC 2396, without IP literals (ipLiteralHost); the others are links in HTML.
    const literal = RSS_URI_FIELDS.has(field) ? ipLiteralHost(value) : undefined;
    if (literal !== undefined) return void problem(field, `has the IP address ${literal} as its host, which an RSS 2.0 URL cannot hold (RFC 2396 has no [ ]): the W3C feed validator would call every RSS feed carrying it invalid`, `write ${name}: with the host's name instead of its address`);
    const url = normalizeUrl(value);
    const pathEnd = value.search(/[?#]/);
    if (value.slice(0, pathEnd < 0 ? value.length : pathEnd).includes('\\')) {
      const w: Problem = { file: key, field, message: 'has a backslash (\\) before its query, which browsers read as /', fix: `write ${name}: ${url}, as it is published` };
      const line = nestedLineOf(field);
      if (line !== undefined) w.line = line;
      warnings.push(w);
    }
    const referenced = urlCharacterReference(value);
    if (referenced) {
      const { reference, character, text } = referenced;
      const encoded = encodeURIComponent(character);
      const fragment = reference.startsWith('&#') ? `, where its "#" starts the address's fragment` : '';
      const w: Problem = { file: key, field, message: `holds the HTML character reference ${quote(reference)}, which is published as typed${fragment}: front matter is not HTML`, fix: `write the character itself: ${name}: ${text}${encoded === character ? '' : `; or percent-encode it, ${encoded}, where it is text in the address`}` };
      const line = nestedLineOf(field);
      if (line !== undefined) w.line = line;
      warnings.push(w);
    }
    return url;
  };

  // A plain scalar YAML reads as a number (1e3, 007, 3.10, 0x1F) is text only when it reads back as typed: the
  // number's own digits stand in the field's lines. Otherwise the editor is asked to quote it.
  // A top-level field's lines: its `field:` line and those under it, without blank lines at the end.
  const fieldBlock = (field: string): string[] => {
    lines ??= yamlLines(split.value.yaml);
    const start = lines.findIndex((line) => line.startsWith(`${field}:`));
    if (start < 0) return [];
    let end = start + 1;
    while (end < lines.length && /^(?:[ -]|$)/.test(lines[end]!)) end++;
    while (end > start + 1 && lines[end - 1]!.trim() === '') end--;
    return lines.slice(start, end);
  };
  // A top-level field's value as typed, when it stands alone on the field's line.
  const typedOnLine = (field: string): string | undefined => {
    const block = fieldBlock(field);
    return block.length === 1 ? trimmedLineMatch(TYPED_LINE, block[0]!)?.[1] : undefined;
  };
  // A tag YAML read as `value`, as typed: the one word on its line (its list item's, or the `tags:` line) that YAML
  // reads as that number; undefined when none or several differ.
  const typedTag = (shownField: string, value: number): string | undefined => {
    const at = nestedLineOf(shownField);
    const line = at === undefined ? undefined : lines?.[at - split.value.yamlLine];
    const words = new Set((line ?? '').split(/[\s[\]{},]+/).filter((word) => {
      // Every number of YAML's core schema starts so (YAML 1.2 §10.3.2): only those words are read.
      const read = /^[-+.\d]/.test(word) ? parseYaml(word, key) : undefined;
      return read?.ok === true && Object.is(read.value, value);
    }));
    return words.size === 1 ? [...words][0] : undefined;
  };
  const typedText = (field: string, value: string | number, shownField = field): string | undefined => {
    if (typeof value === 'string') return value;
    const text = String(value);
    const block = fieldBlock(field).join('\n');
    const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(?<![^\\s\\[{,:])${escaped}(?![^\\s\\]},#])`).test(block)) return text;
    if (field === 'tags') {
      const typed = typedTag(shownField, value);
      if (typed === undefined) problem(shownField, `YAML reads this tag as the number ${text}, not as typed`, 'put it in quotes to keep it as typed, e.g. tags: [news, "3.10"]');
      else problem(shownField, `YAML reads ${quote(typed)} as the number ${text}, not as typed`, `put it in quotes to keep it as typed: ${quote(typed)}`);
      return undefined;
    }
    if (shownField !== field) {
      // A nested field (`source.name`, `related[0].title`): its value as typed on its own line, when one holds it.
      const leaf = shownField.slice(shownField.lastIndexOf('.') + 1);
      const at = nestedLineOf(shownField);
      const own = at === undefined ? undefined : new RegExp(`(?:^|[\\s{,])${leaf}:\\s*([^\\s,}\\]#]+)`).exec(lines?.[at - split.value.yamlLine] ?? '')?.[1];
      problem(shownField, `YAML reads ${own ? quote(own) : 'this value'} as the number ${text}, not as typed`, `put it in quotes to keep it as typed, e.g. ${leaf}: ${own === undefined ? '"..."' : quote(own)}`);
      return undefined;
    }
    const typed = typedOnLine(field);
    problem(field, `YAML reads ${typed ? quote(typed) : 'this value'} as the number ${text}, not as typed`, `put it in quotes to keep it as typed, e.g. ${field}: ${typed === undefined ? '"..."' : quote(typed)}`);
    return undefined;
  };

  // A text field within its length (textTooLong), else undefined after its problem: nothing else reads a longer one.
  const withinLength = (limit: Parameters<typeof textTooLong>[0], shown: string, value: string | undefined): string | undefined => {
    const long = value === undefined ? undefined : textTooLong(limit, value);
    if (long === undefined) return value;
    problem(shown, long.message, long.fix);
    return undefined;
  };

  // A required field absent is missing; one written with no value (`title:`, '' or ~) is empty, its fix what to
  // write after it. True when either was said, or a comment emptied it (named by its cut).
  const unwritten = (field: string, missingFix: string, emptyFix: string): boolean => {
    const value = fm[field];
    if (value !== undefined && value !== null && value !== '') return false;
    if (emptied.has(field)) return true;
    if (value === undefined) problem(field, 'is missing', missingFix);
    else problem(field, 'is empty', emptyFix);
    return true;
  };

  const requiredText = (field: string, fix: string, emptyFix: string): string | undefined => {
    if (unwritten(field, fix, emptyFix)) return undefined;
    const value = fm[field];
    if (typeof value !== 'string' && typeof value !== 'number') return void problem(field, 'must be text', fix);
    const typed = typedText(field, value);
    if (typed === undefined) return undefined;
    const textValue = typed.trim();
    const blank = blankness(textValue);
    if (blank) return void problem(field, blank, blank === 'is empty' ? emptyFix : fix);
    return textValue;
  };

  // The text fields readers read are published in NFC (nfc): the url and id stay as typed, as a server and every
  // feed reader's memory of an id match them byte for byte.
  const title = nfc(withinLength('title', 'title', requiredText('title', "add title: with the article's headline", "write the article's headline after title:, e.g. title: Talks resume in Geneva")));

  // An export's `link:` (unknownFieldFix) holds the address: the fix says to rename it rather than add another.
  const linkField = ['link', 'externalURL'].find((field) => typeof fm[field] === 'string');
  let url = requiredText('url', linkField ? `rename ${linkField}: to url:, the absolute https address of the original article` : 'add url: with the absolute https address of the original article', 'write the absolute https address of the original article after url:, e.g. url: https://example.com/story');
  if (url !== undefined) url = httpUrl('url', url, 'write the full address, starting with https://');
  // A link pasted from a newsletter or a social post tells the publisher every reader came from there.
  const tracked = url === undefined ? undefined : withoutTracking(url);
  if (tracked) {
    const one = tracked.removed.length === 1;
    const w: Problem = { file: key, field: 'url', message: `holds the tracking ${one ? 'parameter' : 'parameters'} ${tracked.removed.join(', ')}, which ${one ? 'tells' : 'tell'} the publisher every reader came from where the link was copied`, fix: `write url: ${tracked.url}` };
    const line = lineOf('url');
    if (line !== undefined) w.line = line;
    warnings.push(w);
  }

  let source: Source | undefined;
  if (unwritten('source', "add source: with the publisher's name, or {name, url, feed}", "write the publisher's name after source:, e.g. source: Example News, or {name, url, feed}")) {
    // Missing or empty: unwritten gave the problem.
  } else if (typeof fm.source === 'string' || typeof fm.source === 'number') {
    // A publisher named by a number (`source: 1843`) is text when it reads back as typed, else asked to be quoted.
    const typed = typedText('source', fm.source);
    const blank = typed === undefined ? undefined : blankness(typed);
    if (blank) problem('source', blank, "write source: with the publisher's name, or {name, url, feed}");
    else if (typed !== undefined) {
      const name = withinLength('source.name', 'source', typed.trim());
      if (name !== undefined) source = { name: nfc(name) };
    }
  } else if (isPlainObject(fm.source)) {
    unknownKeys('source', fm.source, SOURCE_FIELDS);
    const name = typeof fm.source.name === 'number' ? typedText('source', fm.source.name, 'source.name') : fm.source.name;
    const blank = typeof name !== 'string' || name.trim() === '' ? 'is missing' : blankness(name);
    // A number not typed as read was named by typedText.
    if (typeof fm.source.name === 'number' && name === undefined) {
      // Said.
    } else if (blank || typeof name !== 'string') {
      problem('source.name', blank ?? 'is missing', 'write source: {name: Publisher, url: https://...}');
      // Its addresses are checked all the same: one run names every field to fix.
      for (const part of ['url', 'feed'] as const) {
        const value = fm.source[part];
        if (value !== undefined && value !== null) httpUrl(`source.${part}`, value, `write the full address starting with https://, or remove source.${part}`);
      }
    } else if (withinLength('source.name', 'source.name', name.trim()) !== undefined) {
      source = { name: nfc(name.trim()) };
      for (const part of ['url', 'feed'] as const) {
        const value = fm.source[part];
        if (value === undefined || value === null) continue;
        const checked = httpUrl(`source.${part}`, value, `write the full address starting with https://, or remove source.${part}`);
        if (checked === undefined) {
          source = undefined;
          break;
        }
        source[part] = checked;
      }
    }
  } else problem('source', 'must be a name or {name, url, feed}', 'write source: Publisher, or source: {name: Publisher, url: https://...}');

  // A local time the site's zone skips is published as another time: a warning, as check and publish read it alike.
  const skipped = (field: 'date' | 'updated') => {
    const spaced = edgeSpaceWarning(fm[field], field, String(fm[field]).trim());
    const skip = skippedTimeWarning(fm[field], site.timezone);
    if (!spaced && !skip) return;
    const line = lineOf(field);
    if (spaced) warnings.push({ file: key, field, ...(line !== undefined ? { line } : {}), ...spaced });
    if (!skip) return;
    const w: Problem = { file: key, field, ...skip };
    if (line !== undefined) w.line = line;
    warnings.push(w);
  };

  // A date YAML read as a number other than the one typed (`.nan` as NaN, `1e3` as 1000) is quoted as typed.
  const dateMessage = (field: 'date' | 'updated', raw: unknown, message: string): string => {
    if (typeof raw !== 'number') return message;
    const typed = typedOnLine(field);
    return typed === String(raw) ? message : `YAML reads ${typed ? quote(typed) : 'this value'} as the number ${String(raw)}, not a date`;
  };

  let date: number | undefined;
  if (fm.date === undefined || fm.date === null || fm.date === '') {
    const named = fileNameDate(key);
    problem('date', 'is missing', named ? `add date: ${named}, the date the file's name begins with, which Jekyll took as the post's date` : 'add date: YYYY-MM-DD');
  } else {
    const parsedDate = parseEntryInstant(fm.date, site.timezone);
    if (parsedDate.ok) {
      date = parsedDate.value;
      skipped('date');
    } else {
      const meant = dateMeant('date', fm.date);
      problem('date', meant?.message ?? dateMessage('date', fm.date, parsedDate.message), meant?.fix ?? parsedDate.fix);
    }
  }

  let updated: number | undefined;
  if (fm.updated !== undefined && fm.updated !== null) {
    const parsedUpdated = parseEntryInstant(fm.updated, site.timezone);
    if (parsedUpdated.ok) {
      updated = parsedUpdated.value;
      skipped('updated');
    } else {
      const meant = dateMeant('updated', fm.updated);
      problem('updated', meant?.message ?? dateMessage('updated', fm.updated, parsedUpdated.message), meant?.fix ?? parsedUpdated.fix);
    }
  }
  const early = date === undefined || updated === undefined ? undefined : updatedBeforeDate(date, updated, { date: String(fm.date).trim(), updated: String(fm.updated).trim() });
  const updatedLine = early && lineOf('updated');
  if (early) warnings.push({ file: key, ...(updatedLine === undefined ? {} : { line: updatedLine }), field: 'updated', ...early });

  // Each kept tag with its place in the list as written, which its warnings name (`tags[1]`).
  const keptTags: { tag: Tag; index: number }[] = [];
  const mergedTags: Tag[] = [];
  if (fm.tags !== undefined && fm.tags !== null) {
    // One tag may be written alone, a number-like one too (`tags: 2014`), judged as typed as in a list.
    const list = typeof fm.tags === 'string' || typeof fm.tags === 'number' ? [fm.tags] : fm.tags;
    const tooMany = Array.isArray(list) ? tagCountProblem(list.length) : undefined;
    if (!Array.isArray(list)) problem('tags', 'must be a list', 'write tags: [trade, sanctions]');
    // `tags: Trade, China` is one YAML text: published as one tag "Trade, China", on neither tag's feed.
    else if (typeof fm.tags === 'string' && fm.tags.includes(',')) {
      const names = fm.tags.split(',').map((name) => name.trim()).filter((name) => name !== '');
      problem('tags', `${quote(fm.tags)} is one text, not a list: it would be one tag`, `write tags: [${names.join(', ')}] for ${names.length === 1 ? 'the tag' : `${names.length} tags`}, or tags: [${quote(fm.tags)}] for one tag with a comma`);
    }
    else if (tooMany) problem('tags', tooMany.message, tooMany.fix);
    else {
      // Only a text may be tags typed apart with spaces: its line says whether it is quoted.
      const tagsLine = typeof fm.tags === 'string' ? lineOf('tags') : undefined;
      const typed = tagsLine === undefined ? '' : lines![tagsLine - split.value.yamlLine]!;
      const spaced = typeof fm.tags === 'string' && !/^tags:\s*["']/.test(typed) ? spaceSeparatedTags(fm.tags) : undefined;
      if (spaced) warnings.push({ file: key, ...(tagsLine === undefined ? {} : { line: tagsLine }), field: 'tags', ...spaced });
      const seen = new Set<string>();
      list.forEach((tag, index) => {
        // An item a comment emptied (`- #trade`) is named by its cut.
        if (tag === null && emptied.has('tags')) return;
        if ((typeof tag !== 'string' && typeof tag !== 'number') || blankness(String(tag))) {
          // A bare true/false or ~/null YAML reads as no text: the fix says to quote it, as for a number.
          if (typeof tag === 'boolean' || tag === null) problem(`tags[${index}]`, `YAML reads this tag as ${tag === null ? 'empty (null: ~ or null typed bare)' : `the boolean ${tag}`}, not as a tag name`, `put it in quotes to keep it as typed, e.g. tags: [news, "${tag === null ? '~' : tag}"], or delete it`);
          else problem(`tags[${index}]`, 'is not a tag name', 'write each tag as non-empty text');
          return;
        }
        const typed = withinLength('tags', `tags[${index}]`, typedText('tags', tag, `tags[${index}]`));
        if (typed === undefined) return;
        // As every output shows it: a control character must not make a second tag that reads the same.
        const clean = nfc(cleanText(typed).trim());
        const { name, dropped } = tagWithoutUnseen(clean);
        // Said as for the other text fields: the tag as typed, before those characters are dropped, and its name as published.
        const droppedCharacter = droppedCharacterWarning(key, `tags[${index}]`, typed, name);
        if (droppedCharacter) {
          const line = nestedLineOf(`tags[${index}]`);
          if (line !== undefined) droppedCharacter.line = line;
          warnings.push(droppedCharacter);
        }
        if (dropped.length > 0) {
          const w: Problem = { file: key, field: `tags[${index}]`, message: `${quote(clean)} holds ${dropped.map(characterName).join(' and ')}, which no reader sees: published as ${quote(name)}, the tag it reads as`, fix: `retype the tag: ${name}` };
          const line = nestedLineOf(`tags[${index}]`);
          if (line !== undefined) w.line = line;
          warnings.push(w);
        }
        const slug = tagSlug(name, site.tagSlugs);
        // One slug is one tag page: the first spelling is the entry's tag, the others are kept for the warning.
        if (seen.has(slug)) mergedTags.push({ name, slug });
        else keptTags.push({ tag: { name, slug }, index });
        seen.add(slug);
      });
    }
  }

  const tags = keptTags.map(({ tag }) => tag);
  const tagIndexes = keptTags.some(({ index }, place) => index !== place) ? keptTags.map(({ index }) => index) : undefined;

  let summary: string | undefined;
  if (fm.summary !== undefined && fm.summary !== null) {
    if (typeof fm.summary !== 'string' && typeof fm.summary !== 'number') problem('summary', 'must be text', 'write summary: with one or two plain sentences');
    else {
      const typed = typedText('summary', fm.summary);
      if (typed !== undefined && !blankness(typed)) summary = nfc(withinLength('summary', 'summary', typed.trim()));
    }
  }

  // Each kept link with its place in the list as written, which its warnings name (`related[1].title`).
  const related: { link: Link; index: number }[] = [];
  if (fm.related !== undefined && fm.related !== null) {
    if (!Array.isArray(fm.related)) problem('related', 'must be a list', 'write related: [{title: More analysis, url: https://...}]');
    else if (fm.related.length > MAX_RELATED_PER_ENTRY) {
      problem('related', `has ${fm.related.length} links, more than the ${MAX_RELATED_PER_ENTRY} an entry may have`, `keep the ${MAX_RELATED_PER_ENTRY} that add most to the article`);
    } else {
      fm.related.forEach((link, index) => {
        if (isPlainObject(link)) unknownKeys(`related[${index}]`, link, RELATED_FIELDS);
        // An address alone (`- https://…`), as a list of links is often written: it needs a title.
        if (typeof link === 'string' && /^https?:\/\//i.test(link.trim())) {
          problem(`related[${index}]`, `${quote(link.trim())} is an address alone: a related link needs a title too`, `write it as {title: ..., url: ${link.trim()}}`);
          return;
        }
        // A title YAML reads as a number (`title: 1984`) is text when it reads back as typed, else asked to be quoted.
        const typed = isPlainObject(link) && typeof link.title === 'number' ? typedText('related', link.title, `related[${index}].title`) : undefined;
        if (isPlainObject(link) && typeof link.title === 'number' && typed === undefined) {
          // Said by typedText.
        } else if (!isPlainObject(link) || (typeof link.title !== 'string' && typed === undefined) || blankness(typed ?? String(link.title))) {
          // A title typed but blank in every output says why, as a title's or a source's does.
          const blank = isPlainObject(link) && typeof link.title === 'string' ? blankness(link.title) : undefined;
          problem(`related[${index}].title`, blank ?? 'is missing', 'write each related link as {title: ..., url: https://...}');
        } else {
          const url = httpUrl(`related[${index}].url`, link.url, 'write the full address, starting with https://');
          const title = withinLength('related.title', `related[${index}].title`, (typed ?? String(link.title)).trim());
          if (url !== undefined && title !== undefined) related.push({ link: { title: nfc(title), url }, index });
        }
      });
    }
  }

  let image: string | undefined;
  if (fm.image !== undefined && fm.image !== null) {
    image = httpUrl('image', fm.image, 'write the full image address starting with https://, or remove image');
  }
  let imageAlt: string | undefined;
  if (fm.imageAlt !== undefined && fm.imageAlt !== null) {
    if (typeof fm.imageAlt !== 'string' && typeof fm.imageAlt !== 'number') problem('imageAlt', 'must be text', 'write imageAlt: with a few words saying what the image shows');
    else {
      const typed = typedText('imageAlt', fm.imageAlt);
      if (typed !== undefined && !blankness(typed)) imageAlt = nfc(withinLength('imageAlt', 'imageAlt', typed.trim()));
    }
    if (fm.image === undefined || fm.image === null) {
      const w: Problem = { file: key, field: 'imageAlt', message: 'describes an image the entry does not have, and is not shown', fix: 'add image: with the image it describes, or remove imageAlt' };
      const line = lineOf('imageAlt');
      if (line !== undefined) w.line = line;
      warnings.push(w);
    }
  }

  let draft = false;
  if (fm.draft !== undefined && fm.draft !== null) {
    if (typeof fm.draft !== 'boolean') problem('draft', `${quote(fm.draft)} is not true or false`, 'write draft: true or draft: false');
    else draft = fm.draft;
  }

  let id = defaultEntryId(key);
  // Whether the entry gives its own id:, which no rename of its file changes.
  const ownId = fm.id !== undefined && fm.id !== null;
  if (ownId) {
    if ((typeof fm.id !== 'string' && typeof fm.id !== 'number') || blankness(String(fm.id))) problem('id', 'must be non-empty text', 'remove id: to use the file path, or write a permanent identifier');
    else {
      const typed = typedText('id', fm.id);
      if (typed !== undefined) id = typed.trim();
    }
  }
  // Whether the entry is published under this id already, so that it stays.
  const published = () => options.publishedUnder?.(id) === true;
  // A permanent id is written into every feed and must never change: a control character in it (an accident of a
  // file name or an escape) would stay there for good, percent-encoded (RFC 4151 §2.1), with no reader able to see it.
  const control = ID_CONTROL.exec(id)?.[0];
  if (control !== undefined) {
    const named = `U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, a control character`;
    if (!ownId) {
      problems.push({ file: key, field: 'file', message: `the file name holds ${named}, and the entry's permanent id is its path`, fix: 'rename the file with letters, digits and hyphens only, or give the entry an id: without it' });
    } else problem('id', `holds ${named}`, 'write the id without it');
  }
  // The same for a character a reader cannot see or tell from a space (a soft hyphen, a no-break space pasted from
  // Word), which idFoldKey already counts as nothing between two ids: typed in id:, it would be published for good.
  const unseen = !ownId || control !== undefined ? undefined : idUnseen().exec(id)?.[0];
  if (unseen !== undefined) {
    const held = `holds ${characterName(unseen)}, which readers cannot see or tell from a space`;
    if (published()) {
      // Published so, it stays so: its URL and every feed's tag: id hold it already.
      const w: Problem = { file: key, field: 'id', message: `${held}; kept, as the entry is published under this id (${encodeURIComponent(unseen)} in its URL and every feed's tag: id), and a changed id would show it again as new`, fix: 'leave it as it is; give new entries ids without it' };
      const line = lineOf('id');
      if (line !== undefined) w.line = line;
      warnings.push(w);
    } else {
      const retyped = id.replace(new RegExp(idUnseen(), 'gu'), (char) => (/\s/u.test(char) ? '-' : ''));
      problem('id', `${held}, and an id is published for good: as ${encodeURIComponent(unseen)} in every feed's tag: id`, `retype the id: id: ${retyped} (if the entry is already published under this id, keep it: a publish, or check --out with the published site, accepts it as published)`);
    }
  }
  const decomposed = decomposedFileNameWarning(key, id, ownId, published);
  if (decomposed) warnings.push(decomposed);
  const spaced = spacedFileNameWarning(key, id, ownId, published);
  if (spaced) warnings.push(spaced);
  // A warning, not a refusal: the file publishes as it is, but a Windows editor's clone of the content breaks on it.
  const names = key.split('/');
  const at = names.findIndex((name, index) => index > 0 && windowsReservedName(name) !== undefined);
  if (at !== -1) {
    const device = windowsReservedName(names[at]!)!;
    const renamed = names.map((name, index) => (index === at ? windowsSafeName(name) : name)).join('/');
    const where = at === names.length - 1 ? `is named ${device}` : `is in the folder ${names.slice(0, at + 1).join('/')}/, named ${device}`;
    const keepId = ownId ? '' : published() ? ` and add id: ${id}, the id it is published under, which its path gave it` : `; if it is already published, add id: ${id} too, the id its path gave it`;
    warnings.push({
      file: key,
      field: 'file',
      message: `${where}, a device name Windows reserves with any extension: Git for Windows cannot check the file out and Windows cannot create it, so the content cannot be copied to a Windows computer`,
      fix: `${at === names.length - 1 ? 'rename it to' : 'move it to'} ${renamed}${keepId}`,
    });
  }
  // An old feed's guid or permalink as id: every feed wraps it in tag:…: (RFC 4151), so readers see a new item anyway,
  // and its page lands at entries/https/host/…. A warning, not a refusal: a published id must never change.
  if (ownId && isHttpUrl(id)) {
    const path = withoutTrailing(id.replace(/^[a-z]+:\/\/+/i, '').replace(/^[^/]*\/+/, ''), '/');
    const w: Problem = { file: key, field: 'id', message: `${quote(id)} is an address: the feeds publish it inside a tag: id (tag:…:${id}), not as the old feed's guid, and its page is under entries/https/`, fix: `if the entry is not published yet, write id: ${/^[\w./-]+$/.test(path) ? path : 'with letters, digits, hyphens and /'} or remove id:; once published, keep it, as a changed id shows the entry again as new` };
    const line = lineOf('id');
    if (line !== undefined) w.line = line;
    warnings.push(w);
  }
  // The digest archive's items have the ids tag:…:digests/YYYY-Www (lib/digest/digestArtifacts.ts): an entry with
  // one of them would share its id with a week's digest, and a reader subscribed to both would show only one.
  if (DIGEST_ID.test(id)) {
    const message = `${quote(id)} is the id of the ${id.slice('digests/'.length)} digest in the digest feeds, and a reader would take the two for one item`;
    if (!ownId) problems.push({ file: key, field: 'id', message: `the entry's id, its path, ${message}`, fix: 'rename the file or move it out of entries/digests/, or give the entry an id: of its own' });
    else problem('id', message, 'write another id');
  }

  // Text shown inside a line of other text (a reader's list, a subject, a <title>): an unclosed direction control
  // reorders what follows it there, where no markup can isolate it.
  const texts: [string, string | undefined][] = [['title', title], ['source.name', source?.name], ['summary', summary], ['imageAlt', imageAlt], ...keptTags.map(({ tag, index }): [string, string] => [`tags[${index}]`, tag.name]), ...related.map(({ link, index }): [string, string] => [`related[${index}].title`, link.title])];
  // The key of the line each field is written on (a tag is a list item, a related link's title its `title:`).
  const yamlKeys: Record<string, string | undefined> = { title: 'title', 'source.name': typeof fm.source === 'string' || typeof fm.source === 'number' ? 'source' : 'name', summary: 'summary', imageAlt: 'imageAlt' };
  for (const [field, value] of texts) {
    // HTML in a text field (`AT&amp;T`, `<b>Breaking</b>`, `Kim Jong Un&#8217;s`), as a CMS export leaves it: the text it stands for is meant.
    const references = htmlInPlainText(key, field, value, field.startsWith('related[') ? 'title' : yamlKeys[field]);
    // A summary may run over lines; the others are one line each.
    const broken = field === 'summary' ? undefined : lineBreakWarning(key, field, value);
    // A shortcode an export left in a field as in a body (`title: B {{< youtube abc >}}`): shown as typed there too.
    const shortcode = value !== undefined && SHORTCODE_FIELDS.has(field) ? shortcodeWarning(value, 'plain') : undefined;
    for (const w of [unclosedDirectionWarning(key, field, value), references, broken, droppedCharacterWarning(key, field, value), shortcode && { file: key, field, ...shortcode }]) {
      if (w === undefined) continue;
      const line = nestedLineOf(field);
      if (line !== undefined) w.line = line;
      warnings.push(w);
    }
  }

  // `new`'s `summary: ""` line left as written, over a body left empty: the entry unfilled, not the link without
  // commentary an editor chooses (which has no summary: line, README's summary row), so it is named.
  if (!draft && typeof fm.summary === 'string' && fm.summary.trim() === '' && split.value.body.trim() === '') {
    const line = lineOf('summary');
    const fix = 'write summary: with one or two sentences, or your commentary below the front matter; for a link without commentary, remove the summary: line';
    warnings.push({ file: key, ...(line === undefined ? {} : { line }), field: 'summary', message: 'is empty, and so is the body: feed readers and the digest show this entry as its title and a link alone', fix });
  }
  const shortcode = shortcodeWarning(split.value.body);
  if (shortcode) warnings.push({ file: key, field: 'body', ...shortcode });
  // The body starts on the line after the front matter's closing ---.
  const bodyLine = () => split.value.yamlLine + yamlLines(split.value.yaml).length;
  const controlReference = controlReferenceWarning(split.value.body);
  if (controlReference) warnings.push({ file: key, line: bodyLine() + controlReference.line, field: 'body', message: controlReference.message, fix: controlReference.fix });
  const rawControl = rawControlWarning(split.value.body);
  if (rawControl) warnings.push({ file: key, field: 'body', ...rawControl, line: bodyLine() + rawControl.line });
  const replacedReference = replacedReferenceWarning(split.value.body);
  if (replacedReference) warnings.push({ file: key, line: bodyLine() + replacedReference.line, field: 'body', message: replacedReference.message, fix: replacedReference.fix });
  const indented = indentedHtmlWarning(split.value.body);
  if (indented) {
    warnings.push({ file: key, line: bodyLine() + indented.line, field: 'body', message: indented.message, fix: indented.fix });
  }
  // Before any other reading of the body's HTML, which would cost its length times its depth.
  const nesting = bodyTreeProblem(split.value.body);
  if (nesting) problems.push({ file: key, field: 'body', ...nesting });
  const lostNesting = nesting ? undefined : lostNestingProblem(split.value.body);
  if (lostNesting) problems.push({ file: key, field: 'body', ...lostNesting, line: bodyLine() + lostNesting.line });
  const hidden = nesting ? undefined : hiddenContent(split.value.body);
  if (hidden) warnings.push({ file: key, field: 'body', ...hidden });
  const embeds = nesting ? undefined : embeddedMedia(split.value.body);
  if (embeds) warnings.push({ file: key, field: 'body', ...embeds });
  // One render, where both warnings' quick looks ask for it.
  const drops = bodyDrops(split.value.body, site.url);
  const leftEmpty = nesting ? undefined : emptiedElementWarning(split.value.body, site.url, drops);
  if (leftEmpty) warnings.push({ file: key, ...(leftEmpty.line === undefined ? {} : { line: bodyLine() + leftEmpty.line }), field: 'body', message: leftEmpty.message, fix: leftEmpty.fix });
  const droppedAddress = nesting ? undefined : droppedAddressWarning(split.value.body, site.url, drops);
  if (droppedAddress) warnings.push({ file: key, ...(droppedAddress.line === undefined ? {} : { line: bodyLine() + droppedAddress.line }), field: 'body', message: droppedAddress.message, fix: droppedAddress.fix });
  const schemeless = nesting ? undefined : schemelessLinks(split.value.body, site.url);
  if (schemeless) warnings.push({ file: key, ...(schemeless.line === undefined ? {} : { line: bodyLine() + schemeless.line }), field: 'body', message: schemeless.message, fix: schemeless.fix });
  const mergeTags = nesting ? undefined : mergeTagLinks(split.value.body);
  if (mergeTags) warnings.push({ file: key, field: 'body', ...mergeTags });
  const mergeTagImage = nesting ? undefined : mergeTagImages(split.value.body);
  if (mergeTagImage) warnings.push({ file: key, field: 'body', ...mergeTagImage });
  const images = nesting ? [] : bodyImages(split.value.body);
  const relative = relativeImage(images, site.url);
  if (relative) warnings.push({ file: key, field: 'body', ...relative });
  const insecure = insecureImage(images.filter((shown) => shown.lazy === undefined).map((shown) => shown.address));
  if (insecure) warnings.push({ file: key, field: 'body', ...insecure });
  const insecureField = image === undefined ? undefined : insecureImage([image]);
  if (insecureField) {
    const w: Problem = { file: key, field: 'image', ...insecureField };
    const line = lineOf('image');
    if (line !== undefined) w.line = line;
    warnings.push(w);
  }

  for (const quoted of typographicQuotes(split.value.yaml, fm)) {
    if (quotedUrls.has(quoted.field)) continue;
    warnings.push({ file: key, line: split.value.yamlLine + quoted.index, field: quoted.field, message: quoted.message, fix: quoted.fix });
  }

  const given = new Set(Object.keys(fm));
  for (const field of given) {
    if (KNOWN_FIELDS.has(field)) continue;
    const status = publishStatusField(field, fm[field], fm.draft);
    if (status?.problem) {
      problem(field, status.message, status.fix);
      continue;
    }
    const w: Problem = status ? { file: key, field, message: status.message, fix: status.fix } : { file: key, field, message: 'is not a known field and is ignored', fix: unknownFieldFix(field, KNOWN_FIELDS, given) };
    const line = lineOf(field);
    if (line !== undefined) w.line = line;
    warnings.push(w);
  }

  if (problems.length > 0 || !title || !url || !source || date === undefined) return { problems, warnings };
  // With validateOnly, beside the rest: the merged tags and `updated:`, where there are.
  const merged = { ...(mergedTags.length > 0 ? { mergedTags } : {}), ...(tagIndexes ? { tagIndexes } : {}), ...(updated === undefined ? {} : { updated }) };
  if (validateOnly) return { id, date, tags, ...merged, url, draft, summaryGiven: summary !== undefined, problems, warnings, body: split.value.body };
  // The entry is kept for the whole publish; its texts are cut from the file's text, which it would keep (detachedText).
  const own = detachedText;
  const ownTags = (list: Tag[]): Tag[] => list.map((tag) => ({ name: own(tag.name), slug: own(tag.slug) }));
  const ownSource: Source = { name: own(source.name) };
  if (source.url !== undefined) ownSource.url = own(source.url);
  if (source.feed !== undefined) ownSource.feed = own(source.feed);
  const entry: EntryMeta = { key, id: own(id), title: own(title), url: own(url), source: ownSource, date, tags: ownTags(tags), related: related.map(({ link }) => ({ title: own(link.title), url: own(link.url) })), draft };
  if (updated !== undefined) entry.updated = updated;
  if (summary !== undefined) entry.summary = own(summary);
  if (image !== undefined) entry.image = own(image);
  if (image !== undefined && imageAlt !== undefined) entry.imageAlt = own(imageAlt);
  if (mergedTags.length > 0) entry.mergedTags = ownTags(mergedTags);
  if (tagIndexes) entry.tagIndexes = tagIndexes;
  return { entry, id, date, tags, url, summaryGiven: summary !== undefined, problems, warnings, body: split.value.body };
}

/**
 * The warning for `tags: Russia China`, a plain (unquoted) text of several words: Jekyll reads it as a list split at
 * spaces (https://jekyllrb.com/docs/front-matter/), YAML as one tag. A tag with a space (`North Korea`) in a list, or
 * quoted, is meant whole and is not passed here.
 */
function spaceSeparatedTags(value: string): Pick<Problem, 'message' | 'fix'> | undefined {
  const words = value.trim().split(/\s+/);
  if (words.length < 2) return undefined;
  return {
    message: `${quote(value.trim())} is one tag with ${words.length === 2 ? 'a space' : 'spaces'} in it, where Jekyll read ${words.length} tags`,
    fix: `write tags: [${words.join(', ')}] for ${words.length} tags, or tags: [${value.trim()}] for one tag`,
  };
}

/**
 * Why a text field shows nothing, or undefined when it shows something: empty or all white space, only the control
 * characters every output removes (lib/shared/xmlText.ts), or only characters that show nothing (a zero-width space),
 * which would publish a blank title or name.
 */
function blankness(text: string): string | undefined {
  if (text.trim() === '') return 'is empty';
  if (cleanText(text).trim() === '') return 'holds only control characters, which every feed and page removes';
  const invisible = showsNothing(text);
  return invisible ? `holds only characters that show nothing (${invisible.join(', ')}), so every feed and page would show it blank` : undefined;
}
