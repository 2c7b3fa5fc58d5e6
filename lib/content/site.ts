import { edgeSpaceWarning } from './edgeSpaceWarning.js';
import { ObjectTooLargeError, type Problem } from '../shared/errors.js';
import { quote } from '../shared/quote.js';
import { DIGEST_FIELDS, mailboxParts, parseDigestConfig, type DigestConfig } from './digestConfig.js';
import { isPlainObject, parseYaml } from './parseYaml.js';
import { isHttpUrl, urlHostRefusal } from '../shared/urls.js';
import { normalizeUrl } from '../shared/normalizeUrl.js';
import { withoutCredentials } from '../shared/withoutCredentials.js';
import { ipLiteralHost } from './ipLiteralHost.js';
import { zoneOfCity } from './zoneOfCity.js';
import { isTagAuthority, isTagDate } from '../shared/tagGrammar.js';
import { cleanText } from '../shared/xmlText.js';
import { explainYamlProblem } from './yamlHints.js';
import { commentCuts } from './commentCuts.js';
import { commentControlCharacters } from './commentControlCharacters.js';

import { SITE_FILE } from './contentKeys.js';
import { utf16Encoding, utf16Problem } from '../shared/utf16Encoding.js';
import { languageTag } from './languageTag.js';
import { lineBreakWarning } from './lineBreakWarning.js';
import { unclosedDirectionWarning } from './unclosedDirectionControl.js';
import { htmlInPlainText } from './htmlInPlainText.js';
import { droppedCharacterWarning } from './droppedCharacterWarning.js';
import { MAX_AUTHOR_NAME_CHARS, MAX_DESCRIPTION_CHARS, MAX_HEADER_TEXT_CHARS } from './limits.js';
import { SITE_READ, siteSizeProblem } from './siteSize.js';
import { TAG_SLUG, tagSpelling } from './tagSlug.js';
import { canonicalZone } from '../time/canonicalZone.js';
import { isValidZone } from '../time/isValidZone.js';
import { authorEmail } from './authorEmail.js';
import { showsNothing } from '../shared/showsNothing.js';
import { nfc } from '../shared/nfc.js';
import { handlerPathMisused, handlerUnderSitePath } from '../shared/subscriptionHandlerOrigin.js';
import type { Store } from '../store/store.js';
import { domainToASCII } from 'node:url';
import { unknownFieldFix } from './unknownFieldFix.js';
import { insecureImage } from './insecureImage.js';
import { fieldLines } from './fieldLines.js';
export { SITE_FILE };

export interface Person {
  name: string;
  /** An ASCII address, its domain in IDNA form (lib/content/authorEmail.ts): Atom's <email> takes no other. */
  email?: string;
}

/** The validated `site.yml`. */
export interface Site {
  title: string;
  description: string;
  /** The https base URL the output is served from; always ends in `/`. */
  url: string;
  /** The host of `url`. */
  host: string;
  /**
   * The authority of every `tag:` id (RFC 4151): `idHost:`, else `host`. A site that moves to another host keeps
   * the one its entries were first published under, so that their ids, which readers key items on, stay.
   */
  idHost: string;
  /** A canonical BCP 47 tag. */
  language: string;
  /** An IANA zone. */
  timezone: string;
  author?: Person;
  /** Items per feed (default 50). */
  feedLimit: number;
  websub?: string;
  /** A square image (e.g. 512 px PNG): feeds' icon and RSS <image>, the pages' rel=icon. Default: the generated icon.png. */
  icon?: string;
  /** A wide image (2:1): Atom <logo>. */
  logo?: string;
  /** The date part of `tag:` ids (RFC 4151 §2.1): when the site's domain (idHost) was held; default `2000`. Never change it. */
  idDate: string;
  /** The `digest:` block, with its defaults filled in. */
  digest: DigestConfig;
  /** `tagSlugs:`, the slug chosen for a tag, by its spelling (tagSpelling): tags that would share a slug get their own. */
  tagSlugs?: Record<string, string>;
}

/** Top-level keys a site.yml may have; others are a warning (a likely typo). */
/** The most entries feed.limit lets a feed hold. */
export const MAX_FEED_LIMIT = 1000;

