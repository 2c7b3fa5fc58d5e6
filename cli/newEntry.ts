import { CORE_SCHEMA, dump } from 'js-yaml';
import type { DateTime } from 'luxon';
import { defaultEntryId, ENTRIES_PREFIX, parseEntry, type EntryMeta, type Source } from '../lib/content/entry.js';
import { idFoldKey } from '../lib/content/idFoldKey.js';
import { tagSpelling } from '../lib/content/tagSlug.js';
import { byNewest } from '../lib/content/byNewest.js';
import { dateMeant } from '../lib/content/dateMeant.js';
import { isPublished } from '../lib/plan/sitePlan.js';
import { TakenError, UsageError } from '../lib/shared/errors.js';
import { scanContent } from '../lib/content/contentScan.js';
import { loadContent } from '../lib/content/loadContent.js';
import { splitFrontMatter } from '../lib/content/frontMatter.js';
import { MAX_ENTRY_BYTES } from '../lib/content/limits.js';
import { isPlainObject, parseYaml } from '../lib/content/parseYaml.js';
import type { Site } from '../lib/content/site.js';
import { SLUG_MAX_CHARS, slugify } from '../lib/shared/slug.js';
import type { Store } from '../lib/store/store.js';
import { isHttpUrl } from '../lib/shared/urls.js';
import { NearNames } from '../lib/shared/nearNames.js';
import { FIRST_ENTRY_DATE, LAST_ENTRY_DATE, parseEntryInstant } from '../lib/time/entryInstant.js';
import { localIsoDate } from '../lib/time/localDates.js';
import { articleKey, withoutTracking } from '../lib/content/articleKey.js';
import { windowsReservedName, windowsSafeName } from '../lib/content/windowsReservedName.js';
import { withHttps } from '../lib/content/withHttps.js';

export interface NewEntryInput {
  url: string;
  title?: string;
  /** The publisher's name. Default: the source of an existing entry from the same host, else the host name. */
  source?: string;
  tags?: string[];
  /** `YYYY-MM-DD`. Default: today in the site's time zone. */
  date?: string;
}

export interface NewEntry {
  /** Content-relative, e.g. `entries/2014/kaesong-wages.md`. */
  key: string;
  text: string;
}

/** Two URLs name the same article when they differ only as articleKey lets them (the fragment, a trailing slash, tracking parameters, the host's case, http against https, percent-encoded letters). */
export function sameArticle(a: string, b: string): boolean {
  return articleKey(a) === articleKey(b);
}

/**
 * The file name: the title's slug, else (no title, or one without a letter or digit: `🚀🚀`, `..`, whose slug would
 * be a hash) the last segment of the article's path, else its host.
 */
export function entrySlug(input: Pick<NewEntryInput, 'title' | 'url'>): string {
  const slug = nameSlug(input);
  // `con`, `nul`, `com1`: a name Windows cannot hold (windowsReservedName.ts) would break a Windows editor's clone.
  return windowsReservedName(slug) === undefined ? slug : windowsSafeName(slug);
}

function nameSlug(input: Pick<NewEntryInput, 'title' | 'url'>): string {
  if (input.title && /[\p{L}\p{N}]/u.test(input.title)) return wholeWords(input.title);
  const url = new URL(input.url);
  const segment = url.pathname.split('/').filter(Boolean).pop()?.replace(/\.(html?|php|aspx?|jsp)$/i, '');
  return slugify(segment && /[a-z]/i.test(segment) ? decodeSegment(segment) : url.hostname.replace(/^www\./, ''));
}

/**
 * The title's slug, ending on a whole word: slugify cuts at SLUG_MAX_CHARS wherever that falls, which in a file
 * name (the entry's id for good) leaves a fragment, `…-rel` or half an `xn--` word.
 */
