import { createHash } from 'node:crypto';
import type { DateTime } from 'luxon';
import MailComposer from 'nodemailer/lib/mail-composer';
import { headerText } from '../shared/headerText.js';
import { mimeBoundary } from '../shared/mimeBoundary.js';
import { escapeHtml as h } from '../shared/xmlText.js';
import { ownWords } from '../shared/ownWords.js';
import { rfc5322Date } from '../time/rfc5322Date.js';
import { withMailboxFields } from '../shared/withMailboxFields.js';
import { topicsInWords } from './topicsInWords.js';
import { plainText, typedHtml, typedText } from './typedText.js';
import { digestInWords } from './digestInWords.js';
import { digestInSentence } from '../shared/digestName.js';
import { wrapText } from '../shared/wrapText.js';

export interface ConfirmationInput {
  siteTitle: string;
  /** The site's language (BCP 47), that of its title and topics' names among the email's English words (default English). */
  language?: string;
  host: string;
  from: string;
  /** digest.replyTo, as the digest carries it: a reply reaches the editors, not the sending address. */
  replyTo?: string;
  to: string;
  /** The names of the topics chosen, as the site gives them; none (or absent) is every entry. */
  topics?: readonly string[];
  confirmUrl: string;
  date: DateTime;
  /** The site's zone: RFC 5322 §3.3 has the date-time say local time, as the digest's does. */
  timezone: string;
}

/** The double opt-in email: text and HTML, one link, from the digest's From. */
export async function buildConfirmationMessage(input: ConfirmationInput): Promise<Buffer> {
  // The digest named as its own footer names it (digestInSentence): "the <title> digest" read "the Weekly Digest
  // digest" for a title ending in the word, and "the weekly digest of Weekly Digest" for one that says it already.
  const subject = `Confirm your subscription to ${digestInSentence(input.siteTitle)}`;
  // The topics are named, since the link subscribes to them alone: another signup's link is sent for other topics.
  const asked = typedText`Someone, hopefully you, asked to receive ${digestInWords(input.siteTitle)}, with ${topicsInWords(input.topics ?? [])}, at this address.`;
  // Wrapped at 72 columns as the digest's text part is, the link on a line of its own (never broken).
  const text = [
    wrapText(plainText(asked), ''),
    [...wrapText('To confirm, open this link and press the button (it is good for 7 days):', ''), input.confirmUrl],
    wrapText('If it was not you, ignore this email: nothing will be sent.', ''),
  ].map((paragraph) => paragraph.join('\n')).join('\n\n') + '\n';
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${h(subject)}</title></head>
<body>
<p>${typedHtml(asked, ownWords(input.language ?? 'en').typed)}</p>
<p><a href="${h(input.confirmUrl)}">Confirm the subscription</a> (the link is good for 7 days).</p>
<p>If it was not you, ignore this email: nothing will be sent.</p>
</body></html>
`;
  const messageId = `<confirm.${createHash('sha256').update(`${input.to}\n${input.date.toISO()}`).digest('hex').slice(0, 24)}@${input.host}>`;
  const composer = new MailComposer({
    // Written again after (withMailboxFields), its name as encoded words that end at a space, as the digest's.
    from: input.from,
    ...(input.replyTo ? { replyTo: input.replyTo } : {}),
    to: input.to,
    // Encoded where it is not plain ASCII or holds "=?" (a title that looks like an encoded word), as the digest's.
    subject: headerText(subject),
    messageId,
    date: rfc5322Date(input.date, input.timezone),
    text,
    html,
    textEncoding: 'quoted-printable',
    // RFC 5322 §2.3: every line ends in CRLF, the parts' text included (the composer keeps a body's bare LFs).
    newline: 'windows',
    headers: { 'Auto-Submitted': 'auto-generated' },
    baseBoundary: mimeBoundary(messageId, text, html),
  } as ConstructorParameters<typeof MailComposer>[0]);
  const built = await new Promise<Buffer>((resolve, reject) => composer.compile().build((error, message) => (error ? reject(error) : resolve(message))));
  return withMailboxFields(built, { From: input.from, ...(input.replyTo ? { 'Reply-To': input.replyTo } : {}) });
}
