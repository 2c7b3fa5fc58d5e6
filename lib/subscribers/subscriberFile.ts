import type { DigestConfig } from '../content/digestConfig.js';
import { SITE_FILE } from '../content/contentKeys.js';
import { SUBSCRIBER_LIST_STAYS_HOME } from '../content/subscriberListStaysHome.js';
import { ContentError, type Problem } from '../shared/errors.js';
import { invalidUtf8Offset, notUtf8 } from '../shared/invalidUtf8Offset.js';
import { quote } from '../shared/quote.js';
import type { Store } from '../store/store.js';
import { parseRecipient, subscriberLines } from './recipient.js';
import { listSendRefusal } from './listSendRefusal.js';

/**
 * The text of a subscriber list (subscribers.txt), or the problem that refuses it: bytes that are not UTF-8 would
 * be read with U+FFFD and mailed to a mangled address; lines ended by a carriage return alone (classic Mac OS) would
 * read as one line, no address, and nobody would be mailed. A leading BOM (Windows editors save one) is not text.
 */
export function decodeSubscriberFile(bytes: Buffer, file: string): { text: string } | { problem: Problem } {
  const text = bytes.toString('utf8');
  const offset = text.includes('\uFFFD') ? invalidUtf8Offset(bytes) : undefined;
  if (offset !== undefined) return { problem: notUtf8(file, bytes, offset) };
  // A CR within one line of a list of LF or CRLF lines is that line's problem alone (parseRecipient names it).
  if (text.includes('\r') && !text.includes('\n')) {
    return { problem: { file, line: 1, field: 'file', message: 'its lines end in a carriage return alone (CR, as classic Mac OS wrote text), which is no line break here: the list would read as one line, no address', fix: 'save the file with LF (Unix, macOS) or CRLF (Windows) line endings' } };
  }
  return { text: text.startsWith('\uFEFF') ? text.slice(1) : text };
}

/** The text of a subscriber list; one that is not UTF-8 throws the ContentError `check` reports, saying `outcome`. */
export function subscriberFileText(bytes: Buffer, file: string, outcome = 'nothing was sent'): string {
  const decoded = decodeSubscriberFile(bytes, file);
  if ('problem' in decoded) {
    const error = new ContentError([decoded.problem]);
    error.outcome = outcome;
    throw error;
  }
  return decoded.text;
}

/**
 * The invalid lines `check` names one by one; the rest are summed up in one warning. A list pasted from a
 * spreadsheet can have thousands, all wrong the same way: the first ones show what is wrong, and the summary
 * says how many more there are and where.
 */
export const LISTED_LINE_WARNINGS = 20;

const LINE_FIX = 'write one address a line, address or Name <address>; the digest records this line failed and mails the rest';

/** Without a list the file and smtp transports send only with --to or --subscribers (the send refuses otherwise). */
function emptyListFix(named: boolean): string {
  const remove = named ? 'remove the file and digest.subscribers' : 'remove the file';
  return `add one address a line, address or Name <address>; or, if no list is meant, ${remove} and send with --to or --subscribers`;
}

/**
 * What `check` says of a subscriber list: its encoding (a problem: the send refuses the file), and each line
 * that is not one mailbox (a warning: the send records that line failed and mails the others), the first
 * LISTED_LINE_WARNINGS by themselves. Messages quote the one line, never the list. A list of no address at all
 * (blank lines, comments) is a warning too: the send mails nobody and exits 0. `named`: site.yml names the list.
 */
export function subscriberFileProblems(bytes: Buffer, file: string, named = false): { problems: Problem[]; warnings: Problem[] } {
  const decoded = decodeSubscriberFile(bytes, file);
  if ('problem' in decoded) return { problems: [decoded.problem], warnings: [] };
  const warnings: Problem[] = [];
  const unlisted: number[] = [];
  const lines = subscriberLines(decoded.text);
  if (lines.length === 0) {
    return { problems: [], warnings: [{ file, field: 'file', message: 'holds no address (a blank line or a comment is none): a digest sent to the list mails nobody', fix: emptyListFix(named) }] };
  }
  for (const { line, text } of lines) {
    const { invalid } = parseRecipient(text);
    if (!invalid) continue;
    if (warnings.length < LISTED_LINE_WARNINGS) warnings.push({ file, line, field: 'address', message: invalid, fix: LINE_FIX });
    else unlisted.push(line);
  }
  if (unlisted.length > 0) {
    const more = unlisted.length === 1 ? '1 more line is' : `${unlisted.length} more lines are`;
    warnings.push({ file, line: unlisted[0]!, field: 'address', message: `${more} not one mailbox: ${lineRanges(unlisted)}`, fix: LINE_FIX });
  }
  return { problems: [], warnings };
}

/** Runs of line numbers named in the summary; past them it gives the count left and the last line. */
const NAMED_RUNS = 10;

/** Ascending line numbers as runs, at most NAMED_RUNS of them: "lines 21–30, line 34, … and 12 more up to line 90". */
function lineRanges(lines: readonly number[]): string {
  const runs: string[] = [];
  let i = 0;
  while (i < lines.length && runs.length < NAMED_RUNS) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    runs.push(j === i ? `line ${lines[i]}` : `lines ${lines[i]}–${lines[j]}`);
    i = j + 1;
  }
  const left = lines.length - i;
  return left === 0 ? runs.join(', ') : `${runs.join(', ')} and ${left} more up to line ${lines[lines.length - 1]}`;
}

/**
 * `check`'s report on the digest's subscriber list, read only when a send would read it: a `from` to send with
 * and the file or smtp transport (ses reads its contact list). Missing, it is a problem only when site.yml names
 * it (`subscribersNamed`): otherwise the editor may send with --to or the subscriber store. A list the send refuses
 * to mail (listSendRefusal) gets that refusal as a warning instead, its lines unread: it is to be imported, and
 * `subscribers import` names its bad lines. `bucket`: the deployment's content bucket `content` is in, which never
 * holds the list (SUBSCRIBER_LIST_STAYS_HOME), so its absence is a warning.
 */
export async function checkSubscriberFile(content: Store, digest: DigestConfig, bucket?: string): Promise<{ problems: Problem[]; warnings: Problem[] }> {
  if (digest.from === undefined || digest.transport === 'ses') return { problems: [], warnings: [] };
  const bytes = await content.get(digest.subscribers);
  if (!bytes && !digest.subscribersNamed) return { problems: [], warnings: [] };
  const refused = listSendRefusal(digest, digest.transport, digest.subscribers);
  if (refused) return { problems: [], warnings: [refused] };
  if (bytes) return subscriberFileProblems(bytes, digest.subscribers, digest.subscribersNamed === true);
  if (bucket !== undefined) {
    return {
      problems: [],
      warnings: [{ file: SITE_FILE, field: 'digest.subscribers', message: `${quote(digest.subscribers)} is not in the content bucket: ${SUBSCRIBER_LIST_STAYS_HOME}`, fix: `check the content folder that holds it, and move its addresses into the store: broadsheet subscribers import ${digest.subscribers} --subscribers s3://${bucket}/_subscribers/` }],
    };
  }
  return {
    problems: [{ file: SITE_FILE, field: 'digest.subscribers', message: `${quote(digest.subscribers)} is not in the content folder, and the ${digest.transport} transport sends to the addresses in it`, fix: 'create it with one address a line, or remove digest.subscribers when you send with --to or --subscribers' }],
    warnings: [],
  };
}