function wholeWords(title: string): string {
  const slug = slugify(title);
  // The title's words as slugify splits them, each slugged alone. Their join is the uncut slug: slugify's cut and
  // its trimmed trailing hyphens can leave less than SLUG_MAX_CHARS (`…-xn` of `xn--`), so length alone cannot tell.
  const words = title.normalize('NFKD').replace(/\p{M}/gu, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean).map((word) => slugify(word));
  if (words.join('-').length <= SLUG_MAX_CHARS) return slug;
  // As many whole words as fit.
  let kept = '';
  for (const word of words) {
    const next = kept ? `${kept}-${word}` : word;
    if (next.length > SLUG_MAX_CHARS) break;
    kept = next;
  }
  return kept || slug;
}

/**
 * A path segment's text, its escapes read as UTF-8. An escape may stand for any octet (RFC 3986 §2.1), so a site
 * in Latin-1 writes `caf%E9`: that byte, no UTF-8, becomes U+FFFD, which the slug drops (decodeURIComponent throws).
 */
function decodeSegment(segment: string): string {
  return segment.replace(/(?:%[0-9A-Fa-f]{2})+/g, (escapes) => Buffer.from(escapes.replaceAll('%', ''), 'hex').toString('utf8'));
}

const hostOf = (value: string | undefined) => {
  try {
    return value ? new URL(value).hostname.replace(/^www\./, '') : undefined;
  } catch {
    return undefined;
  }
};

/** The source to write: the editor's name (with the URL an earlier entry gave it), or an earlier entry's from the same host. */
export function guessSource(input: Pick<NewEntryInput, 'source' | 'url'>, existing: readonly EntryMeta[]): Source {
  const newestFirst = [...existing].sort((a, b) => b.date - a.date);
  if (input.source?.trim()) {
    const name = input.source.trim();
    const known = newestFirst.find((entry) => entry.source.name.toLowerCase() === name.toLowerCase() && entry.source.url);
    return known ? { ...known.source, name } : { name };
  }
  const host = hostOf(input.url);
  const known = newestFirst.find((entry) => hostOf(entry.url) === host || hostOf(entry.source.url) === host);
  return known ? { ...known.source } : { name: host ?? input.url };
}

/**
 * The tags to write: one per spelling (case, accents and spacing do not count: `Trade`, `trade`, `TRADE`), each as
 * the site spells it already. The newest published entry's spelling names a tag's page and feeds (lib/plan/sitePlan.ts),
 * and the new entry is usually the newest: `--tags trade` would rename the site's `Trade` everywhere.
 */
export function tagsAsSpelled(tags: readonly string[], existing: readonly EntryMeta[], now: DateTime): { tags: string[]; respelled: [string, string][]; unknown: [string, string][] } {
  const published = existing.filter((entry) => isPublished(entry, now)).sort(byNewest);
  const others = existing.filter((entry) => !isPublished(entry, now)).sort(byNewest);
  const known = new Map<string, string>();
  for (const entry of [...published, ...others]) {
    for (const tag of entry.tags) if (!known.has(tagSpelling(tag.name))) known.set(tagSpelling(tag.name), tag.name);
  }
  const chosen = new Map<string, string>();
  // Typed one way and written another, when the way it is written was not typed too (that is a duplicate dropped).
  const respelled: [string, string][] = [];
  // A tag no entry has, a slip or two from one that some entry has (`Trdae`): a new tag page, feed and subscription
  // topic that the editor likely did not mean. Said, not refused: a new tag is often meant.
  const unknown: [string, string][] = [];
  // The rule check's tagTypos uses for a tag in a file (lib/content/tagTypos.ts).
  let names: NearNames | undefined;
  for (const tag of tags) {
    const spelling = tagSpelling(tag);
    if (chosen.has(spelling)) continue;
    const written = known.get(spelling) ?? tag;
    chosen.set(spelling, written);
    if (written !== tag && !tags.includes(written)) respelled.push([tag, written]);
    const near = known.has(spelling) ? undefined : (names ??= new NearNames(known.values())).nearest(tag);
    if (near !== undefined && !tags.some((typed) => tagSpelling(typed) === tagSpelling(near))) unknown.push([tag, near]);
  }
  return { tags: [...chosen.values()], respelled, unknown };
}

