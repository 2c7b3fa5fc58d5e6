import type { DateTime } from 'luxon';
import { ContentError, UsageError, type Problem } from '../../lib/shared/errors.js';
import { ENTRIES_PREFIX } from '../../lib/content/contentKeys.js';
import { scanContent } from '../../lib/content/contentScan.js';
import { loadContent } from '../../lib/content/loadContent.js';
import { firstParagraphOf } from '../../lib/content/firstParagraph.js';
import { checkSubscriberFile } from '../../lib/subscribers/subscriberFile.js';
import { skippedSendTimeWarning } from '../../lib/delivery/skippedSendTimes.js';
import { guessableUnsubscribeWarning } from '../../lib/delivery/guessableUnsubscribeWarning.js';
import { Timings } from '../../lib/shared/timings.js';
import { parseFlags } from '../args.js';
import { EXIT_FAILURE, EXIT_OK, type CliIo, type Command } from '../io.js';
import { checkVerdict, type CheckFindings } from '../checkVerdict.js';
import { reportProblems, reportWarnings } from '../reportProblems.js';
import { contentStore, outputStore, outputOverlap, refuseNoContentFolder, S3_FLAG_OPTIONS } from '../stores.js';
import { createProgress, observeStore } from '../progress.js';
import { countOf } from '../../lib/shared/countOf.js';
import type { Store } from '../../lib/store/store.js';
import type { StoredManifest } from '../../lib/publish/manifest.js';
import { turnedBackWarning } from '../turnedBackWarning.js';
import { missingOutputNotice } from '../missingOutputNotice.js';
import { s3UrlParts } from '../s3UrlParts.js';

const HELP = `Usage: broadsheet check [options]

Reads site.yml and every entry and reports every problem, one per line, as
  FILE[:LINE]: field: what is wrong (what would fix it)
File names and field names show control characters escaped (\\n, \\x1b, \\u2028) and a
backslash doubled (\\\\); --json gives them as they are.
Warnings (unknown fields, files under entries/ that are not published, one url in two
entries, tags whose slugs collide, subscriber lines the digest would record failed, a digest send
time the clocks skip) are
printed too but do not fail the check. With a digest from and the file or smtp transport,
the subscriber list (digest.subscribers) is checked as a send reads it; with the subscription
handler's own unsubscribe link, a send refuses the list, and that is warned of instead.

Options:
  --content DIR   the content folder (default: content); or s3://BUCKET/PREFIX (with --endpoint URL
                  for an S3-compatible server)
  --out DIR       also compare with what this published folder holds: a problem for each entry
                  already published that would get another id (a file renamed or moved without id:),
                  and for a folder holding another site's publish, as publish refuses them; warn about each one published that a new date holds back, each
                  one added or re-dated into a week whose digest was mailed, each tag feed
                  deleted as no published entry has its tag now, each correction (updated:)
                  dated after --now, and each one published that is now invalid (which
                  --skip-invalid takes down), as publish warns; a --now before what the
                  last publish there showed is a problem, as publish refuses it (without
                  --now, a clock before it is a warning, as in publish; either even with
                  site.yml invalid); and a problem for each file there a publish would
                  refuse to write over or through (files no publish wrote at names it
                  writes; in a folder, a file where it needs a folder, or a folder where it
                  writes a file); an output over or inside the content is refused, as in publish
                  (exit 2), the content still checked and its problems listed;
                  or --bucket NAME [--prefix P] [--endpoint URL] for S3
  --allow-id-change  with --out/--bucket, a published entry's id changed is a warning, as
                  publish --allow-id-change publishes it
  --now ISO-8601  the moment that decides what counts as published: which entry names a tag, and
                  with --out/--bucket what a publish would change; the digest's send days are
                  looked at from it (default: now)
  --json          print the problems as JSON; "error" names the refusal that decides the exit
                  status (ContentError; with --out/--bucket, the one publish there would give first:
                  EarlierNowError, OtherSiteError, IdChangeError, UnclaimedFilesError, OutputBlockedError;
                  UsageError for an output over or inside the content)
  --quiet         print no summary line when the content has no problem (warnings still)
  --timings       print the time spent listing, reading and parsing
  --debug         show stack traces of unexpected errors (also DEBUG=1)
  -h, --help      show this help

Exit status: 0 clean, 1 problems found, 2 the check itself failed; with --out/--bucket,
as publish there would exit: 2 for the output's own problems (another site's publish, files
in the way, an earlier --now) where publish refuses them before or without the content's; the
subscriber list's problems, which publish does not read, only where publish would go through.`;

