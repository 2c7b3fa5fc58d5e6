import { isRunId, type RunRecord } from '../../lib/publish/runRecord.js';
import type { ListedFeedImpact } from '../../lib/publish/listedImpact.js';
import type { OutputNotices } from '../../lib/publish/outputNotices.js';
import type { RequestCounts } from '../../lib/store/store.js';
import { UsageError } from '../../lib/shared/errors.js';
import { parseFlags } from '../args.js';
import { EXIT_CONTENT, EXIT_FAILURE, EXIT_OK, type CliIo, type Command } from '../io.js';
import { readerReportLines } from '../readerReport.js';
import { idChangeLines, recordIdChangeLines } from '../idChangeLines.js';
import type { IdChange } from '../../lib/plan/idChanges.js';
import { formatChangeKey, formatRequests } from '../format.js';
import { callTrigger, triggerUrl, type TriggerAnswer, type TriggerEndpoint } from '../triggerClient.js';
import { askTrigger, unanswered, type TriggerRequest } from '../askTrigger.js';
import { triggerRecordLines } from '../triggerRecordLines.js';
import { outputNoticeLines } from '../outputNoticeLines.js';
import { triggerRefusalMessage } from '../triggerRefusalMessage.js';
import { triggerToken } from '../triggerToken.js';
import { followCommand, REQUEST_LIMIT_MS, waitForRun } from '../waitForRun.js';
import { listedWarningLines } from '../reportProblems.js';
import { countOf } from '../../lib/shared/countOf.js';
import { heldBackLines } from '../heldBackLines.js';
import type { HeldBack } from '../../lib/plan/heldBack.js';

const HELP = `Usage: broadsheet trigger [options]

Asks the deployed trigger to publish (or archive and send a digest), waits for the run to end,
and prints its outcome as publish does: the files changed, the problems, what the run found of the
site bucket (files someone else changed, a damaged manifest, a clock turned back), a summary.
A site bucket holding files no publish wrote is refused: its first publish is the CLI's
(broadsheet publish --replace-unclaimed, the refusal gives the whole command).

The trigger's URL and token come from the environment:
  BROADSHEET_TRIGGER_URL    the trigger's Function URL (osls info)
  BROADSHEET_TRIGGER_TOKEN  its bearer token (as stored in SSM)

Options:
  --dry-run          report what would change, and what each feed's readers would see; write nothing
  --allow-id-change  publish even when an entry already published would get another id
  --digest WEEK      archive the digest of WEEK (YYYY-Www) instead of publishing
  --send             with --digest: also email it to the subscribers (once each)
  --no-wait          print the run's id and return at once
  --wait RUN_ID      wait for a run already asked for (the id trigger printed) and print its outcome
  --timeout S        how long to wait for the run to end, each request included (default 600); a dry
                     run or a digest is answered within the trigger's 120 s, so this bounds it below 130 s
  --interval S       how often to ask whether it has (default 3)
  --url URL          instead of BROADSHEET_TRIGGER_URL
  --token-file FILE  read the token from FILE instead of BROADSHEET_TRIGGER_TOKEN
  --json             print the outcome (or the run record) as JSON; a refusal as publish --json's:
                     {ok: false, command, error: <class name>, message, status: <HTTP status>, …};
                     its problems are objects as publish --json's ({file, line, field, message, fix};
                     from a function deployed before this version, the lines check prints); so are
                     a dry run's skipped entries and warnings, a digest's problems, and a run
                     record's problems (an ok publish's: the entries it skipped) and warnings (a
                     record written by an older function: its lines)
  --quiet            print only the summary line (with --no-wait, only the run's id)
  --debug            show stack traces of unexpected errors (also DEBUG=1)
  -h, --help         show this help

Ctrl-C while waiting stops the waiting, not the run (exit 130); --wait RUN_ID follows it again. Ctrl-C
before the trigger answered the request (exit 130) leaves it unknown whether a run was asked for:
broadsheet status lists the run once it ends, and asking again is safe.

Exit status as publish's: 0 done, 1 invalid content (or a refused id change), 2 any other failure
(the run failed or the site bucket refused it, the trigger refused the token, or the run had not ended
within --timeout).`;

/** What the publish function answers a dry run with (functions/publishEvents.ts), as far as this prints it. */
interface DryRunOutcome extends OutputNotices {
  counts: Record<string, number>;
  entries: { total: number; published: number; skipped: number };
  tags: number;
  changed: { key: string; status: string }[];
  changedTotal: number;
  requests: { content: RequestCounts; output: RequestCounts };
  readers?: ListedFeedImpact[];
  /** Absent from a function deployed before it capped `readers`. */
  readersTotal?: number;
  idChanges?: IdChange[];
  idChangesTotal?: number;
  /** Absent from a function deployed before it named them. */
  heldBack?: HeldBack[];
  heldBackTotal?: number;
  /** Absent when there are none, and from a function deployed before it listed them. */
  warningLines?: string[];
  warningLinesTotal?: number;
  seconds: number;
}

