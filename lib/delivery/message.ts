import { createHash } from 'node:crypto';
import type { DateTime } from 'luxon';
import MailComposer from 'nodemailer/lib/mail-composer';
import { headerPhrase, headerText } from '../shared/headerText.js';
import { mimeBoundary } from '../shared/mimeBoundary.js';
import type { Site } from '../content/site.js';
import type { DigestModel } from '../digest/digestModel.js';
import { fillUnsubscribe, type DigestCut } from '../digest/digestHtml.js';
import { renderDigestText } from '../digest/renderDigestText.js';
import { digestName } from '../shared/digestName.js';
import { sizeAsSent } from '../digest/sizeAsSent.js';
import { ConfigError } from '../shared/errors.js';
import { cleanText } from '../shared/xmlText.js';
import { signToken } from '../subscribers/subscriberToken.js';
import { formatMailbox, recipientId, type Recipient } from '../subscribers/recipient.js';
import { subscriptionHandlerOrigin } from '../shared/subscriptionHandlerOrigin.js';
import { rfc5322Date } from '../time/rfc5322Date.js';
import { withMailboxFields } from '../shared/withMailboxFields.js';
import { siteListIdentifier } from '../shared/siteListIdentifier.js';

/** The placeholder SES fills with its own one-click unsubscribe URL when ListManagementOptions is set. */
export const SES_UNSUBSCRIBE_URL = '{{amazonSESUnsubscribeUrl}}';

/** How a message offers unsubscribing. */
export type UnsubscribeMode =
  /** file and smtp: our own RFC 2369 / RFC 8058 headers and links, filled in per recipient. */
  | { kind: 'headers'; urlTemplate: string; mailto: string; secret?: string }
  /** ses: SES adds List-Unsubscribe and List-Unsubscribe-Post and fills SES_UNSUBSCRIBE_URL. */
  | { kind: 'ses' };

export interface DigestMessageInput {
  model: DigestModel;
  /** renderDigestHtml(model, { variant: 'email' }), with the unsubscribe placeholder. */
  html: string;
  /** Where `html` was cut (renderDigestEmail): the text part holds the same entries in full and the same titles. */
  cut?: DigestCut;
  recipient: Recipient;
  from: string;
  replyTo?: string;
  subject: string;
  /** RFC 2919 List-Id value, e.g. `Site digest <digest.example.org>`. */
  listId: string;
  unsubscribe: UnsubscribeMode;
  /** The Date header: the run's `now`. */
  date: DateTime;
  /** A test copy's version of the week's email (testCopyVersion): its Message-ID is that version's own. */
  testVersion?: string;
}

/** One recipient's digest: the parts (for SES) and the whole RFC 5322 message (for file and smtp). */
export interface DigestMessage {
  weekName: string;
  recipient: Recipient;
  messageId: string;
  subject: string;
  from: string;
  replyTo?: string;
  html: string;
  text: string;
  /** Extra header fields, in order. */
  headers: Array<{ name: string; value: string }>;
  raw: Buffer;
}

/**
 * `urlTemplate` with {email} (the address, percent-encoded) and {token} (an unsubscribe token naming the
 * address and the list of `listId`, the List-Id value, signed under DIGEST_UNSUBSCRIBE_SECRET: the /unsubscribe
 * endpoint checks it without a database, nobody can unsubscribe somebody else by guessing, and another list's
 * endpoint refuses it under the same secret) filled in.
 */
export function unsubscribeUrl(urlTemplate: string, address: string, listId: string, secret?: string): string {
  return urlTemplate.replace(/\{(email|token)\}/g, (_m, field: string) => {
    if (field === 'email') return encodeURIComponent(address);
    if (!secret) throw new ConfigError('digest.unsubscribe.url uses {token}, which needs the DIGEST_UNSUBSCRIBE_SECRET environment variable');
    return signToken({ address, purpose: 'unsubscribe', list: listIdentifier(listId) }, secret);
  });
}

/**
 * The recipient's preferences URL (their topics), when the unsubscribe URL is the subscription handler's own
 * (`https://SITE/unsubscribe?token={token}`, lib/subscribers/subscriptionHandler.ts), which answers /preferences
 * beside it: `https://SITE/preferences?token=…`, a token for that purpose. Otherwise none: another endpoint may not have one.
 * For a recipient of the subscriber store only.
 */
export function preferencesUrl(unsubscribe: UnsubscribeMode, recipient: Recipient, listId: string): string | undefined {
  // Only the store's subscribers have a record there to choose topics in.
  if (unsubscribe.kind !== 'headers' || !unsubscribe.secret || !recipient.subscriber) return undefined;
  const origin = subscriptionHandlerOrigin(unsubscribe.urlTemplate);
  if (origin === undefined) return undefined;
  return `${origin}/preferences?token=${signToken({ address: recipient.address, purpose: 'preferences', list: listIdentifier(listId) }, unsubscribe.secret)}`;
}

