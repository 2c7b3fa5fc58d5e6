import { latestRuns, RUN_RECORD_DAYS } from '../../lib/publish/runHistory.js';
import { formatProblem, UsageError } from '../../lib/shared/errors.js';
import { parseFlags } from '../args.js';
import { EXIT_FAILURE, EXIT_OK, type CliIo, type Command } from '../io.js';
import { refuseNoOutputFolder } from '../refuseNoOutputFolder.js';
import { LOCK_KEY, lockState, type LockState } from '../../lib/publish/publishLock.js';
import { thisProcess } from '../../lib/shared/thisProcess.js';
import { runRecordLines, STATUS_WARNING_LINES } from '../runLines.js';
import { recordIdChangeLines } from '../idChangeLines.js';
import { outputStore, S3_FLAG_HELP, S3_FLAG_OPTIONS } from '../stores.js';
import { statusSummary } from '../statusSummary.js';
import { FAILING_WEEKS_READ, readFailingWeeks } from '../../lib/delivery/failedBatches.js';
import { failedBatchesLine } from '../failedBatchesLine.js';
import { readUnsettledWeeks, UNSETTLED_WEEKS_READ } from '../../lib/delivery/unsettledWeeks.js';
import { unknownRecipientsLine } from '../unknownRecipientsLine.js';
import { failedRecipientsLine } from '../failedRecipientsLine.js';
import { readGoneTags } from '../../lib/delivery/goneTagNotes.js';
import { ledgerWeeks } from '../../lib/digest/mailedWeeks.js';
import { goneTagWarnings } from '../../lib/delivery/goneTagWarnings.js';

const HELP = `Usage: broadsheet status [options]

Prints the latest publish and digest runs, newest first, from their records in the output
(_broadsheet/runs/, kept ${RUN_RECORD_DAYS} days): when each ended, what started it, its outcome (ok, or INVALID,
REFUSED, FAILED with what went wrong and every problem), a digest's week (", test copies only" for
digest --send --to), the files it changed, its warnings (how many, and the first ${STATUS_WARNING_LINES}), what a publish found
of its output in publish's words (files written again, files no publish wrote overwritten, the clock turned back), the
latest run's id changes (--allow-id-change) as trigger --wait warns of them, a digest's
recipients left unknown (maybe delivered), and its id.
--json keeps the error's class name (error: "ContentError"), for scripts.

Options:
  --out DIR         the output folder (default: public)
${S3_FLAG_HELP.replace('write to this S3 bucket', 'read this S3 bucket')}
  --limit N         how many runs (default 10)
  --json            print the records as JSON
  --quiet           print only the lock, if a publish holds it, and the summary line
  --debug           show stack traces of unexpected errors (also DEBUG=1)
  -h, --help        show this help

A run is recorded when it ends: one queued on AWS is not listed until then (status cannot see it;
broadsheet trigger --wait RUN_ID follows one the trigger queued). A publish running now is named first; one killed outright is found by the
lock it left, and reported as UNFINISHED. A digest send is recorded as it begins: one still sending, or
killed outright, is UNFINISHED too, until a send ends. A send fanned out to the digest-sender function is
recorded as its batches are queued: for each of the ${FAILING_WEEKS_READ} newest weeks in the send ledger, and each
week of a digest run listed, whose batches have failed or stopped since (the transport down or paused, the archive refused), a FAILING line names the week,
how many failed in a row, the last error and the rerun, until a send of that week goes through (a batch,
or a whole send: the digest function's or broadsheet digest --send). An UNSETTLED line names each week
whose recipients a whole send by broadsheet digest --send, or a batch of the deployed digest's send,
left unknown and broadsheet settle has not settled since, however old the run that left them, among the
${UNSETTLED_WEEKS_READ} newest weeks in the send ledger. A FAILED
line names each of the ${FAILING_WEEKS_READ} newest weeks with recipients failed (refused by the mail server, or not
a valid address), whichever send it was (a fanned-out batch included): the week's next send tries them again. A WARNING
line names each tag subscribers chose that the site no longer has, as the newest week's fanned-out
batches found them (a send by broadsheet digest or the digest function says so in its run's warnings).
A week's UNSETTLED and FAILED counts are its last whole send's, while no send of the week has begun since; else,
for a fanned-out week, the sum of its batches' notes (one a shard); else they are counted from the week's send
ledger (README, "What status reads of a week"). An older week's unknown recipients are not named: broadsheet
settle --week WEEK settles them all the same.

Exit status: 0 when the latest run succeeded (or there is none), 2 when it did not, a publish ended
without releasing its lock, or a digest week's batches are FAILING.`;