export const triggerCommand: Command = {
  name: 'trigger',
  summary: 'publish through the deployed trigger, wait for the run and print its outcome',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const flags = parseFlags('trigger', argv, {
      'dry-run': { type: 'boolean' },
      'allow-id-change': { type: 'boolean' },
      digest: { type: 'string' },
      send: { type: 'boolean' },
      'no-wait': { type: 'boolean' },
      wait: { type: 'string' },
      timeout: { type: 'string' },
      interval: { type: 'string' },
      url: { type: 'string' },
      'token-file': { type: 'string' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      debug: { type: 'boolean' },
    });
    if (flags.send && flags.digest === undefined) throw new UsageError('trigger: --send needs --digest WEEK');
    if (flags.digest !== undefined && (flags['dry-run'] || flags['allow-id-change'])) throw new UsageError('trigger: --digest takes neither --dry-run nor --allow-id-change');
    if (flags.wait !== undefined) {
      if (!isRunId(flags.wait)) throw new UsageError(`trigger: --wait: ${JSON.stringify(flags.wait.slice(0, 100))} is not a run id (the id trigger printed: waiting for run ID)`);
      if (flags['dry-run'] || flags['allow-id-change'] || flags.digest !== undefined || flags['no-wait']) throw new UsageError('trigger: --wait RUN_ID asks for nothing new: it takes none of --dry-run, --allow-id-change, --digest, --no-wait');
    }
    const timeoutS = seconds(flags.timeout, 600, '--timeout');
    const intervalS = seconds(flags.interval, 3, '--interval');
    const url = flags.url ?? io.env.BROADSHEET_TRIGGER_URL;
    if (!url) throw new UsageError('trigger: no trigger URL: set BROADSHEET_TRIGGER_URL to the trigger\'s Function URL (osls info), or pass --url');
    triggerUrl(url);
    const { token, source } = await triggerToken(flags['token-file'], io.env, io.cwd);
    // --timeout bounds a POST too: a dry run or a digest archive is answered only once it is done.
    const endpoint: TriggerEndpoint = { url, token, timeoutMs: Math.min(REQUEST_LIMIT_MS, timeoutS * 1000) };
    const say = (line: string) => {
      if (!flags.quiet && !flags.json) io.stderr(line);
    };

    if (flags.wait !== undefined) return follow(flags.wait, { endpoint, source, timeoutS, intervalS, json: Boolean(flags.json), quiet: Boolean(flags.quiet), say, io });
    const request: TriggerRequest =
      flags.digest !== undefined
        ? { path: '/digest', body: { week: flags.digest, send: Boolean(flags.send) } }
        : { path: '/publish', body: { ...(flags['dry-run'] ? { dryRun: true as const } : {}), ...(flags['allow-id-change'] ? { allowIdChange: true as const } : {}) } };
    const answer = await stoppable((stop) => askTrigger(endpoint, request, stop));
    const refused = refusal(answer, io, source, Boolean(flags.json), request);
    if (refused !== undefined) return refused;

    if (answer.status === 200) {
      if (flags.json) {
        io.stdout(JSON.stringify(withObjects(answer.body), null, 2));
        return EXIT_OK;
      }
      if (flags.digest !== undefined) {
        const body = answer.body as { week: string; entries: number; archive: Record<string, number>; notSent?: string };
        io.stdout(`Archived the ${body.week} digest (${countOf(body.entries, 'entry', 'entries')}): ${body.archive.new} new, ${body.archive.changed} changed, ${body.archive.deleted} deleted files in all`);
        // A send's check of an empty week without sendEmpty: why no send follows.
        if (typeof body.notSent === 'string') io.stdout(body.notSent);
        return EXIT_OK;
      }
      printDryRun(answer.body as unknown as DryRunOutcome, Boolean(flags.quiet), io);
      return EXIT_OK;
    }

    // 202: queued; the run's record says how it ended.
    const runId = String(answer.body.runId ?? answer.body.invocationId ?? '');
    if (flags['no-wait']) {
      if (flags.json) io.stdout(JSON.stringify({ status: 'accepted', runId }, null, 2));
      // --quiet: the id alone, for a script to keep (`RUN=$(broadsheet trigger --no-wait --quiet)`).
      else if (flags.quiet) io.stdout(runId);
      else io.stdout(`Queued run ${runId}; ${followCommand(runId)} waits for it and prints its outcome`);
      return EXIT_OK;
    }
    return follow(runId, { endpoint, source, timeoutS, intervalS, json: Boolean(flags.json), quiet: Boolean(flags.quiet), say, io, queued: true });
  },
};

