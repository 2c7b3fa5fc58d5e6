import { publish } from '../../lib/publish/publish.js';
import { ENTRIES_PREFIX } from '../../lib/content/contentKeys.js';
import { STATE_DIR } from '../../lib/shared/outputLayout.js';
import { Timings } from '../../lib/shared/timings.js';
import { parseFlags } from '../args.js';
import { parseNow } from '../now.js';
import { earlierNowInSiteZone } from '../earlierNowInSiteZone.js';
import { formatChange, formatRequests } from '../format.js';
import { UsageError } from '../../lib/shared/errors.js';
import type { Change } from '../../lib/publish/manifest.js';
import { readerReportLines } from '../readerReport.js';
import { idChangeLines } from '../idChangeLines.js';
import { heldBackLines } from '../heldBackLines.js';
import { outputNoticeLines } from '../outputNoticeLines.js';
import { outputNotices } from '../../lib/publish/outputNotices.js';
import { cliRunStart, recordRun } from '../recordRun.js';
import { cliPublishLock } from '../publishLock.js';
import { failedRunRecord, pingedRunRecord, publishedRunRecord } from '../../lib/publish/publishRunRecord.js';
import type { RunRecord } from '../../lib/publish/runRecord.js';
import { EXIT_OK, type CliIo, type Command } from '../io.js';
import { reportProblems, reportWarnings } from '../reportProblems.js';
import { contentStore, outputStore, refuseNoContentFolder, refuseOverlappingOutput, S3_FLAG_HELP, S3_FLAG_OPTIONS } from '../stores.js';
import { createProgress, observeStore } from '../progress.js';
import { Interrupt } from '../interrupt.js';
import { partlyPublished } from '../partlyPublished.js';
import { countOf } from '../../lib/shared/countOf.js';
import { pingLines } from '../pingLines.js';
import { pingWithInterrupt } from '../pingWithInterrupt.js';

const HELP = `Usage: broadsheet publish [options]

Builds the feeds from the content and writes the files that changed.

Options:
  --content DIR     the content folder with site.yml and entries/ (default: content);
                    or s3://BUCKET/PREFIX to read it from S3
  --out DIR         the output folder (default: public)
${S3_FLAG_HELP}
  --cache-control V the Cache-Control header of published files on S3 (default: public, max-age=300)
  --now ISO-8601    publish as of this moment, a time with its offset (…+09:00, …Z); entries
                    dated later stay embargoed (default: now)
  --dry-run         report what would change, and what each feed's readers would see
                    (items new, updated, removed), and write nothing
  --allow-id-change publish even when an entry already published would get another id
                    (default: refused, naming the file and the id: line that keeps the old id)
  --allow-earlier-now
                    publish as of a --now before the last publish's newest entry or digest
                    week, taking down what came due since (default: refused, nothing written)
  --skip-invalid    publish the valid entries and list the invalid ones as skipped
                    (default: any invalid entry refuses the whole publish)
  --replace-unclaimed
                    in an output no publish wrote to, overwrite the files (another tool's
                    site, say) at names this publish writes, listing each one; files at
                    other names are let be (default: refused, naming them, nothing written)
  --timings         print the time spent listing, reading, parsing, rendering and writing
  --json            print a machine-readable summary instead of lines
  --quiet           print only the summary line
  --verbose         with --dry-run, list the unchanged files too (default: what would change, and
                    one line counting the unchanged)
  --debug           show stack traces of unexpected errors (also DEBUG=1)
  -h, --help        show this help

Each line gives a file's status (new, changed, unchanged, deleted), its size and its path (a dry run
counts the unchanged files in one line, unless --verbose);
then the requests made of the content and the output (requests: content 2 LIST, 14 GET, ...; output ...);
then each entry dated after --now (held back until its date: FILE (DATE), soonest first);
then a line that sums up; then, with a WebSub hub (site.yml websub:), how its pings went. Exit status: 0 published
(a Ctrl-C or SIGTERM while the hub is pinged stops only the pings), 1 invalid content or a published id refused
(nothing written), 2 other failure (an output refused, a --now refused, a store failing), 130 stopped by Ctrl-C (143 by SIGTERM: the files being written finish whole, no other is started, the run
is recorded failed).`;

