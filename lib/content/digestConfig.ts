import type { Problem } from '../shared/errors.js';
import { quote, QUOTE_MAX_CHARS } from '../shared/quote.js';
import { isPlainObject } from './parseYaml.js';
import { isHttpUrl } from '../shared/urls.js';
import { encodeUriTail, normalizeUrl } from '../shared/normalizeUrl.js';
import { parseMailbox } from '../shared/mailbox.js';
import { MAX_HEADER_TEXT_CHARS, MAX_UNSUBSCRIBE_URL_CHARS } from './limits.js';
import { checkEntryDate } from '../time/entryInstant.js';
import { clockTimeMeant } from './clockTimeMeant.js';
import { unknownFieldFix } from './unknownFieldFix.js';
import { nfc } from '../shared/nfc.js';
import { cleanText } from '../shared/xmlText.js';
import { droppedCharacterWarning } from './droppedCharacterWarning.js';

export type TransportName = 'file' | 'smtp' | 'ses';
export const TRANSPORTS: readonly TransportName[] = ['file', 'smtp', 'ses'];

/** The `digest:` block of site.yml, validated, with its defaults filled in. */
export interface DigestConfig {
  /** Set when site.yml has a `digest:` block: without one the site sends no digest (lib/content/digestByEmail.ts). */
  given?: true;
  /** Local send day, ISO weekday: 1 Monday … 7 Sunday. Default 1 (Monday), for the week just ended. */
  day: number;
  /** Local send time. Default 08:00. */
  hour: number;
  minute: number;
  /** The From address, `Name <address>` or `address`; required to send. */
  from?: string;
  replyTo?: string;
  /** Subject template with {title}, {range}, {week}, {count} and {entries} ("1 entry"). Default `{title}: {range}`. */
  subject: string;
  /** Send a digest for a week with no entries. Default false (it is archived as empty, and not sent). */
  sendEmpty: boolean;
  /** `YYYY-MM-DD`: with sendEmpty, no empty week ending before this local date is archived. */
  since?: string;
  /** The signup link (https or mailto:) the site pages show; without it they ask readers to write to the author. */
  subscribe?: string;
  /** Default transport. Default `file` (one .eml per recipient in outbox/). */
  transport: TransportName;
  /** For file and smtp: the content-store key of the subscriber list, one address a line. Default `subscribers.txt`. */
  subscribers: string;
  /** Set when site.yml names `subscribers` itself: `check` then reports the list missing (lib/subscribers/subscriberFile.ts). */
  subscribersNamed?: true;
  /** RFC 2369/8058 unsubscribe targets for file and smtp; {email} and {token} are filled in per recipient. */
  unsubscribe: { url?: string; mailto?: string };
  /** RFC 2919 List-Id, `<id>`; default `digest.<site host>`. */
  listId?: string;
  /** The HTML part's budget in bytes; past it the rest is listed as titles only. Default 100000 (Gmail clips at 102 KB). */
  maxBytes: number;
  ses: SesConfig;
}