/** Waits for the run's record and prints it; Ctrl-C or SIGTERM stops the waiting alone, saying so. */
async function follow(runId: string, options: { endpoint: TriggerEndpoint; source: string; timeoutS: number; intervalS: number; json: boolean; quiet: boolean; say: (line: string) => void; io: CliIo; queued?: boolean }): Promise<number> {
  const { endpoint, io } = options;
  return stoppable(async (stop) => {
    const waited = await waitForRun({
      runId,
      poll: (timeoutMs, signal) => callTrigger({ ...endpoint, timeoutMs }, 'GET', `/runs/${encodeURIComponent(runId)}`, undefined, signal),
      timeoutS: options.timeoutS,
      intervalS: options.intervalS,
      say: options.say,
      stop,
      ...(options.queued ? { queued: true } : {}),
    });
    if (waited.kind === 'refused') return refusal(waited.answer, io, options.source, options.json) ?? EXIT_FAILURE;
    if (waited.kind === 'notEnded') {
      io.stderr(`broadsheet trigger: ${waited.message}`);
      return EXIT_FAILURE;
    }
    const { record } = waited;
    // The record's problems and warnings as objects, as a refusal's; a record an older function wrote has the lines alone.
    if (options.json) io.stdout(JSON.stringify(withObjects(record as unknown as Record<string, unknown>), null, 2));
    else printRecord(record, options.quiet, io);
    // As publish's: 1 for invalid content or a refused id change; a refused output (files no publish wrote) is 2.
    return record.outcome === 'ok' ? EXIT_OK : record.outcome === 'invalid' || record.error === 'IdChangeError' ? EXIT_CONTENT : EXIT_FAILURE;
  });
}

/** Runs `work` with Ctrl-C and SIGTERM aborting its signal, the signal's name as the reason, instead of ending the process unheard. */
async function stoppable<T>(work: (stop: AbortSignal) => Promise<T>): Promise<T> {
  const stop = new AbortController();
  const listeners = (['SIGINT', 'SIGTERM'] as const).map((signal) => [signal, () => stop.abort(signal)] as const);
  for (const [signal, listener] of listeners) process.once(signal, listener);
  try {
    return await work(stop.signal);
  } finally {
    for (const [signal, listener] of listeners) process.off(signal, listener);
  }
}

function seconds(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0 || parsed > 3600) throw new UsageError(`trigger: ${flag}: ${JSON.stringify(value)} is not a number of seconds from 0 to 3600`);
  return parsed;
}

/** A refusal as publish would print it: the problems (exit 1), or what went wrong (exit 2); undefined for 200 and 202. */
function refusal(answer: TriggerAnswer, io: CliIo, tokenSource: string, json: boolean, request?: TriggerRequest): number | undefined {
  if (answer.status === 200 || answer.status === 202) return undefined;
  // A refused dry run's warnings first, as an answered one's.
  const warnings = Array.isArray(answer.body.warningLines) ? (answer.body.warningLines as string[]) : [];
  for (const line of listedWarningLines(warnings, typeof answer.body.warningLinesTotal === 'number' ? answer.body.warningLinesTotal : warnings.length)) io.stderr(line);
  const problems = Array.isArray(answer.body.problems) ? (answer.body.problems as string[]) : [];
  for (const problem of problems) io.stderr(problem);
  // The trigger lists the first problems only (MAX_LISTED), with their total.
  const total = typeof answer.body.problemsTotal === 'number' ? answer.body.problemsTotal : problems.length;
  if (total > problems.length) io.stderr(`... and ${total - problems.length} more problems`);
  const error = String(answer.body.error ?? `HTTP ${answer.status}`);
  let said: string;
  // A digest's refusal is its outcome as it is, the class under error: say what publish and digest say instead.
  if (answer.status === 422 && answer.body.ok === false) said = `${countOf(total, 'problem', 'problems')} in the content; nothing was archived or sent`;
  else if (answer.status === 422) said = error;
  else {
    // The trigger's 429s name the run in progress and say when to ask again; Lambda's own (its concurrency, reached by
    // any requests) says neither.
    const hint = answer.status === 401 ? ` (check ${tokenSource})` : answer.status === 429 && !error.includes('try again') ? ' (the trigger is busy; try again in a minute)' : '';
    // A digest's refusal (a week not ended, a setting out of step with the stack) says what to fix in its message.
    const message = typeof answer.body.message === 'string' ? `: ${triggerRefusalMessage(answer.body.message, request)}` : '';
    // A request the trigger failed on (5xx) may have been failed before or after it asked for the run: as one with no answer.
    const unsure = request !== undefined && answer.status >= 500 ? `; ${unanswered(request)}` : '';
    said = `the trigger answered ${answer.status}: ${error}${message}${hint}${unsure}`;
  }
  io.stderr(`broadsheet trigger: ${said}`);
  // A script reads stdout alone: the refusal in publish --json's shape, the class name as error and what stderr said as
  // message, with the HTTP status and the answer's other fields (problems, warningLines).
  if (json) {
    const { ok: _ok, error: _error, kind, message: _message, ...rest } = answer.body;
    io.stdout(JSON.stringify({ ok: false, command: 'trigger', error: refusalClass(answer, kind), message: said, status: answer.status, ...withObjects(rest) }, null, 2));
  }
  return answer.status === 422 ? EXIT_CONTENT : EXIT_FAILURE;
}

