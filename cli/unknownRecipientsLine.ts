import { countOf } from '../lib/shared/countOf.js';

/**
 * Recipients whose message was handed over with no answer back: maybe delivered, so never sent again (README, "Exactly
 * once"). Only the mail server's log can tell, and `broadsheet settle` records what it told. A run record holds no address: the send's summary names them (the
 * digest functions' logs, by ledger id), so `addresses` is given only there. `history`: a past run's record, which
 * does not know whether they were settled since.
 */
export function unknownRecipientsLine(unknown: number, week: string | undefined, { addresses, history = false }: { addresses?: readonly string[]; history?: boolean } = {}): string {
  const messageId = `<digest.${week ?? 'YYYY-Www'}.…>`;
  const who = addresses ? ` (${addresses.join(', ')})` : '';
  const named = addresses ? '' : ' (digest --send named the addresses; the digest functions\' logs name their ledger ids, which settle takes too)';
  return (
    `${countOf(unknown, 'recipient', 'recipients')} ${history ? 'left unknown at the end of this run' : 'unknown'}${who}: handed to the mail server, no answer came back, so maybe delivered, and never sent again; ` +
    `${history ? 'if not settled since, ' : ''}look for Message-ID ${messageId} to ${unknown === 1 ? 'it' : 'each'} in the mail server's log (or SES's)${named}, ` +
    `then record what it tells: broadsheet settle --week ${week ?? 'YYYY-Www'} --delivered ADDRESS (accepted) or --resend ADDRESS (never accepted: the next send mails it)`
  );
}