export const statusCommand: Command = {
  name: 'status',
  summary: 'print the latest publish and digest runs, failures first-class',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const flags = parseFlags('status', argv, { out: { type: 'string' }, ...S3_FLAG_OPTIONS, limit: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' }, debug: { type: 'boolean' } });
    const limit = flags.limit === undefined ? 10 : Number(flags.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError(`status: --limit: ${JSON.stringify(flags.limit)} is not a whole number from 1 to 1000`);
    // A mistyped folder holds no record, which is no news that all went well.
    if (flags.bucket === undefined) refuseNoOutputFolder('status', flags.out, io);
    const output = outputStore(flags.out, io, { bucket: flags.bucket, prefix: flags.prefix, endpoint: flags.endpoint });
    const runs = await latestRuns(output, limit);
    // A publish killed outright (kill -9, a machine gone) writes no record, but leaves its lock.
    const lock = await lockState(output, Date.now(), thisProcess());
    // The send ledger's weeks, listed once for the three readings below.
    const weeks = await ledgerWeeks(output);
    // A fanned-out send's record is written as its batches are queued: whether they went through, only they keep.
    const failing = await readFailingWeeks(output, runs.flatMap((run) => (run.kind === 'digest' && run.week !== undefined ? [run.week] : [])), weeks);
    // Recipients left unknown stay so until settled, whether or not the run that left them is among those listed.
    const noted = await readUnsettledWeeks(output, weeks);
    const unsettled = noted.flatMap(({ week, unknown }) => (unknown > 0 ? [{ week, unknown }] : []));
    // Refused by the mail server, whichever send it was (a fanned-out week's batches write no run record).
    const failedRecipients = noted.flatMap(({ week, failed }) => (failed ? [{ week, failed }] : []));
    // What the newest week's fanned-out batches found of subscribers whose chosen tag the site no longer has.
    const gone = await readGoneTags(output, weeks);
    const status = (runs[0] && runs[0].outcome !== 'ok') || lock?.kind === 'left' || lock?.kind === 'unreadable' || failing.length > 0 ? EXIT_FAILURE : EXIT_OK;
    if (flags.json) {
      io.stdout(JSON.stringify({ output: output.description, ...(lock ? { lock } : {}), ...(failing.length > 0 ? { failedBatches: failing } : {}), ...(unsettled.length > 0 ? { unsettled } : {}), ...(failedRecipients.length > 0 ? { failedRecipients } : {}), ...(gone ? { goneTags: { week: gone.week, warningLines: goneTagWarnings(gone.goneTags).map(formatProblem) } } : {}), runs }, null, 2));
      return status;
    }
    if (lock) io.stdout(lockLine(lock, output.description));
    for (const { week, ...failed } of failing) io.stdout(failedBatchesLine(week, failed));
    for (const { week, unknown } of unsettled) io.stdout(`UNSETTLED: week ${week}: ${unknownRecipientsLine(unknown, week)}`);
    for (const { week, failed } of failedRecipients) io.stdout(failedRecipientsLine(week, failed));
    for (const problem of gone ? goneTagWarnings(gone.goneTags) : []) io.stdout(`WARNING: week ${gone!.week}'s batches: ${formatProblem(problem)}`);
    if (runs.length === 0) {
      // A queued run (the trigger's, a push's) is in no store until it ends: nothing here can tell it is pending.
      io.stdout(`no run recorded in ${output.description}; ${UNRECORDED}`);
      return status;
    }
    if (!flags.quiet) {
      for (const [index, run] of runs.entries()) {
        for (const line of runRecordLines(run)) io.stdout(line);
        // The latest run's id changes, as trigger --wait warns of them: readers see those entries again as new. An
        // older run's are history, which --json keeps.
        if (index === 0) for (const line of recordIdChangeLines(run)) io.stdout(`    ${line}`);
      }
    }
    io.stdout(statusSummary(runs, lock, output.description, failing.map(({ week }) => week)));
    return status;
  },
};

const UNRECORDED = 'a run queued or running has none until it ends (broadsheet trigger --wait RUN_ID follows one the trigger queued)';

/** The publish lock, said before the runs: a publish under way, or one that ended without releasing it. */
function lockLine(lock: LockState, where: string): string {
  if (lock.kind === 'held') return `publishing now: ${lock.owner}, since ${lock.since} (its lock in ${where}${LOCK_KEY} lasts until ${lock.staleAt} unless renewed)`;
  if (lock.kind === 'left') {
    return `UNFINISHED: a publish by ${lock.owner}, since ${lock.since}, ended without releasing its lock ${where}${LOCK_KEY}: ${lock.why}. Some of its files may be written, and its run may have no record; the next publish takes the lock over and finishes its work`;
  }
  return `UNFINISHED: ${where}${LOCK_KEY} is not a lock record; the next publish takes it over and writes what a publish from scratch would`;
}