/**
 * An answer's problems, skipped entries and warnings as publish --json gives them, objects, where the function answers
 * them so (`problemDetails`, `skippedDetails`, `warningDetails`: the first of each; `problemsTotal`, `skippedTotal` and
 * `warningsTotal` count them all); the lines stay beside as `warningLines`. A function deployed before those answers
 * the lines alone, given as they are. A run record keeps its objects under the same names.
 */
function withObjects(body: Record<string, unknown>): Record<string, unknown> {
  const { problemDetails, skippedDetails, warningDetails, ...rest } = body;
  return {
    ...rest,
    ...(Array.isArray(problemDetails) ? { problems: problemDetails } : {}),
    ...(Array.isArray(skippedDetails) ? { skipped: skippedDetails } : {}),
    // A dry run's `warnings` is their number: kept as warningsTotal beside the objects.
    ...(Array.isArray(warningDetails) ? { warnings: warningDetails, ...(typeof rest.warnings === 'number' ? { warningsTotal: rest.warnings } : {}) } : {}),
  };
}

/**
 * The class name of a refusal, as publish --json gives its own: the publish route's `kind`, the `error` of a digest's
 * outcome (`ok: false`, which the digest route answers as it is); else a request refused (4xx) is a UsageError and a trigger that failed (5xx),
 * as an unexpected error is, `Error`.
 */
function refusalClass(answer: TriggerAnswer, kind: unknown): string {
  if (typeof kind === 'string') return kind;
  if (answer.body.ok === false && typeof answer.body.error === 'string') return answer.body.error;
  return answer.status < 500 ? 'UsageError' : 'Error';
}

function printDryRun(outcome: DryRunOutcome, quiet: boolean, io: CliIo): void {
  for (const line of listedWarningLines(outcome.warningLines ?? [], outcome.warningLinesTotal)) io.stderr(line);
  // What the function found of the site bucket, as publish --dry-run says it (absent from a function deployed before).
  for (const line of outputNoticeLines(outcome, true, 'the site bucket')) io.stderr(line);
  // As publish --dry-run --allow-id-change warns of them (absent from a function deployed before it counted them: all listed).
  for (const line of idChangeLines(outcome.idChanges ?? [], outcome.idChangesTotal)) io.stderr(line);
  if (!quiet) {
    for (const change of outcome.changed) io.stdout(formatChangeKey(change));
    if (outcome.changedTotal > outcome.changed.length) io.stdout(`... and ${outcome.changedTotal - outcome.changed.length} more`);
    if (outcome.readers) for (const line of readerReportLines(outcome.readers, outcome.readersTotal)) io.stdout(line);
    io.stdout(`requests: content ${formatRequests(outcome.requests.content)}; output ${formatRequests(outcome.requests.output)}`);
    for (const line of heldBackLines(outcome.heldBack ?? [], outcome.heldBackTotal)) io.stdout(line);
  }
  const c = outcome.counts;
  io.stdout(
    `Dry run, nothing written: would publish ${countOf(c.new! + c.changed! + c.unchanged!, 'file', 'files')}: ${c.new} new, ${c.changed} changed, ${c.unchanged} unchanged, ${c.deleted} deleted; ` +
      `${outcome.entries.published} of ${outcome.entries.total} entries${outcome.entries.skipped ? ` (${outcome.entries.skipped} skipped)` : ''}, ${countOf(outcome.tags, 'tag', 'tags')}; in ${outcome.seconds.toFixed(2)} s`,
  );
}

function printRecord(record: RunRecord, quiet: boolean, io: CliIo): void {
  const { stdout, stderr } = triggerRecordLines(record, quiet);
  for (const line of stderr) io.stderr(line);
  // As publish --allow-id-change warns of them, whatever --quiet says.
  for (const line of recordIdChangeLines(record)) io.stderr(line);
  for (const line of stdout) io.stdout(line);
}