/** The fields of site.yml's blocks, as README's table names them, which a top-level key may be meant for. */
const BLOCK_FIELDS: Record<string, ReadonlySet<string>> = { feed: new Set(['limit']), author: new Set(['name', 'email']), digest: DIGEST_FIELDS };
const KNOWN_KEYS = new Set(['title', 'description', 'url', 'language', 'timezone', 'author', 'feed', 'websub', 'icon', 'logo', 'idDate', 'idHost', 'digest', 'tagSlugs']);

export interface SiteParse {
  site?: Site;
  problems: Problem[];
  warnings: Problem[];
}

export function parseSite(text: string, file = SITE_FILE): SiteParse {
  const parsed = parseSiteFields(text, file);
  const at = fieldLines(text, file);
  return { ...parsed, problems: parsed.problems.map(at), warnings: parsed.warnings.map(at) };
}

function parseSiteFields(text: string, file: string): SiteParse {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const problem = (field: string, message: string, fix: string) => problems.push({ file, field, message, fix });

  // A byte-order mark (an editor's UTF-8 signature) is no part of the first line's text as typed.
  text = text.replace(/^\uFEFF/, '');
  const parsed = parseYaml(text, file);
  // UTF-16 without a byte-order mark is valid UTF-8 when its characters are ASCII, each beside a zero byte.
  const utf16 = parsed.ok ? undefined : utf16Encoding(Buffer.from(text.slice(0, 256)));
  if (utf16) return { problems: [{ file, field: 'file', ...utf16Problem(utf16) }], warnings };
  if (!parsed.ok) return { problems: [explainYamlProblem(parsed.problem, text)], warnings };
  if (parsed.value === null) {
    problem('file', 'is empty: it holds no field, only blank lines or comments', 'write title:, description:, url:, language: and timezone: one per line');
    return { problems, warnings };
  }
  if (!isPlainObject(parsed.value)) {
    problem('site', 'is not a mapping of fields', 'write title:, description:, url:, language: and timezone: one per line');
    return { problems, warnings };
  }
  const raw = parsed.value;
  const cuts = commentCuts(text, file);
  problems.push(...cuts);
  // js-yaml passes over a control character in a comment, as in an entry's front matter.
  warnings.push(...commentControlCharacters(text, file, 1, 'comment'));
  // A field a comment emptied is named once, by its cut, not again as missing.
  const emptied = new Set(cuts.map((cut) => cut.field));

  // The value of a top-level `field:` line as typed, before YAML read it.
  const typedText = (field: string): string | undefined => new RegExp(`^${field}:[ \\t]*(.*?)[ \\t]*(?:#.*)?$`, 'm').exec(text)?.[1];

  const text_ = (field: string, fix: string): string | undefined => {
    const value = raw[field];
    // Empty once trimmed and rid of the control characters no output keeps (cleanText): it would publish as empty.
    if (value === undefined || value === null || (typeof value === 'string' && cleanText(value).trim() === '')) {
      if (!emptied.has(field)) problem(field, 'is missing', fix);
      return undefined;
    }
    const invisible = typeof value === 'string' ? showsNothing(value) : undefined;
    if (invisible) {
      problem(field, `holds only characters that show nothing (${invisible.join(', ')}), so every page and feed would show it blank`, fix);
      return undefined;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      problem(field, 'must be text', fix);
      return undefined;
    }
    // A plain scalar YAML reads as a number (1e3, 007) is text only when it reads back as typed.
    if (typeof value === 'number') {
      const typed = typedText(field);
      if (typed !== String(value)) {
        problem(field, `YAML reads ${quote(typed ?? String(value))} as the number ${String(value)}, not as typed`, `put it in quotes to keep it as typed, e.g. ${field}: "${typed ?? ''}"`);
        return undefined;
      }
    }
    return String(value).trim();
  };

  // Text readers read is published in NFC (nfc); the url, paths and keys stay as typed, as a server matches them.
  let title = nfc(text_('title', 'add title: with the site name'));
  if (title !== undefined && [...title].length > MAX_HEADER_TEXT_CHARS) {
    problem('title', `is ${[...title].length} characters long, more than ${MAX_HEADER_TEXT_CHARS}`, "shorten it: it heads every page and feed, and the digest's Subject and List-Id header lines, which mail limits to 998 characters");
    title = undefined;
  }
  let description = nfc(text_('description', 'add description: with one sentence about the site'));
  if (description !== undefined && [...description].length > MAX_DESCRIPTION_CHARS) {
    problem('description', `is ${[...description].length} characters long, more than ${MAX_DESCRIPTION_CHARS}`, 'shorten it to a sentence or two: every feed and every archived digest repeats it');
    description = undefined;
  }

  // A URL refused for its host alone (urlHostRefusal, HTML's valid host) is named so, with the host, as an entry's is.
  const hostRefused = (field: string, value: unknown): boolean => {
    const refusal = urlHostRefusal(field, value);
    if (refusal !== undefined) problem(field, refusal.message, refusal.fix);
    return refusal !== undefined;
  };

  let url = text_('url', 'add url: with the absolute https address the site is served from, e.g. https://watch.example.org/');
  if (url !== undefined) {
    if (!isHttpUrl(url) || !url.startsWith('https://')) {
      if (!hostRefused('url', url)) problem('url', `${quote(url)} is not an absolute https URL`, 'write it like https://watch.example.org/');
      url = undefined;
    } else {
      const parsedUrl = new URL(url);
      // The raw text: a bare `?` or `#` leaves search and hash empty, yet would put `?/` or `#/` in every URL.
      if (/[?#]/.test(url)) {
        problem('url', 'must not have a query or fragment', 'use only the scheme, host and path, e.g. https://watch.example.org/');
        url = undefined;
      } else if (parsedUrl.username || parsedUrl.password) {
        // The base URL is in every feed and page: a password there would be published.
        problem('url', 'must not contain a user name or password', 'remove the part before @, e.g. https://watch.example.org/');
        url = undefined;
      } else if (!isTagAuthority(parsedUrl.hostname)) {
        // The host is the authority of every entry's tag: id, and RFC 4151 §2.1 allows only a DNS name there.
        problem('url', `the host ${quote(parsedUrl.hostname)} is not a DNS name, which the entries' tag: ids (RFC 4151) need`, 'use the DNS host name the site is served from, e.g. https://watch.example.org/: letters, digits, hyphens and dots, no IP address and no _');
        url = undefined;
      } else url = normalizeUrl(parsedUrl.href.endsWith('/') ? parsedUrl.href : `${parsedUrl.href}/`);
    }
  }

  let language = text_('language', 'add language: with a BCP 47 tag such as en, en-GB or ko');
  if (language !== undefined) {
    const checked = languageTag(language);
    if (checked.ok) language = checked.tag;
    else {
      problem('language', checked.message, checked.fix);
      language = undefined;
    }
  }

  let timezone = text_('timezone', 'add timezone: with an IANA zone such as Asia/Seoul or Europe/London');
  if (timezone !== undefined && !isValidZone(timezone)) {
    const city = zoneOfCity(timezone);
    problem('timezone', `${quote(timezone)} is not an IANA time zone`, city ? `write timezone: ${city}` : 'write a zone such as Asia/Seoul, America/New_York or UTC');
    timezone = undefined;
  } else if (timezone !== undefined) {
    const spaced = edgeSpaceWarning(raw.timezone, 'timezone', timezone);
    if (spaced) warnings.push({ file, field: 'timezone', ...spaced });
    // Shown as written (`08:00 (europe/london time)`) and given to the schedule: one spelling.
    const canonical = canonicalZone(timezone);
    if (canonical !== timezone) warnings.push({ file, field: 'timezone', message: `${quote(timezone)} is read as ${canonical}, the name the site shows`, fix: `write timezone: ${canonical}` });
    timezone = canonical;
  }

  let author: Person | undefined;
  if (raw.author !== undefined && raw.author !== null) {
    const value = raw.author;
    const blank = isPlainObject(value) && typeof value.name === 'string' ? showsNothing(value.name) : undefined;
    if (blank) {
      // Typed, but every feed would show it blank: the name is the field to fix, as title's and description's are.
      const what = blank.length === 0 ? 'holds nothing once the control characters every feed removes are gone' : `holds only characters that show nothing (${blank.join(', ')})`;
      problem('author.name', `${what}, so every feed would show the author blank`, 'write the name readers should see, e.g. author: {name: Jane Doe}, or remove author (the site title stands in)');
    } else if (!isPlainObject(value) || typeof value.name !== 'string') {
      // A name alone, or `Name <address>` as a mail's From is written: the mapping it stands for, where the name needs
      // no quotes in a YAML flow mapping.
      const mailbox = typeof value === 'string' ? mailboxParts(value.trim()) : null;
      const name = mailbox ? mailbox[1] : typeof value === 'string' ? value.trim() : '';
      const plain = name !== '' && !/[<>{}[\],:#"'&*!|%@`]/.test(name);
      const named = plain ? `{name: ${name}${mailbox ? `, email: ${mailbox[2]}` : ''}}` : '{name: Jane Doe, email: jane@example.org}';
      problem('author', 'must be a mapping with a name', `write author: ${named}`);
    } else {
      // Both fields are checked before either refuses, so one check names every problem of the author.
      const nameChars = [...value.name.trim()].length;
      if (nameChars > MAX_AUTHOR_NAME_CHARS) problem('author.name', `is ${nameChars} characters long, more than ${MAX_AUTHOR_NAME_CHARS}`, 'shorten it to the name readers should see: every feed repeats it');
      const email = value.email === undefined ? undefined : typeof value.email === 'string' ? authorEmail(value.email) : ({ ok: false, reason: 'it is not text' } as const);
      if (email && !email.ok) problem('author.email', `${quote(value.email)} is not an email address: ${email.reason}`, 'write an address like jane@example.org, or remove email');
      else if (nameChars <= MAX_AUTHOR_NAME_CHARS) author = { name: nfc(value.name.trim()), ...(email ? { email: email.address } : {}) };
    }
  }

  let feedLimit = 50;
  if (raw.feed !== undefined && raw.feed !== null) {
    if (!isPlainObject(raw.feed)) problem('feed', 'must be a mapping', 'write feed: {limit: 50}');
    else if (raw.feed.limit !== undefined) {
      const limit = raw.feed.limit;
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_FEED_LIMIT) {
        problem('feed.limit', `${quote(limit)} is not a whole number from 1 to ${MAX_FEED_LIMIT}`, 'write feed: {limit: 50}');
      } else feedLimit = limit;
    }
  }

  // RFC 9110 §4.2.4: no credentials in an http(s) URI. The hub and the images are named in every feed (and the icon
  // in every page), so a user name or password there would be published as the site's url's would.
  const withCredentialsRefused = (field: string, value: string): boolean => {
    const bare = withoutCredentials(value);
    if (bare === undefined) return false;
    problem(field, 'holds a user name or password (the part before @), which every feed would publish', `write ${field}: ${normalizeUrl(bare)}`);
    return true;
  };

  let websub: string | undefined;
  if (raw.websub !== undefined && raw.websub !== null) {
    if (!isHttpUrl(raw.websub)) {
      if (!hostRefused('websub', raw.websub)) problem('websub', `${quote(raw.websub)} is not an absolute http(s) URL`, 'write the hub URL, e.g. https://pubsubhubbub.appspot.com/, or remove websub');
    } else if (!withCredentialsRefused('websub', raw.websub)) websub = normalizeUrl(raw.websub);
  }

  const images: { icon?: string; logo?: string } = {};
  for (const field of ['icon', 'logo'] as const) {
    const value = raw[field];
    if (value === undefined || value === null) continue;
    if (!isHttpUrl(value)) {
      if (!hostRefused(field, value)) problem(field, `${quote(value)} is not an absolute http(s) URL`, `write the image's URL, e.g. ${field === 'icon' ? 'https://watch.example.org/icon.png (a square PNG, 512 px)' : 'https://watch.example.org/logo.png (twice as wide as high)'}, or remove ${field} (then a generated icon is used)`);
    } else if (field === 'icon' && ipLiteralHost(value) !== undefined) {
      // RSS's <image><url> (ipLiteralHost); the logo is Atom's alone, whose IRIs (RFC 3987) take one.
      problem(field, `has the IP address ${ipLiteralHost(value)} as its host, which an RSS 2.0 URL cannot hold (RFC 2396 has no [ ]): the W3C feed validator would call every RSS feed invalid`, "write icon: with the host's name instead of its address");
    } else if (!withCredentialsRefused(field, value)) images[field] = normalizeUrl(value);
    // The pages (rel=icon) and the feed readers showing it are on https://, where an http:// image is mixed content.
    const insecure = images[field] === undefined ? undefined : insecureImage([images[field]!]);
    if (insecure) warnings.push({ file, field, ...insecure });
  }
  // RSS 2.0, <image>: "the URL of a GIF, JPEG or PNG image". An icon named as another kind (SVG, WebP, ICO) is still
  // every page's and Atom's icon, but a W3C warning in every RSS feed, and readers of it may show none.
  const iconKind = images.icon === undefined ? undefined : /\.([a-z0-9]+)$/i.exec(new URL(images.icon).pathname)?.[1]?.toLowerCase();
  if (iconKind !== undefined && !['png', 'gif', 'jpg', 'jpeg'].includes(iconKind)) {
    warnings.push({ file, field: 'icon', message: `${quote(images.icon)} is a .${iconKind} image, which RSS's <image> does not take (GIF, JPEG or PNG only): every RSS feed would name an image its readers may not show`, fix: 'give a square PNG (512 px) as icon' });
  }

  let idDate = '2000';
  if (raw.idDate !== undefined) {
    // A number is judged as typed (`1e3` is no year 1000): a valid date reads back as typed only when it is a year.
    const value = typeof raw.idDate === 'number' ? (typedText('idDate') ?? String(raw.idDate)) : raw.idDate;
    // RFC 4151 §2.1: the date of a tag: id is a real calendar date, YYYY[-MM[-DD]]; the years as for entry dates.
    if (typeof value !== 'string' || !isTagDate(value) || (typeof raw.idDate === 'number' && String(raw.idDate) !== value)) {
      problem('idDate', `${quote(value)} is not a date of the form "YYYY", "YYYY-MM" or "YYYY-MM-DD" (years 1000 to 9999)`, 'write a date on which you held the domain, in quotes, e.g. idDate: "2014"; never change it afterwards');
    } else idDate = value;
  }

  let idHost: string | undefined;
  if (raw.idHost !== undefined && raw.idHost !== null) {
    // RFC 4151 §2.1: the authority of a tag: id is a DNS name (a non-ASCII one as its IDNA form, as in url).
    const ascii = typeof raw.idHost === 'string' && !/[/:@?#\s]/.test(raw.idHost.trim()) ? domainToASCII(raw.idHost.trim()) : '';
    if (!isTagAuthority(ascii)) problem('idHost', `${quote(raw.idHost)} is not a DNS name, which the entries' tag: ids (RFC 4151) need`, "write the host name the site's entries were first published under, e.g. idHost: watch.example.org");
    else idHost = ascii;
  }

  let tagSlugs: Record<string, string> | undefined;
  if (raw.tagSlugs !== undefined && raw.tagSlugs !== null) {
    if (!isPlainObject(raw.tagSlugs)) problem('tagSlugs', 'must be a mapping of tag to slug', 'write tagSlugs: {"C++": cpp, "C#": csharp}');
    else {
      tagSlugs = Object.create(null) as Record<string, string>;
      for (const [name, slug] of Object.entries(raw.tagSlugs)) {
        if (typeof slug !== 'string' || !TAG_SLUG.test(slug) || slug.length > 80) {
          problem(`tagSlugs.${name}`, `${quote(slug)} is not a slug`, 'write lowercase letters, digits and single hyphens, e.g. cpp');
        } else tagSlugs[tagSpelling(name)] = slug;
      }
    }
  }

  // The digest: block is parsed here, with the rest: `check` and `publish` report its problems together.
  const digest = parseDigestConfig(raw.digest, file);
  problems.push(...digest.problems);
  warnings.push(...digest.warnings);
  const unsubscribeUrl = digest.config?.unsubscribe.url;
  if (url !== undefined && unsubscribeUrl !== undefined && handlerPathMisused(unsubscribeUrl, url)) {
    warnings.push({
      file,
      field: 'digest.unsubscribe.url',
      message: `${quote(unsubscribeUrl)} is on the site's own /unsubscribe, where a deployment's subscription handler answers only ?token={token}: every one-click unsubscribe through it would be refused (400)`,
      fix: `write ${new URL(url).origin}/unsubscribe?token={token} (and set DIGEST_UNSUBSCRIBE_SECRET), or an endpoint of your own elsewhere`,
    });
  }
  if (url !== undefined && unsubscribeUrl !== undefined && handlerUnderSitePath(unsubscribeUrl, url)) {
    warnings.push({
      file,
      field: 'digest.unsubscribe.url',
      message: `${quote(unsubscribeUrl)} is under the site's path ${new URL(url).pathname}, where no subscription endpoint is served (a deployment serves them at the root of the site's origin): every unsubscribe through it would reach the published files, not the subscription handler`,
      fix: `write ${new URL(url).origin}/unsubscribe?token={token} (and set DIGEST_UNSUBSCRIBE_SECRET), or an endpoint of your own elsewhere`,
    });
  }

  // Shown inside a line of other text (a reader's list, a mail's Subject and From, a page's <title>), as an entry's
  // title is: an unclosed direction control reorders what follows it there.
  for (const [field, value] of [['title', title], ['description', description], ['author.name', author?.name], ['digest.subject', digest.config?.subject]] as const) {
    const warning = unclosedDirectionWarning(file, field, value);
    if (warning) warnings.push(warning);
    // Plain text too, in every feed and page and the mail's Subject: HTML there (`AT&amp;T`, `<b>`) is shown as typed.
    const markup = htmlInPlainText(file, field, value, field.slice(field.lastIndexOf('.') + 1));
    if (markup) warnings.push(markup);
    // The description may run over lines; the title, a name and a subject are one line each.
    const broken = field === 'description' ? undefined : lineBreakWarning(file, field, value);
    if (broken) warnings.push(broken);
    // A character every output drops (cleanText), escaped in by mistake, as for an entry's text fields.
    const dropped = droppedCharacterWarning(file, field, value);
    if (dropped) warnings.push(dropped);
  }

  for (const key of Object.keys(raw)) {
    if (KNOWN_KEYS.has(key)) continue;
    // A block's field typed at the margin (`feed:`, then `limit: 50` under it unindented) is read as the site's own.
    const block = Object.entries(BLOCK_FIELDS).find(([, fields]) => fields.has(key))?.[0];
    const fix = block ? `${key}: is a field of ${block}:; indent it two spaces, under ${block}:` : unknownFieldFix(key, KNOWN_KEYS);
    warnings.push({ file, field: key, message: 'is not a known field and is ignored', fix });
  }

  if (problems.length > 0 || !title || !description || !url || !language || !timezone) return { problems, warnings };
  const host = new URL(url).hostname;
  const site: Site = { title, description, url, host, idHost: idHost ?? host, language, timezone, feedLimit, idDate, digest: digest.config };
  if (author) site.author = author;
  if (websub) site.websub = websub;
  if (tagSlugs) site.tagSlugs = tagSlugs;
  if (images.icon) site.icon = images.icon;
  if (images.logo) site.logo = images.logo;
  return { site, problems, warnings };
}

/** site.yml as parsed, or undefined when the content has none. */
export async function readSiteFile(content: Store): Promise<SiteParse | undefined> {
  let bytes: Buffer | undefined;
  try {
    bytes = await content.get(SITE_FILE, SITE_READ);
  } catch (error) {
    if (error instanceof ObjectTooLargeError) return { problems: [siteSizeProblem(error.size)], warnings: [] };
    throw error;
  }
  return bytes ? parseSite(bytes.toString('utf8')) : undefined;
}