export const checkCommand: Command = {
  name: 'check',
  summary: 'report every problem in the content',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const flags = parseFlags('check', argv, { content: { type: 'string' }, out: { type: 'string' }, ...S3_FLAG_OPTIONS, now: { type: 'string' }, 'allow-id-change': { type: 'boolean' }, json: { type: 'boolean' }, quiet: { type: 'boolean' }, timings: { type: 'boolean' }, debug: { type: 'boolean' } });
    const timings = flags.timings ? new Timings() : undefined;
    const reading = createProgress(io, { label: 'checking', unit: 'entries', quiet: Boolean(flags.quiet), json: Boolean(flags.json), plainLines: false });
    const content = observeStore(contentStore(flags.content, io, { endpoint: flags.endpoint }), {
      onList: (count, prefix) => prefix === ENTRIES_PREFIX && reading.setTotal(count),
      onGet: (key) => key.startsWith(ENTRIES_PREFIX) && reading.tick(),
    });
    let problems: readonly Problem[];
    // The output's own (in the way of a publish, an earlier --now), which the summary line counts apart.
    let outputProblems: readonly Problem[] = [];
    // Which refusal of publish each problem stands for, so that the exit status is the one publish would give.
    const found: CheckFindings = { earlierNow: false, content: 0, otherSite: 0, refusedIds: 0, unclaimed: 0, blocked: 0, subscriberList: 0 };
    let warnings: readonly Problem[];
    let entryCount = 0;
    // An output over or inside the content, which publish refuses before reading either: refused here the same way,
    // but after the content is checked as a plain check would (no output read): one run tells the editor of both.
    const overlapping = flags.out !== undefined || flags.bucket !== undefined ? outputOverlap(flags, io) : undefined;
    const overlap = overlapping === undefined ? undefined : new UsageError(overlapping);
    const compare = overlap === undefined && (flags.out !== undefined || flags.bucket !== undefined);
    // --now, read once for whichever part needs it (loading luxon only then).
    let givenNow: Promise<DateTime> | undefined;
    const nowGiven = (value: string | undefined) => (givenNow ??= import('../now.js').then(({ parseNow }) => parseNow(value)));
    const output = compare ? outputStore(flags.out, io, { bucket: flags.bucket, prefix: flags.prefix, endpoint: flags.endpoint }) : undefined;
    refuseNoContentFolder('check', flags.content, io);
    const noOutput = compare ? missingOutputNotice(flags.out, io) : undefined;
    if (noOutput !== undefined && !flags.quiet) io.stderr(noOutput);
    // The output's manifest (its last publish's moment and List-Id), read once for whichever part needs it.
    let published: Promise<StoredManifest> | undefined;
    const manifestOf = (store: Store) => (published ??= import('../../lib/publish/manifest.js').then(({ readManifest }) => readManifest(store)));
    // The site's zone once site.yml was read: the moment a turned-back site needed is given in it, as publish gives it
    // (UTC while site.yml is unread), and an earlier --now's problem says the moment in it too.
    let siteZone: string | undefined;
    try {
      const scan = await scanContent(content, timings);
      // The entries published at --now (or the clock) name the tags, as a publish then names them.
      const nowMs = flags.now === undefined ? Date.now() : (await nowGiven(flags.now)).toMillis();
      // Compared with an output, the content is read as a publish there reads it: through that output's entry
      // index, which says which of two files sharing an id was published with it (the copy alone is refused).
      const loaded = await loadContent(scan, { ...(output ? { cacheStore: output } : { retainEntries: false }), summarize: firstParagraphOf, now: nowMs, ...(timings ? { timings } : {}) });
      problems = loaded.problems;
      siteZone = loaded.site.timezone;
      warnings = loaded.warnings;
      entryCount = loaded.keys.length;
      // The digest's subscriber list, as a send would read it (README, "The weekly digest").
      // A content bucket's is missing by design (lib/content/subscriberListStaysHome.ts): a warning.
      const subscribers = await checkSubscriberFile(content, loaded.site.digest, s3UrlParts(flags.content)?.bucket);
      problems = [...problems, ...subscribers.problems];
      found.subscriberList = subscribers.problems.length;
      warnings = [...warnings, ...subscribers.warnings];
      // A send time the clocks skip: the scheduled run never happens that week. luxon only for a given --now.
      if (loaded.site.digest.from !== undefined) {
        const skipped = skippedSendTimeWarning(loaded.site.timezone, loaded.site.digest, nowMs);
        if (skipped) warnings = [...warnings, skipped];
        // One warning a field: the URL on the site's own /unsubscribe is warned of already (lib/content/site.ts).
        const guessable = guessableUnsubscribeWarning(loaded.site);
        if (guessable && !warnings.some((warning) => warning.field === guessable.field)) warnings = [...warnings, guessable];
      }
      // Every problem is reported, so an id change is too beside an entry's problem (of the valid entries, as a
      // publish --skip-invalid would see them). Loaded only when asked: a plain check needs neither luxon nor the output.
      if (output) {
        const { outputWarnings } = await import('../outputWarnings.js');
        // What publish refuses is a problem, so that the exit status foretells publish's: another site's output, and a
        // published entry's id changed (a warning where --allow-id-change lets it through, as in publish).
        const refusedIds: Problem[] = [];
        const refusedOutput: Problem[] = [];
        warnings = [...warnings, ...(await outputWarnings(loaded, output, await nowGiven(flags.now), { manifest: await manifestOf(output), siteText: scan.siteText, refusedOutput, ...(flags['allow-id-change'] ? {} : { refusedIds }) }))];
        found.content = problems.length - found.subscriberList;
        problems = [...problems, ...refusedIds];
        // Files in the output a publish would refuse to write over or through, as publish --dry-run names them.
        const { outputInTheWay } = await import('../outputInTheWay.js');
        const inTheWay = await outputInTheWay(loaded, output, await nowGiven(flags.now), flags.out !== undefined ? '--out' : '--bucket');
        outputProblems = [...refusedOutput, ...inTheWay.unclaimed, ...inTheWay.blocked];
        Object.assign(found, { otherSite: refusedOutput.length, refusedIds: refusedIds.length, unclaimed: inTheWay.unclaimed.length, blocked: inTheWay.blocked.length });
      }
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      problems = error.problems;
      warnings = error.warnings;
    }
    // The moment the last publish's output needs against --now, which publish refuses, or against the clock, which
    // publish lets turn the site back with a warning (README, "Embargo"): whatever site.yml holds, as it needs none.
    let turnedBackFrom: DateTime | undefined;
    if (output) {
      const [{ settled }, { earlierNowProblem, refuseEarlierNow }, now] = await Promise.all([manifestOf(output), import('../../lib/publish/refuseEarlierNow.js'), nowGiven(flags.now)]);
      const earlierNow = flags.now === undefined ? undefined : earlierNowProblem(settled, now, output.description, siteZone);
      if (earlierNow) outputProblems = [...outputProblems, earlierNow];
      found.earlierNow = earlierNow !== undefined;
      if (flags.now === undefined) turnedBackFrom = refuseEarlierNow(settled, now, true)?.setZone(siteZone ?? 'utc');
    }
    reading.done();
    if (!output) found.content = problems.length;
    // Read through the output's index, the content may have failed before it was compared (a ContentError).
    else if (found.content + found.otherSite + found.refusedIds + found.unclaimed + found.blocked === 0) found.content = problems.length - found.subscriberList;
    const { status, error } = checkVerdict(found);
    const summary = problemsCounted(problems.length, content.description, outputProblems.length, output?.description);
    problems = [...problems, ...outputProblems];
    if (flags.json) {
      // An output refused is the refusal, as main would print it, with the content's problems beside it.
      if (overlap) {
        io.stdout(JSON.stringify({ ok: false, command: 'check', error: overlap.name, message: overlap.message, entries: entryCount, problems, warnings }, null, 2));
        return EXIT_FAILURE;
      }
      // A refusal, with the fields every command's refusal has (README, Commands): the class publish would refuse with.
      const refusal = error !== undefined ? { command: 'check', error, message: summary } : {};
      io.stdout(JSON.stringify({ ok: problems.length === 0, ...refusal, entries: entryCount, problems, warnings, ...(turnedBackFrom ? { turnedBackFrom: turnedBackFrom.toUTC().toISO({ suppressMilliseconds: true }) } : {}), ...(timings ? { timings: timings.toJSON() } : {}) }, null, 2));
      return status;
    }
    reportWarnings(warnings, io);
    // In publish's words (a dry run's), as publish prints it beside the content's warnings.
    if (turnedBackFrom) io.stderr(turnedBackWarning(turnedBackFrom, true));
    const warningCount = warnings.length + (turnedBackFrom ? 1 : 0);
    if (timings) io.stdout(`timings (ms): ${Object.entries(timings.toJSON()).map(([phase, ms]) => `${phase} ${ms}`).join(', ')}`);
    if (problems.length > 0) {
      reportProblems(problems, io);
      io.stderr(`${summary}${warningsCounted(warningCount)}`);
      if (overlap) throw overlap;
      return status;
    }
    // Said after the content's report, as its last line: main prints it and exits 2.
    if (overlap) {
      io.stderr(`${countOf(entryCount, 'entry', 'entries')} checked in ${content.description}: no problems${warningsCounted(warningCount)}`);
      throw overlap;
    }
    if (!flags.quiet) io.stdout(`${countOf(entryCount, 'entry', 'entries')} checked in ${content.description}: no problems${warningsCounted(warningCount)}`);
    return EXIT_OK;
  },
};

/** Where the problems are: the content, the output or both (`2 problems in content/ and 1 in public/`). */
function problemsCounted(inContent: number, contentName: string, inOutput: number, outputName: string | undefined): string {
  if (inOutput === 0 || outputName === undefined) return `${countOf(inContent, 'problem', 'problems')} in ${contentName}`;
  if (inContent === 0) return `${countOf(inOutput, 'problem', 'problems')} in ${outputName}`;
  return `${countOf(inContent, 'problem', 'problems')} in ${contentName} and ${inOutput} in ${outputName}`;
}

/** The summary line's count of the warnings printed above it, clean content or not (README, Commands: `check`). */
function warningsCounted(count: number): string {
  return count > 0 ? `, ${countOf(count, 'warning', 'warnings')}` : '';
}