export interface SesConfig {
  contactList?: string;
  topic?: string;
  /** The verified SES identity (domain or address) the From address belongs to; IAM is scoped to it. */
  identity?: string;
  configurationSet?: string;
  /** Messages a second (SES's default sending rate is 14). */
  rate: number;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** When site.yml sends the digest, as said to people: the day's English name and the time as HH:mm (`Monday`, `08:00`). */
export function digestSendTime(digest: Pick<DigestConfig, 'day' | 'hour' | 'minute'>): { day: string; time: string } {
  return { day: WEEKDAYS[digest.day - 1]!, time: `${String(digest.hour).padStart(2, '0')}:${String(digest.minute).padStart(2, '0')}` };
}

export interface DigestConfigParse {
  config: DigestConfig;
  problems: Problem[];
  warnings: Problem[];
}

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** The fields of site.yml's `digest:`. */
export const DIGEST_FIELDS: ReadonlySet<string> = new Set(['day', 'time', 'from', 'replyTo', 'subject', 'sendEmpty', 'since', 'transport', 'subscribers', 'unsubscribe', 'listId', 'maxBytes', 'ses', 'smtp', 'subscribe']);
const SUBJECT_FIELDS = new Set(['title', 'range', 'week', 'count', 'entries']);
const UNSUBSCRIBE_FIELDS = new Set(['email', 'token']);
const SES_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export function defaultDigestConfig(): DigestConfig {
  return { day: 1, hour: 8, minute: 0, subject: '{title}: {range}', sendEmpty: false, transport: 'file', subscribers: 'subscribers.txt', unsubscribe: {}, maxBytes: 100_000, ses: { rate: 14 } };
}

/** Validates site.yml's `digest:` block (for parseSite); every problem is reported, like the rest of `check`. */
export function parseDigestConfig(raw: unknown, file = 'site.yml'): DigestConfigParse {
  const config = defaultDigestConfig();
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const problem = (field: string, message: string, fix: string) => problems.push({ file, field: `digest.${field}`, message, fix });
  if (raw === undefined || raw === null) return { config, problems, warnings };
  if (!isPlainObject(raw)) {
    problems.push({ file, field: 'digest', message: 'must be a mapping', fix: 'write digest: with from:, subject: and the other settings indented below it' });
    return { config, problems, warnings };
  }
  config.given = true;

  if (raw.day !== undefined) {
    // Text or a number only: a list or mapping would otherwise read as the text of its items (`[monday]`).
    // A number in quotes ("1") is the number the editor typed.
    const text = typeof raw.day === 'string' ? raw.day.trim().toLowerCase() : undefined;
    const day = typeof raw.day === 'number' ? raw.day : text === undefined ? 0 : /^[1-7]$/.test(text) ? Number(text) : DAYS.indexOf(text) + 1;
    if (!Number.isInteger(day) || day < 1 || day > 7) problem('day', `${quote(raw.day)} is not a day of the week`, 'write a day name such as monday, or its ISO 8601 number, 1 (monday) to 7 (sunday)');
    else config.day = day;
  }
  if (raw.time !== undefined) {
    const match = typeof raw.time === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(raw.time.trim()) : null;
    const meant = match ? undefined : clockTimeMeant(raw.time);
    if (!match) problem('time', `${quote(raw.time)} is not a time of day`, `write the local send time as HH:MM in quotes${meant === undefined ? ', e.g. "08:00"' : `: "${meant}"`}`);
    else [config.hour, config.minute] = [Number(match[1]), Number(match[2])];
  }
  for (const field of ['from', 'replyTo'] as const) {
    const value = raw[field];
    if (value === undefined || value === null) continue;
    const first = typeof value === 'string' ? parseMailbox(value) : undefined;
    // A lone surrogate half in the display name alone is dropped, with its warning (below), as from every output.
    const parsed = first && !first.ok && first.surrogateInName ? parseMailbox((value as string).replace(/\p{Cs}/gu, '')) : first;
    if (!parsed?.ok) problem(field, `${quote(value)} is not an email address${parsed ? `: ${parsed.reason}` : ''}`, mailboxFix(field, value));
    else {
      // Only a display name can hold a character cleanText drops (the address refuses them): the From or Reply-To
      // header would carry it (a lone surrogate half as U+FFFD, which parseMailbox refuses), so it is dropped there as from every output.
      const trimmed = (value as string).trim();
      const dropped = droppedCharacterWarning(file, `digest.${field}`, trimmed);
      if (dropped) warnings.push(dropped);
      config[field] = cleanText(trimmed);
    }
  }
  if (raw.subject !== undefined) {
    const subject = typeof raw.subject === 'string' ? raw.subject.trim() : '';
    const unknown = [...subject.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!).filter((name) => !SUBJECT_FIELDS.has(name));
    if (subject === '' || /[\r\n]/.test(subject)) problem('subject', 'must be one line of text', 'write e.g. subject: "{title}: {range}"');
    else if (unknown.length > 0) problem('subject', `has unknown placeholder {${unknown[0]}}`, 'use {title}, {range}, {week}, {count} or {entries}');
    // A brace outside a whole placeholder (`{range` with its } forgotten) would be mailed as typed to every subscriber.
    else if (/[{}]/.test(subject.replace(/\{[^}]*\}/g, ''))) problem('subject', 'has a { or } that is not part of a placeholder', 'write each placeholder whole: {title}, {range}, {week}, {count} or {entries}');
    else if ([...subject].length > MAX_HEADER_TEXT_CHARS) problem('subject', `is ${[...subject].length} characters long, more than ${MAX_HEADER_TEXT_CHARS}`, 'shorten it: the Subject header line, filled in, must stay within the 998 characters mail allows (RFC 5322 §2.1.1)');
    // In NFC, as the site's title it is filled in with (lib/content/site.ts).
    else config.subject = nfc(subject);
  }
  if (raw.sendEmpty !== undefined) {
    if (typeof raw.sendEmpty !== 'boolean') problem('sendEmpty', `${quote(raw.sendEmpty)} is not true or false`, 'write sendEmpty: false');
    else config.sendEmpty = raw.sendEmpty;
  }
  if (raw.since !== undefined && raw.since !== null) {
    const since = typeof raw.since === 'string' ? raw.since.trim() : '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(since) || !checkEntryDate(since).ok) problem('since', `${quote(raw.since)} is not a date`, 'write the first day the digest was sent as YYYY-MM-DD, e.g. since: 2014-05-05');
    else config.since = since;
  }
  if (raw.transport !== undefined) {
    if (!TRANSPORTS.includes(raw.transport as TransportName)) problem('transport', `${quote(raw.transport)} is not a transport`, `write one of ${TRANSPORTS.join(', ')}`);
    else config.transport = raw.transport as TransportName;
  }
  if (raw.subscribe !== undefined && raw.subscribe !== null) {
    const link = raw.subscribe;
    if (typeof link !== 'string' || !(link.startsWith('https://') ? isHttpUrl(link) : /^mailto:[^\s@<>]+@[^\s@<>]+$/.test(link))) {
      problem('subscribe', `${quote(link)} is not an https or mailto: URL`, 'write the signup page, e.g. https://example.org/digest, or mailto:editors@example.org?subject=subscribe');
    // Every page links to it: written as an RFC 3986 URI (a space, `|` or a stray `%` encoded), as the Nu checker wants.
    } else config.subscribe = link.startsWith('https://') ? normalizeUrl(link) : `mailto:${encodeUriTail(link.slice('mailto:'.length))}`;
  }
  if (raw.subscribers !== undefined) {
    const key = typeof raw.subscribers === 'string' ? raw.subscribers.trim() : '';
    if (!/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(key) || key.split('/').some((part) => part === '.' || part === '..')) {
      problem('subscribers', `${quote(raw.subscribers)} is not a file in the content folder`, 'write a relative path such as subscribers.txt');
    } else {
      config.subscribers = key;
      config.subscribersNamed = true;
    }
  }
  if (raw.unsubscribe !== undefined && raw.unsubscribe !== null) {
    if (!isPlainObject(raw.unsubscribe)) problem('unsubscribe', 'must be a mapping', 'write unsubscribe: {url: "https://example.org/unsubscribe?token={token}", mailto: unsubscribe@example.org}');
    else {
      const { url, mailto } = raw.unsubscribe;
      if (url !== undefined) {
        const unknown = typeof url === 'string' ? [...url.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!).filter((name) => !UNSUBSCRIBE_FIELDS.has(name)) : [];
        const template = typeof url === 'string' ? url.trim() : '';
        const authority = template.slice('https://'.length).split(/[/?#]/, 1)[0]!;
        // RFC 8058 §3.1: the one-click target must be https.
        if (typeof url !== 'string' || !template.startsWith('https://') || !isHttpUrl(template.replace(/\{(email|token)\}/g, 'x'))) problem('unsubscribe.url', `${quote(url)} is not an https URL`, 'write the one-click unsubscribe endpoint, e.g. https://example.org/unsubscribe?token={token}');
        else if (unknown.length > 0) problem('unsubscribe.url', `has unknown placeholder {${unknown[0]}}`, 'use {email} or {token}');
        else if (/[{}]/.test(template.replace(/\{(email|token)\}/g, ''))) problem('unsubscribe.url', 'has a { or } that is not part of {email} or {token}', 'write each placeholder whole, or percent-encode the brace (%7B, %7D)');
        // The one-click POST carries no address (RFC 8058 §3.1): only the URI can say whom to unsubscribe.
        else if (!/\{(email|token)\}/.test(template)) problem('unsubscribe.url', 'names no recipient: every subscriber would get the same URL', 'add {token} (or {email}), e.g. https://example.org/unsubscribe?token={token}');
        else if (/[{}]/.test(authority)) problem('unsubscribe.url', 'has a placeholder in its host', 'put {token} or {email} in the path or the query');
        // It is sent in every email (RFC 9110 §4.2.4: a sender must not put credentials in an https URI).
        else if (authority.includes('@')) problem('unsubscribe.url', 'must not contain a user name or password', 'remove the part before @, e.g. https://example.org/unsubscribe?token={token}');
        // List-Unsubscribe holds it filled in and cannot be folded inside it: RFC 5322 §2.1.1's 998 characters a line.
        else if ([...template].length > MAX_UNSUBSCRIBE_URL_CHARS) problem('unsubscribe.url', `is ${[...template].length} characters long, more than ${MAX_UNSUBSCRIBE_URL_CHARS}`, 'shorten it: List-Unsubscribe carries it, filled in, on a line mail limits to 998 characters');
        // A fragment never reaches the server, so a placeholder there would name nobody.
        else if (template.includes('#')) problem('unsubscribe.url', 'has a fragment (#), which a browser or mail client never sends', 'remove the # part; put {token} in the path or the query');
        else config.unsubscribe.url = uriTemplate(template);
      }
      if (mailto !== undefined) {
        // The mailto: URI is `mailto:ADDRESS?subject=unsubscribe%20…` (RFC 6068) in List-Unsubscribe, which must stay
        // ASCII: one plain address (parseMailbox gives its domain in IDNA form) whose local part a URI carries as it is.
        const parsed = typeof mailto === 'string' && !mailto.includes('<') ? parseMailbox(mailto.trim()) : undefined;
        if (!parsed?.ok) problem('unsubscribe.mailto', `${quote(mailto)} is not an email address`, 'write the address that unsubscribes its senders, e.g. unsubscribe@example.org');
        else if (parsed.mailbox.name !== undefined || !/^[A-Za-z0-9.!$&'*+=_~-]+@/.test(parsed.mailbox.address)) problem('unsubscribe.mailto', `${quote(mailto)} cannot be written into a mailto: URI (no ?, # or %, and no letter outside ASCII before the @)`, 'write a plain address such as unsubscribe@example.org: Broadsheet adds the subject (unsubscribe and the address) itself');
        else config.unsubscribe.mailto = parsed.mailbox.address;
      }
    }
  }
  if (raw.listId !== undefined) {
    // RFC 2919 §2: list-id = list-label "." list-id-namespace, a dot-atom.
    if (typeof raw.listId !== 'string' || !/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(raw.listId.trim())) problem('listId', `${quote(raw.listId)} is not a list id`, 'write a dotted name under your domain, e.g. digest.example.org');
    // The List-Id line holds it in one unfoldable <…>: RFC 5322 §2.1.1's 998 characters a line.
    else if (raw.listId.trim().length > MAX_HEADER_TEXT_CHARS) problem('listId', `is ${raw.listId.trim().length} characters long, more than ${MAX_HEADER_TEXT_CHARS}`, 'shorten it: the List-Id header line carries it whole, and mail limits a line to 998 characters; e.g. digest.example.org');
    else config.listId = raw.listId.trim();
  }
  if (raw.maxBytes !== undefined) {
    if (typeof raw.maxBytes !== 'number' || !Number.isInteger(raw.maxBytes) || raw.maxBytes < 10_000) problem('maxBytes', `${quote(raw.maxBytes)} is not a whole number of at least 10000`, 'leave it out (default 100000, under Gmail’s 102 KB clipping)');
    else config.maxBytes = raw.maxBytes;
  }
  if (raw.ses !== undefined && raw.ses !== null) {
    if (!isPlainObject(raw.ses)) problem('ses', 'must be a mapping', 'write ses: {contactList: Readers, topic: weekly-digest, identity: example.org}');
    else {
      for (const field of ['contactList', 'topic', 'configurationSet'] as const) {
        const value = raw.ses[field];
        if (value === undefined) continue;
        if (typeof value !== 'string' || !SES_NAME.test(value)) problem(`ses.${field}`, `${quote(value)} is not an SES name`, 'use letters, digits, _ and - (at most 64)');
        else config.ses[field] = value;
      }
      const identity = raw.ses.identity;
      if (identity !== undefined) {
        if (typeof identity !== 'string' || !/^([^\s@]+@)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(identity)) problem('ses.identity', `${quote(identity)} is not an SES identity`, 'write the verified domain (example.org) or address');
        else config.ses.identity = identity;
      }
      const rate = raw.ses.rate;
      if (rate !== undefined) {
        if (typeof rate !== 'number' || !(rate > 0) || rate > 10_000) problem('ses.rate', `${quote(rate)} is not a sending rate`, 'write the messages per second your SES account allows, e.g. 14');
        else config.ses.rate = rate;
      }
    }
  }
  if (raw.smtp !== undefined) {
    problems.push({ file, field: 'digest.smtp', message: 'SMTP settings do not belong in site.yml (they hold a password)', fix: 'remove digest.smtp and set the SMTP_URL environment variable, e.g. smtps://user:pass@smtp.example.org' });
  }
  const late = lateSendWarning(config, file);
  if (late) warnings.push(late);
  for (const key of Object.keys(raw)) {
    if (!DIGEST_FIELDS.has(key)) warnings.push({ file, field: `digest.${key}`, message: 'is not a known field and is ignored', fix: unknownFieldFix(key, [...DIGEST_FIELDS].filter((k) => k !== 'smtp')) });
  }
  // A contact list is read only by the CLI's plain `digest --send` (a deployment, --subscribers and --to go without it),
  // which refuses to send without one; named, it needs its topic, and a topic its list.
  if (Boolean(config.ses.contactList) !== Boolean(config.ses.topic)) {
    problem('ses', config.ses.contactList ? 'names a contactList without its topic' : 'names a topic without its contactList', 'write both, ses: {contactList: Readers, topic: weekly-digest}, or neither (a deployment sends to its subscriber store)');
  }
  return { config, problems, warnings };
}

/**
 * A send day other than Monday: a digest covers the ISO week (Monday to Sunday, README "The weekly digest") ended
 * before it goes out, so a Sunday digest sends the week that ended six days and some hours before, not the one
 * ending that day. Monday, at any time, sends the week that ended that midnight.
 */
function lateSendWarning(digest: DigestConfig, file: string): Problem | undefined {
  if (digest.day === 1) return undefined;
  // Intl, as luxon's Duration.toHuman does it: `check` loads no luxon.
  const since = ([[digest.day - 1, 'day'], [digest.hour, 'hour'], [digest.minute, 'minute']] as const).filter(([n]) => n > 0);
  const late = new Intl.ListFormat('en', { type: 'conjunction' }).format(since.map(([n, unit]) => new Intl.NumberFormat('en', { style: 'unit', unit, unitDisplay: 'long' }).format(n)));
  const { time } = digestSendTime(digest);
  const day = DAYS[digest.day - 1]!;
  return {
    file,
    field: 'digest.day',
    message: `${day} at ${time} sends the week that ended ${late} before (weeks run Monday to Sunday)`,
    fix: `send on monday to mail each week the day after it ends, or keep ${day} if that delay is meant`,
  };
}

/**
 * The unsubscribe URL as an RFC 3986 URI with its placeholders kept: the text between them normalised as every
 * URL is (lib/shared/normalizeUrl.ts), so a space, a quote, `<`, `>` or a non-ASCII letter is percent-encoded and
 * can neither end the URI early in List-Unsubscribe's `<…>` nor make the header an encoded word (RFC 2369 §2).
 */
function uriTemplate(template: string): string {
  const [head = '', ...rest] = template.split(/(\{(?:email|token)\})/);
  let out = normalizeUrl(head);
  for (const piece of rest) out += /^\{(?:email|token)\}$/.test(piece) ? piece : encodeUriTail(piece);
  return out;
}

// `Name <address>`, the name with its white space (read by mailboxParts).
const MAILBOX = /^([^"<>]*)<([^<>\s]+@[^<>\s]+)>\s*$/;

/**
 * `Name <address>` split as `/^\s*([^"<>]*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/` splits it, the name trimmed, or null: without
 * that lazy form's retries over a long run of spaces in the name.
 */
export function mailboxParts(value: string): [string, string, string] | null {
  const match = MAILBOX.exec(value);
  return match ? [match[0], match[1]!.trim(), match[2]!] : null;
}

/**
 * The fix for a from: or replyTo: that is no mailbox: a display name holding a comma or another special character
 * (RFC 5322 §3.4: a phrase of atoms, or a quoted string) is given back in double quotes, in a YAML single-quoted value.
 */
function mailboxFix(field: string, value: unknown): string {
  const named = typeof value === 'string' ? mailboxParts(value) : null;
  if (named && named[1] !== '' && /[(),:;@[\]\\]/.test(named[1]!)) {
    const line = `${field}: '"${named[1]!.replace(/["\\]/g, '\\$&').replace(/'/g, "''")}" <${named[2]}>'`;
    if (line.length <= 2 * QUOTE_MAX_CHARS) return `put the name in double quotes: ${line}`;
  }
  return 'write digest@example.org or "Site Name <digest@example.org>"';
}