const yaml = (value: unknown) => dump(value, { schema: CORE_SCHEMA, lineWidth: -1, flowLevel: 0 }).trimEnd();

/** The new file's front matter, with every field an editor fills in; empty ones say what goes there. */
export function renderNewEntry(input: NewEntryInput & { date: string }, source: Source): string {
  const lines = ['---'];
  lines.push(input.title?.trim() ? `title: ${yaml(input.title.trim())}` : `title: ""  # the article's headline`);
  lines.push(`url: ${yaml(input.url)}`);
  if (source.url || source.feed) {
    lines.push('source:', `  name: ${yaml(source.name)}`);
    if (source.url) lines.push(`  url: ${yaml(source.url)}`);
    if (source.feed) lines.push(`  feed: ${yaml(source.feed)}`);
  } else lines.push(`source: ${yaml(source.name)}`);
  lines.push(`date: ${input.date}`);
  lines.push(`tags: ${yaml(input.tags ?? [])}`);
  lines.push('summary: ""  # one or two sentences; when empty, the first paragraph below is the summary');
  lines.push('---', '', '');
  return lines.join('\n');
}

/**
 * Writes `entries/YYYY/<slug>.md` for a new entry. Refuses an article an existing entry already links
 * (naming it), an id another entry has, and never overwrites a file (the store's create-only write decides).
 */
export async function createEntry(content: Store, input: NewEntryInput, now: DateTime): Promise<NewEntry & { site: Site; respelled: [string, string][]; unknownTags: [string, string][]; untracked: string[] }> {
  if (!isHttpUrl(input.url)) {
    // As check's fix for the same text in url: (withHttps), the address itself when it reads as one.
    const address = withHttps(input.url);
    throw new UsageError(`new: --url ${JSON.stringify(input.url)} is not an absolute http(s) URL (${address ? `write --url ${address}, with its https://` : 'write the full address, starting with https://'})`);
  }
  // Written without the parameters a newsletter or a social post added to say where it was copied from.
  const tracked = withoutTracking(input.url);
  if (tracked) input = { ...input, url: tracked.url };
  const loaded = await loadContent(await scanContent(content), { allowNoEntries: true });
  const { site } = loaded;

  let instant: number;
  if (input.date === undefined) instant = now.toMillis();
  else {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) {
      // The date it reads as, where it is one written otherwise (`2014-5-8`, `05/12/2014`), as check names it in a file.
      const meant = dateMeant('--date', input.date, true);
      throw new UsageError(`new: --date ${meant?.message ?? `${JSON.stringify(input.date)} is not YYYY-MM-DD`} (${meant?.fix ?? 'write e.g. 2014-05-12'})`);
    }
    const parsed = parseEntryInstant(input.date, site.timezone);
    if (!parsed.ok) throw new UsageError(`new: --date ${parsed.message} (${parsed.fix})`);
    instant = parsed.value;
  }
  // The day the site's clocks show then (a day they skip entirely, as Apia's 30 December 2011, is the next).
  const date = localIsoDate(instant, site.timezone);
  // --now is checked for its own range only: its day in the site's zone may still fall outside an entry's.
  if (input.date === undefined && !parseEntryInstant(date, site.timezone).ok) {
    throw new UsageError(`new: today in the site's time zone is ${date}, outside the dates an entry can have (pass --date YYYY-MM-DD from ${FIRST_ENTRY_DATE} to ${LAST_ENTRY_DATE})`);
  }

  // Entry files with problems are no entries until fixed, yet what they link and the id they take count here too.
  const invalid = await invalidEntries(content, loaded.invalidKeys);
  const duplicate = loaded.entries.find((entry) => sameArticle(entry.url, input.url)) ?? invalid.find((entry) => entry.url !== undefined && sameArticle(entry.url, input.url));
  if (duplicate) {
    // As that entry has it: the URL given may differ by a fragment, a trailing / or tracking parameters.
    const same = duplicate.url === input.url ? '' : `, the same article as ${input.url}`;
    const title = duplicate.title ? ` (“${duplicate.title}”)` : '';
    throw new TakenError(`${duplicate.key} already links ${duplicate.url}${title}${same}: edit that entry, or pick another article`);
  }

  const key = `${ENTRIES_PREFIX}${date.slice(0, -6)}/${entrySlug(input)}.md`;
  // The file's id is its path, which an entry renamed with `id:` kept (README, "Identity") may hold already: check
  // would refuse both files, and publish too.
  const id = defaultEntryId(key);
  // The file itself at that key is left to the create-only write, which says it exists.
  const holder = [...loaded.entries, ...invalid].find((entry) => entry.key !== key && idFoldKey(entry.id) === idFoldKey(id));
  if (holder) {
    const clash = holder.id === id ? `is already the id of ${holder.key}` : `differs only by case, Unicode normalisation or invisible characters from "${holder.id}" (${holder.key})`;
    throw new TakenError(`${key} would have the id "${id}", which ${clash}: give a different --title, or edit that entry`);
  }
  const spelled = input.tags && tagsAsSpelled(input.tags, loaded.entries, now);
  const text = renderNewEntry({ ...input, ...(spelled ? { tags: spelled.tags } : {}), date }, guessSource(input, loaded.entries));
  // Never a file check would refuse for what the flags gave (too many tags, a tag or source of control characters
  // only): only the empty title left for the editor to write.
  const problems = parseEntry(text, key, site).problems.filter((problem) => !(problem.field === 'title' && !input.title?.trim()));
  if (problems.length > 0) {
    throw new UsageError(`new: ${problems.map((problem) => `${flagOf(problem.field)}: ${problem.message} (${problem.fix})`).join('; ')}`);
  }
  const created = await content.putIfAbsent(key, text, { contentType: 'text/markdown; charset=utf-8' });
  if (!created) throw new TakenError(`${key} already exists and was left as it is: give a different --title, or edit that file`);
  return { key, text, site, respelled: spelled?.respelled ?? [], unknownTags: spelled?.unknown ?? [], untracked: tracked?.removed ?? [] };
}

