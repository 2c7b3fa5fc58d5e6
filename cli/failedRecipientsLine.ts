import { countOf } from '../lib/shared/countOf.js';

/**
 * status's line for a week whose recipients the mail server refused (the week's ledger records them failed): whichever
 * send it was, a fanned-out batch's included, which writes no run record. Nothing went out to them, and the week's next
 * send retries each (README, "Three outcomes"); one refused for good (a mailbox gone) is refused again.
 */
export function failedRecipientsLine(week: string, failed: number): string {
  return (
    `FAILED: week ${week}: ${countOf(failed, 'recipient', 'recipients')} failed: the mail server refused ${failed === 1 ? 'its message' : 'their messages'}, so nothing went out to ${failed === 1 ? 'it' : 'them'}; ` +
    `the next send of the week retries ${failed === 1 ? 'it' : 'them'} (broadsheet trigger --digest ${week} --send, POST /digest {"week":"${week}","send":true}, or broadsheet digest --send for the week); ` +
    `the digest functions' logs name each as a recipient failed line, by ledger id`
  );
}
