import { countOf } from '../lib/shared/countOf.js';

/**
 * status's line for a week whose recipients the week's ledger records failed (the mail server refused the message, or
 * the list's line is no address Broadsheet takes), whichever send it was: a fanned-out batch writes no run record.
 * Nothing went out to them, and the week's next send tries each again (README, "Three outcomes"); one refused for good
 * (a mailbox gone) or invalid fails again.
 */
export function failedRecipientsLine(week: string, failed: number): string {
  const them = failed === 1 ? 'it' : 'them';
  return (
    `FAILED: week ${week}: ${countOf(failed, 'recipient', 'recipients')} failed (refused by the mail server, or not a valid address), so nothing went out to ${them}; ` +
    `the next send of the week tries ${them} again (broadsheet trigger --digest ${week} --send, POST /digest {"week":"${week}","send":true}, or broadsheet digest --send for the week); ` +
    `the digest functions' logs name each in a recipient failed line, by ledger id, and digest --send by address`
  );
}
