import { encodeWord } from 'nodemailer/lib/mime-funcs';
import { parseMailbox } from './mailbox.js';

/**
 * An unstructured header field's text (Subject) as ASCII: printable ASCII as it is, anything else as RFC 2047 encoded
 * words (Q, whole characters, each at most 75 characters, §2 and §5 (1)). Text holding "=?" is encoded too: written as
 * it is, a mail client would decode an encoded word typed into a title (`=?utf-8?b?…?=`) into other text (§6.1). So
 * is a word too long for a line: a header is folded only at white space (RFC 5322 §2.2.3), and a line must not pass
 * 998 characters and should not pass 78 (§2.1.1), which encoded words of at most 75 keep.
 */
export function headerText(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) && !text.includes('=?') && !LONG_WORD.test(text) ? text : encodeWord(text, 'Q', 52);
}

/** A run of characters a folded line could not hold beside its field name ("Subject: "). */
const LONG_WORD = /[^ ]{66,}/;

/** RFC 2047 §2: an encoded word is at most 75 characters long. */
const MAX_ENCODED_WORD_CHARS = 75;
/** RFC 5322 §3.2.3 atext. */
const ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+$/;

/**
 * A display name as an RFC 5322 phrase (§3.2.5): atoms as they are, other printable ASCII as a quoted-string
 * (§3.2.4), anything else as encoded words (encodedPhrase), which RFC 2047 §5 (3) lets stand for a phrase (and "=?"
 * too, §6.1).
 */
export function headerPhrase(text: string): string {
  if (text.includes('=?') || !/^[\x20-\x7e]*$/.test(text)) return encodedPhrase(text);
  return /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]*$/.test(text) ? text : `"${text.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * A phrase of encoded words: its ASCII atoms as they are, each run of other words as Q encoded words of whole
 * characters. A reader drops the white space between two encoded words (RFC 2047 §6.2), so the spaces of a run are
 * encoded; and an encoded word ends only after such a space, never mid-word, since some readers (Python's email
 * package before gh-128110) show that white space as a space. Only a word too long for one encoded word is split.
 */
function encodedPhrase(text: string): string {
  const parts: string[] = [];
  let run: string[] = [];
  const endRun = () => {
    if (run.length > 0) parts.push(encodedWords(run));
    run = [];
  };
  for (const word of text.split(' ')) {
    if (ATOM.test(word) && !word.includes('=?')) {
      endRun();
      parts.push(word);
    } else run.push(word);
  }
  endRun();
  return parts.join(' ');
}

/** The words, spaces between them, as encoded words of at most MAX_ENCODED_WORD_CHARS, each ending after a space. */
function encodedWords(words: string[]): string {
  const encoded: string[] = [];
  let pending = '';
  words.forEach((word, index) => {
    const piece = index < words.length - 1 ? `${word} ` : word;
    if (pending !== '' && encodeWord(pending + piece, 'Q').length > MAX_ENCODED_WORD_CHARS) {
      encoded.push(encodeWord(pending, 'Q', MAX_ENCODED_WORD_CHARS));
      pending = '';
    }
    pending += piece;
  });
  encoded.push(encodeWord(pending, 'Q', MAX_ENCODED_WORD_CHARS));
  return encoded.join(' ');
}

/**
 * One mailbox (`Name <address>` or `address`) in 7-bit ASCII, its name as headerPhrase: what SES takes as a From or
 * a To address (the address ASCII, a name in encoded words; its SendEmail reference). Text that is not one mailbox
 * is returned as it is.
 */
export function asciiMailbox(text: string): string {
  const parsed = parseMailbox(text);
  if (!parsed.ok) return text;
  const { name, address } = parsed.mailbox;
  return name === undefined ? address : `${mailboxName(name)} <${address}>`;
}

/**
 * A mailbox's display name as nodemailer's composer writes an ASCII one, so a From that was plain ASCII stays
 * byte for byte the same: letters, digits, "_" and spaces as they are, any other printable ASCII as a quoted-string
 * (RFC 5322 §3.2.4), valid where atoms are not (`A. B`, `A, B`: "." and "," are not atext, §3.2.3). Non-ASCII
 * text and text holding "=?" as headerPhrase writes it (encoded words cut at spaces).
 */
function mailboxName(name: string): string {
  if (name.includes('=?') || !/^[\x20-\x7e]*$/.test(name)) return headerPhrase(name);
  return /^[\w ]*$/.test(name) ? name : `"${name.replace(/["\\]/g, '\\$&')}"`;
}