export const publishCommand: Command = {
  name: 'publish',
  summary: 'build the feeds from the content and write what changed',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const flags = parseFlags('publish', argv, {
      content: { type: 'string' },
      out: { type: 'string' },
      ...S3_FLAG_OPTIONS,
      'cache-control': { type: 'string' },
      now: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'skip-invalid': { type: 'boolean' },
      'allow-id-change': { type: 'boolean' },
      'allow-earlier-now': { type: 'boolean' },
      'replace-unclaimed': { type: 'boolean' },
      timings: { type: 'boolean' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      verbose: { type: 'boolean' },
      debug: { type: 'boolean' },
    });
    if (flags.verbose && !flags['dry-run']) throw new UsageError('publish: --verbose only applies with --dry-run (a publish lists every file)');
    const now = parseNow(flags.now);
    refuseOverlappingOutput(flags, io);
    // On a terminal: a bar while entries are read, then one while files are written.
    const quietness = { quiet: Boolean(flags.quiet), json: Boolean(flags.json), plainLines: false };
    const dryRun = Boolean(flags['dry-run']);
    const reading = createProgress(io, { label: 'reading', unit: 'entries', ...quietness });
    const writing = createProgress(io, { label: 'writing', unit: 'files', ...quietness });
    let planned = 0;
    // Whether a file of the site was written or deleted: a failure after that left part of this publish.
    let wroteSite = false;
    // Ctrl-C stops the reads and the writes, and the run still ends as a failed run with its lock released.
    const interrupt = dryRun ? undefined : new Interrupt(io, 'publish');
    const content = observeStore(contentStore(flags.content, io, { endpoint: flags.endpoint }), {
      onList: (count, prefix) => prefix === ENTRIES_PREFIX && reading.setTotal(count),
      onGet: (key) => key.startsWith(ENTRIES_PREFIX) && reading.tick(),
      ...(interrupt ? { beforeRead: () => interrupt.beforeRead() } : {}),
    });
    const output = observeStore(outputStore(flags.out, io, { bucket: flags.bucket, prefix: flags.prefix, endpoint: flags.endpoint }), {
      ...(interrupt ? { beforeWrite: (key: string) => interrupt.beforeWrite(key) } : {}),
      onWrite: (key) => {
        if (key.startsWith(STATE_DIR)) return;
        wroteSite = true;
        reading.done();
        writing.tick();
      },
    });
    refuseNoContentFolder('publish', flags.content, io);
    const timings = flags.timings ? new Timings() : undefined;
    const started = performance.now();
    const runStart = cliRunStart('publish');
    const requests = () => ({ content: { ...content.requests }, output: { ...output.requests } });
    // Recorded while the lock is held, when the publish took it (PublishOptions.beforeUnlock); else once it ends.
    let recorded: RunRecord | undefined;
    const record = (run: RunRecord) => ((recorded = run), recordRun(output, run, io));
    const result = await publish({
      content,
      output,
      now,
      // The wall clock, which stamps a local content folder's mtimes; a file saved within the margin before it is read again next time.
      readAt: Date.now(),
      dryRun,
      skipInvalid: Boolean(flags['skip-invalid']),
      allowIdChange: Boolean(flags['allow-id-change']),
      // The clock is the truth: only a typed --now can be a slip back in time.
      allowEarlierNow: flags.now === undefined || Boolean(flags['allow-earlier-now']),
      replaceUnclaimed: Boolean(flags['replace-unclaimed']),
      ...(flags['cache-control'] ? { cacheControl: flags['cache-control'] } : {}),
      ...(timings ? { timings } : {}),
      lock: cliPublishLock('publish', io),
      // Pinged below, after the run record.
      websub: 'later',
      onChange: (change) => {
        if (change.status !== 'unchanged') writing.setTotal(++planned);
      },
      // A stopped publish's checkpoint is written past a Ctrl-C, as its record is.
      ...(interrupt ? { beforeCheckpoint: () => interrupt.checkpoint() } : {}),
      beforeUnlock: (ended) => record('error' in ended ? failedRunRecord(runStart(), partlyPublished(ended.error, wroteSite), requests()) : publishedRunRecord(runStart(), ended.written)),
    })
      .catch(async (caught: unknown) => {
        const error = partlyPublished(await earlierNowInSiteZone(caught, now, content), wroteSite);
        // A dry run writes nothing, not even its record.
        if (!dryRun && !recorded) await record(failedRunRecord(runStart(), error, requests()));
        throw error;
      })
      .finally(() => {
        interrupt?.dispose();
        reading.done();
        writing.done();
      });
    if (!dryRun && !recorded) await record(publishedRunRecord(runStart(), result));
    const seconds = (performance.now() - started) / 1000;
    // After the files and the record, within PING_BUDGET_MS, reported after the publish: a hub that hangs delays only
    // its own lines, and a Ctrl-C then stops the pings alone.
    const ping = async () => {
      const pings = await pingWithInterrupt(result.toPing, io, 'publish', interrupt?.taken, output, cliPublishLock('publish', io));
      if (pings.length > 0 && recorded) await recordRun(output, pingedRunRecord(recorded, pings, runStart().endedAt), io);
      const pinged = pingLines(pings);
      for (const line of pinged.warnings) io.stderr(line);
      return { pings, told: pinged.told };
    };

    reportWarnings(result.warnings, io);
    // The moment a turned-back site needed: in the zone --now was typed in, as its refusal gives it beside that --now; else the site's.
    for (const line of outputNoticeLines(outputNotices(result), result.dryRun, output.description, flags.now !== undefined ? now.zone : result.turnedBackFrom?.zone)) io.stderr(line);
    if (result.skipped.length > 0) {
      io.stderr(`skipped ${countOf(result.entries.skipped, 'invalid entry', 'invalid entries')}:`);
      reportProblems(result.skipped, io);
    }
    const { counts } = result;
    const summary =
      `${result.dryRun ? 'Dry run, nothing written: would publish' : 'Published'} ${countOf(result.changes.length - counts.deleted, 'file', 'files')} to ${output.description}: ` +
      `${counts.new} new, ${counts.changed} changed, ${counts.unchanged} unchanged, ${counts.deleted} deleted; ` +
      `${result.entries.published} of ${result.entries.total} entries${result.entries.skipped ? ` (${result.entries.skipped} skipped)` : ''}, ` +
      `${countOf(result.tags, 'tag', 'tags')}; in ${seconds.toFixed(2)} s`;
    if (flags.json) {
      const { pings } = await ping();
      io.stdout(JSON.stringify({
        dryRun: result.dryRun,
        output: output.description,
        counts,
        entries: result.entries,
        tags: result.tags,
        changes: result.changes,
        skipped: result.skipped,
        requests: result.requests,
        pings,
        repaired: result.repaired,
        replaced: result.replaced,
        ...(result.manifestDamaged !== undefined ? { manifestDamaged: result.manifestDamaged } : {}),
        idChanges: result.idChanges,
        heldBack: result.heldBack,
        // The content's warnings the lines above give on stderr, as check --json and a refusal's JSON give them.
        warnings: result.warnings,
        ...(result.turnedBackFrom ? { turnedBackFrom: result.turnedBackFrom.toUTC().toISO({ suppressMilliseconds: true }) } : {}),
        ...(result.readers ? { readers: result.readers } : {}),
        seconds,
        ...(timings ? { timings: timings.toJSON() } : {}),
      }, null, 2));
      return EXIT_OK;
    }
    if (!flags.quiet) for (const line of changeLines(result.changes, result.dryRun && !flags.verbose)) io.stdout(line);
    if (result.readers) for (const line of readerReportLines(result.readers)) io.stdout(line);
    for (const line of idChangeLines(result.idChanges)) io.stderr(line);
    if (timings) io.stdout(`timings (ms): ${Object.entries(timings.toJSON()).map(([phase, ms]) => `${phase} ${ms}`).join(', ')}`);
    if (!flags.quiet) io.stdout(`requests: content ${formatRequests(result.requests.content)}; output ${formatRequests(result.requests.output)}`);
    if (!flags.quiet) for (const line of heldBackLines(result.heldBack)) io.stdout(line);
    io.stdout(summary);
    const { told } = await ping();
    if (told && !flags.quiet) io.stdout(told);
    return EXIT_OK;
  },
};

/**
 * A line per file; a dry run's unchanged files (most of the site, on an ordinary edit) counted in one line instead,
 * as an editor reads it for what would change (`--json` lists every one).
 */
function changeLines(changes: readonly Change[], countUnchanged: boolean): string[] {
  if (!countUnchanged) return changes.map(formatChange);
  const unchanged = changes.filter((change) => change.status === 'unchanged').length;
  const lines = changes.filter((change) => change.status !== 'unchanged').map(formatChange);
  if (unchanged > 0) lines.push(`... and ${countOf(unchanged, 'unchanged file', 'unchanged files')}, not listed (--verbose lists them)`);
  return lines;
}