/** The list id of a List-Id value (RFC 2919 §2: `[phrase] "<" list-id ">"`), its last `<…>`; a bare id as it is. */
function listIdentifier(listId: string): string {
  return /<([^<>]*)>$/.exec(listId)?.[1] ?? listId;
}

/**
 * The RFC 2919 List-Id value: `Weekly digest of Site title <list id>` (digestName; defaultListId), cleaned as every
 * output is (cleanText). The title is kept whole, quotes and angle brackets too: listIdHeader writes it as a phrase
 * (a quoted-string, RFC 5322 §3.2.4, or encoded words), and the list id is the last `<…>`.
 */
export function listIdOf(site: Site): string {
  const id = siteListIdentifier(site);
  return cleanText(`${digestName(site.title.replace(/[\r\n]+/g, ' '))} <${id}>`);
}

/** The longest header value SES takes (its MessageHeader): List-Id and List-Unsubscribe are sent as ones. */
const MAX_SES_HEADER_VALUE_CHARS = 870;

/** The longest List-Id: SES takes it as a MessageHeader. */
export const MAX_LIST_ID_CHARS = MAX_SES_HEADER_VALUE_CHARS;

/**
 * List-Unsubscribe (RFC 2369 §3.2) with the https URI and a mailto URI (RFC 6068) whose subject, and body, name the
 * subscribed address: a reader's client may send from another (a plus tag, a forward), and the editor takes the
 * address named off the list. RFC 6068 §2, §5: each hfvalue percent-encoded UTF-8, a space as %20; the address is
 * ASCII (lib/shared/mailbox.ts writes its domain in IDNA form). The body is left out when the value would pass what
 * SES takes (which keeps the line within RFC 5322 §2.1.1's 998 characters too).
 */
export function listUnsubscribeHeader(href: string, mailto: string, address: string): string {
  const request = `unsubscribe%20${encodeURIComponent(address)}`;
  const withBody = `<${href}>, <mailto:${mailto}?subject=${request}&body=${request}>`;
  return withBody.length <= MAX_SES_HEADER_VALUE_CHARS ? withBody : `<${href}>, <mailto:${mailto}?subject=${request}>`;
}

/**
 * A List-Id (RFC 2919 §2: `[phrase] "<" list-id ">"`) with its display part as a phrase (headerPhrase): the list id
 * itself stays outside any encoded word, so that filters can read it. A phrase whose encoding would pass
 * MAX_LIST_ID_CHARS (a long title in a script each of whose characters takes nine in Q encoding) is cut at a whole
 * character until it fits: the phrase is only a label (RFC 2919 §2 lets it be left out), and SES would refuse the message.
 */
export function listIdHeader(listId: string): string {
  // Any character before the id, U+2028 included (`.` stops at a line terminator).
  const match = /^([\s\S]*) <([^<>]*)>$/.exec(listId);
  if (!match) return headerText(listId);
  const [, phrase, id] = match as unknown as [string, string, string];
  let characters = Array.from(phrase);
  let value = `${headerPhrase(phrase)} <${id}>`;
  while (value.length > MAX_LIST_ID_CHARS && characters.length > 0) {
    characters = characters.slice(0, Math.floor((characters.length * MAX_LIST_ID_CHARS) / value.length) - 1);
    value = characters.length > 0 ? `${headerPhrase(`${characters.join('').trimEnd()}…`)} <${id}>` : `<${id}>`;
  }
  return value;
}

/**
 * RFC 5322 §3.6.4: a Message-ID that is the same for the same week, list, site and recipient, and reveals no
 * address. A test copy's names its version too: each message's id must be unique, and a mailbox that already holds
 * an id (Gmail) drops the next message with it, so a corrected test copy or the week's own send would never arrive.
 * The hash covers the list id (RFC 2919 §2, unique to its list), not the List-Id's phrase: a title corrected between
 * a send and its retry (settle --resend) keeps the id. It covers the site's URL too when the site is under a path,
 * so two sites on one host differ even with one digest.listId; for a site at its host's root the list id alone.
 */
export function digestMessageId(weekName: string, listId: string, address: string, site: Pick<Site, 'host' | 'url'>, testVersion?: string): string {
  const atRoot = new URL(site.url).pathname === '/';
  const id = listIdentifier(listId);
  const list = createHash('sha256').update(atRoot ? id : `${id}\n${site.url}`).digest('hex').slice(0, 8);
  return `<digest.${weekName}${testVersion ? `.test-${testVersion}` : ''}.${list}.${recipientId(address).slice(0, 20)}@${site.host}>`;
}