/**
 * The entry files with problems, as far as their front matter reads: the article each links (one `new` wrote without
 * --title, whose title is still empty, is the common one: a second file for the article would be the duplicate check
 * warns of once both are valid) and the id each will have (its `id:`, else its path), which check would refuse twice.
 */
async function invalidEntries(content: Store, keys: ReadonlySet<string>): Promise<{ key: string; id: string; url?: string; title: string }[]> {
  const entries: { key: string; id: string; url?: string; title: string }[] = [];
  for (const key of [...keys].sort()) {
    // One over the size limit was refused unread, and one unreadable was named by check: neither is read here.
    const body = await content.get(key, { maxBytes: MAX_ENTRY_BYTES }).catch(() => undefined);
    const split = body && splitFrontMatter(body.toString('utf8'));
    const parsed = split?.ok ? parseYaml(split.value.yaml, key, split.value.yamlLine) : undefined;
    const fields = parsed?.ok && isPlainObject(parsed.value) ? parsed.value : {};
    const { url, title, id } = fields;
    entries.push({ key, id: typeof id === 'string' && id.trim() !== '' ? id.trim() : defaultEntryId(key), ...(typeof url === 'string' ? { url } : {}), title: typeof title === 'string' ? title : '' });
  }
  return entries;
}

/** The flag that gave a front matter field (`tags[1]`, the second tag, came from --tags). */
function flagOf(field: string): string {
  const name = /^[a-z]+/.exec(field)?.[0] ?? field;
  if (!['title', 'url', 'source', 'tags', 'date'].includes(name)) return field;
  return name === field ? `--${name}` : `--${name} (${field})`;
}