export async function buildDigestMessage(input: DigestMessageInput): Promise<DigestMessage> {
  const { model, recipient } = input;
  const messageId = digestMessageId(model.week.name, input.listId, recipient.address, model.site, input.testVersion);
  // Written here in ASCII, as the message carries them: SES takes header values of printable ASCII only (its
  // MessageHeader), and the composer would encode a List-Id whole, its <list-id> included.
  const headers: Array<{ name: string; value: string }> = [{ name: 'List-Id', value: listIdHeader(input.listId) }];
  let href: string;
  if (input.unsubscribe.kind === 'headers') {
    href = unsubscribeUrl(input.unsubscribe.urlTemplate, recipient.address, input.listId, input.unsubscribe.secret);
    // RFC 2369 §3.2: one List-Unsubscribe field listing every method; RFC 8058 §3.1: an https URI plus
    // List-Unsubscribe-Post makes it one-click (the client POSTs "List-Unsubscribe=One-Click" to the URI).
    headers.push({ name: 'List-Unsubscribe', value: listUnsubscribeHeader(href, input.unsubscribe.mailto, recipient.address) }, { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' });
  } else href = SES_UNSUBSCRIBE_URL;
  // RFC 3834 §5 / common practice: mark the message as bulk, so auto-responders stay quiet.
  headers.push({ name: 'Auto-Submitted', value: 'auto-generated' }, { name: 'Precedence', value: 'bulk' });

  const preferences = preferencesUrl(input.unsubscribe, recipient, input.listId);
  const html = fillUnsubscribe(input.html, href, preferences);
  const text = renderDigestText(model, { variant: 'email', unsubscribeUrl: href, ...(preferences ? { preferencesUrl: preferences } : {}), maxBytes: model.site.digest.maxBytes, sizeAsSent, ...(input.cut ? { cut: input.cut } : {}) });
  const composer = new MailComposer({
    // Written again after (withMailboxFields), their names as encoded words that end at a space.
    from: input.from,
    to: formatMailbox(recipient),
    ...(input.replyTo ? { replyTo: input.replyTo } : {}),
    // Already in encoded words where needed (headerText), which the composer passes through as they are.
    subject: headerText(input.subject),
    messageId,
    // RFC 5322 §3.3: the date-time SHOULD express local time, the site's (a Date object is written in UTC).
    date: rfc5322Date(input.date, model.site.timezone),
    // RFC 2046 §5.1.4 multipart/alternative: the plain text first, the preferred HTML last. Given with CRLF line ends:
    // the quoted-printable encoder takes only CRLF for a line's end, so it wraps each line on its own, as the size
    // budget counts them (lib/digest/sizeAsSent.ts), where a LF line end left it soft breaks across short lines.
    text: text.replaceAll('\n', '\r\n'),
    html: html.replaceAll('\n', '\r\n'),
    textEncoding: 'quoted-printable',
    // RFC 5322 §2.3: every line ends in CRLF, the parts' text included (the composer keeps a body's bare LFs).
    newline: 'windows',
    // Prepared: written as given (folded), not encoded again.
    headers: Object.fromEntries(headers.map((header) => [header.name, { prepared: true, foldLines: true, value: header.value }])),
    baseBoundary: mimeBoundary(messageId, text, html),
  } as ConstructorParameters<typeof MailComposer>[0]);
  const built = await new Promise<Buffer>((resolve, reject) => composer.compile().build((error, message) => (error ? reject(error) : resolve(message))));
  const raw = withoutFromLines(withMailboxFields(built, { From: input.from, To: formatMailbox(recipient), ...(input.replyTo ? { 'Reply-To': input.replyTo } : {}) }));
  return { weekName: model.week.name, recipient, messageId, subject: input.subject, from: input.from, ...(input.replyTo ? { replyTo: input.replyTo } : {}), html, text, headers, raw };
}

/**
 * The message with each body line that starts "From " written "=46rom ": an mbox mailbox stores such a line as
 * ">From ", changing the text, and RFC 2049 §3 (8) asks for this encoding of it. Every part of the digest is
 * quoted-printable, where "=46" is "F" (RFC 2045 §6.7); no line of the header section starts so ("From:" does not).
 */
function withoutFromLines(message: Buffer): Buffer {
  const text = message.toString('latin1');
  const bodyStart = text.indexOf('\r\n\r\n') + 4;
  const body = text.slice(bodyStart);
  if (!body.startsWith('From ') && !body.includes('\r\nFrom ')) return message;
  // A line that would pass 76 characters (RFC 2045 §6.7 (5)) breaks, softly, after "=46rom".
  const encoded = body.replace(/(^|\r\n)From ([^\r]*)/g, (_line, start: string, rest: string) => `${start}=46rom${rest.length + 7 > 76 ? '=\r\n' : ''} ${rest}`);
  return Buffer.from(text.slice(0, bodyStart) + encoded, 'latin1');
}
