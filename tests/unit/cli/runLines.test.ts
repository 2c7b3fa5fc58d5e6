import { describe, expect, it } from 'vitest';
import { runRecordLines } from '../../../cli/runLines.js';
import { RUN_RECORD_WARNING_LIMIT, type RunRecord } from '../../../lib/publish/runRecord.js';

const base: RunRecord = { id: 'run-1', kind: 'digest', trigger: 'schedule', startedAt: '2014-05-12T00:00:00.000Z', endedAt: '2014-05-12T00:00:02.000Z', outcome: 'ok', counts: {}, changed: [], changedTotal: 0, problems: [], problemsTotal: 0 };
const counts = { new: 2, changed: 1, deleted: 0, sent: 3, skipped: 0, failed: 0, unknown: 0 };

describe("status's line for a run", () => {
  it("gives the time a function recorded in its zone's offset in UTC, as the CLI records it: one column width", () => {
    // Lambda's luxon writes the same instant as 2014-05-12T00:00:02.000Z with an offset of +00:00, or another zone's.
    for (const endedAt of ['2014-05-12T00:00:02.000+00:00', '2014-05-12T09:00:02.000+09:00']) {
      expect(runRecordLines({ ...base, kind: 'publish', endedAt, counts: { new: 1, changed: 0, deleted: 0 } })).toEqual(['2014-05-12T00:00:02.000Z  publish  schedule  ok        1 new, 0 changed, 0 deleted  (run run-1)']);
    }
  });
});

describe("status's line for a digest run", () => {
  it('names the week before the counts, and on a refusal with none; a record written before the week was kept reads as before', () => {
    expect(runRecordLines({ ...base, week: '2014-W19', counts })).toEqual(['2014-05-12T00:00:02.000Z  digest   schedule  ok        week 2014-W19: 2 new, 1 changed, 0 deleted, 3 sent, 0 skipped, 0 failed, 0 unknown  (run run-1)']);
    expect(runRecordLines({ ...base, week: '2014-W21', outcome: 'refused', error: 'UsageError', message: '--week: 2014-W21 has not ended' })).toEqual([
      '2014-05-12T00:00:02.000Z  digest   schedule  REFUSED   week 2014-W21  (run run-1)',
      '    the request was refused: --week: 2014-W21 has not ended',
    ]);
    // Read from JSON as an older version wrote it: no week field.
    const old = JSON.parse(JSON.stringify({ ...base, counts })) as RunRecord;
    expect(runRecordLines(old)).toEqual(['2014-05-12T00:00:02.000Z  digest   schedule  ok        2 new, 1 changed, 0 deleted, 3 sent, 0 skipped, 0 failed, 0 unknown  (run run-1)']);
  });

  it('a run that sent test copies (--to) says so after its week: its sent are not the week mailed', () => {
    expect(runRecordLines({ ...base, trigger: 'cli', week: '2014-W19', testCopies: true, counts: { ...counts, sent: 1 } })).toEqual([
      '2014-05-12T00:00:02.000Z  digest   cli       ok        week 2014-W19, test copies only: 2 new, 1 changed, 0 deleted, 1 sent, 0 skipped, 0 failed, 0 unknown  (run run-1)',
    ]);
    expect(runRecordLines({ ...base, trigger: 'cli', week: '2014-W19', testCopies: true, outcome: 'unfinished', message: 'no end recorded' })[0]).toBe('2014-05-12T00:00:02.000Z  digest   cli       UNFINISHED  week 2014-W19, test copies only  (run run-1)');
  });

  it('a run that sent nothing: why, under the line', () => {
    const notSent = "2014-W18 comes before the site's first entry (no entry is published yet): nothing to archive or send";
    expect(runRecordLines({ ...base, week: '2014-W18', notSent })).toEqual(['2014-05-12T00:00:02.000Z  digest   schedule  ok        week 2014-W18  (run run-1)', `    nothing sent: ${notSent}`]);
  });

  it('a run that queued its send: the batches, under the line, since its counts hold no recipients', () => {
    expect(runRecordLines({ ...base, week: '2014-W19', counts: { new: 0, changed: 0, deleted: 0 }, queued: 256 })).toEqual([
      '2014-05-12T00:00:02.000Z  digest   schedule  ok        week 2014-W19: 0 new, 0 changed, 0 deleted  (run run-1)',
      '    send queued: 256 batches for the digest-sender, one per shard of subscribers (status names the week FAILING while they fail, UNSETTLED for recipients they leave unknown)',
    ]);
  });

  it('an unfinished send: its message alone under the line, with no error name', () => {
    expect(runRecordLines({ ...base, trigger: 'cli', week: '2014-W19', outcome: 'unfinished', message: 'no end recorded' })).toEqual([
      '2014-05-12T00:00:02.000Z  digest   cli       UNFINISHED  week 2014-W19  (run run-1)',
      '    no end recorded',
    ]);
  });
});

describe("status's lines for what an editor acts on", () => {
  const publish: RunRecord = { ...base, kind: 'publish', trigger: 'manual' };

  it('says what kind of problem stopped a run, and what to do, in words rather than the error class', () => {
    const lines = runRecordLines({ ...publish, outcome: 'invalid', error: 'ContentError', message: '1 problem in the content', problems: ['entries/a.md:2: title: is missing (add a title: line)'], problemsTotal: 1 });
    expect(lines.slice(1)).toEqual(['    invalid content: 1 problem in the content (fix the problems listed, then run it again; broadsheet check lists them all)', '    entries/a.md:2: title: is missing (add a title: line)']);
    expect(lines.join('\n')).not.toContain('ContentError');
    // A name Broadsheet does not know (an AWS SDK error's) is said as one, for the operator to look up.
    expect(runRecordLines({ ...publish, outcome: 'failed', error: 'AccessDenied', message: 'Access Denied' })[1]).toBe('    an unexpected error (AccessDenied): Access Denied (see the logs of this run and run it again)');
  });

  it("an ok run's problems are labelled as those of the entries it left out, with how many", () => {
    const problems = ['entries/a.md:2: title: is 378 characters long, more than the 300 the field may have (shorten it)', 'entries/b.md:3: url: holds a user name or password (write url: https://x.example/b)'];
    expect(runRecordLines({ ...publish, counts: { new: 0, changed: 2, deleted: 2 }, problems, problemsTotal: 2 }).slice(1)).toEqual([
      '    entries left out as invalid, with 2 problems:',
      `    ${problems[0]}`,
      `    ${problems[1]}`,
    ]);
  });

  it('says once what to do after a run stopped by a signal: its message says it', () => {
    const message = 'stopped by SIGINT: the output holds part of this publish, every file whole (the old one or the new); publish again to finish it';
    expect(runRecordLines({ ...publish, trigger: 'cli', outcome: 'failed', error: 'InterruptedError', message }).slice(1)).toEqual([`    interrupted: ${message}`]);
  });

  it("counts a run's warnings on its line and prints the first ones, as the trigger does, and how many more", () => {
    const warningLines = Array.from({ length: RUN_RECORD_WARNING_LIMIT }, (_, i) => `entries/${i}.md:3: layout: is not a known field (remove it)`);
    const lines = runRecordLines({ ...publish, outcome: 'invalid', error: 'ContentError', message: '1 problem in the content', problems: ['entries/a.md:2: title: is missing (add a title: line)'], problemsTotal: 1, warningLines, warningLinesTotal: 25 });
    expect(lines[0]).toBe('2014-05-12T00:00:02.000Z  publish  manual    INVALID   25 warnings  (run run-1)');
    expect(lines.slice(3)).toEqual([
      '    warning: entries/0.md:3: layout: is not a known field (remove it)',
      '    warning: entries/1.md:3: layout: is not a known field (remove it)',
      '    warning: entries/2.md:3: layout: is not a known field (remove it)',
      `    ... and 22 more warnings (broadsheet status --json lists the first ${RUN_RECORD_WARNING_LIMIT})`,
    ]);
    // Two warnings: both, and nothing more.
    const ok = runRecordLines({ ...publish, counts: { new: 1, changed: 0, deleted: 0 }, warningLines: warningLines.slice(0, 2), warningLinesTotal: 2 });
    expect(ok[0]).toBe('2014-05-12T00:00:02.000Z  publish  manual    ok        1 new, 0 changed, 0 deleted, 2 warnings  (run run-1)');
    expect(ok.slice(1)).toEqual([
      '    warning: entries/0.md:3: layout: is not a known field (remove it)',
      '    warning: entries/1.md:3: layout: is not a known field (remove it)',
    ]);
  });

  it('under a digest run that left recipients unknown, says how many as of that run, and where to look if not settled since', () => {
    const lines = runRecordLines({ ...base, week: '2014-W19', counts: { ...counts, sent: 1, unknown: 2 } });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^    2 recipients left unknown at the end of this run: handed to the mail server, no answer came back, so maybe delivered, and never sent again; if not settled since, look for Message-ID <digest\.2014-W19\.…> to each in the mail server's log /);
  });
});

describe("status's line for a publish run that pinged a WebSub hub", () => {
  const publishRun: RunRecord = { ...base, kind: 'publish', counts: { new: 48, changed: 0, deleted: 0 } };

  it('says how many changed feeds the hub was not told of, and why, and nothing when it was told of all', () => {
    const pings = { delivered: 0, rejected: 0, 'maybe-delivered': 4, refused: 0, 'not-attempted': 44 };
    expect(runRecordLines({ ...publishRun, pings }).slice(1)).toEqual(['    WebSub: the hub was told of 0 of 48 changed feeds (4 maybe delivered, 44 not attempted)']);
    expect(runRecordLines({ ...publishRun, pings: { ...pings, delivered: 48, 'maybe-delivered': 0, 'not-attempted': 0 } })).toHaveLength(1);
  });

  it('counts apart the feeds an earlier publish failed to ping, which this run may not have changed', () => {
    const pings = { delivered: 2, rejected: 0, 'maybe-delivered': 0, refused: 1, 'not-attempted': 0 };
    const retriedPings = { delivered: 5, rejected: 1, 'maybe-delivered': 0, refused: 0, 'not-attempted': 3 };
    expect(runRecordLines({ ...publishRun, pings, retriedPings }).slice(1)).toEqual([
      '    WebSub: the hub was told of 2 of 3 changed feeds (1 refused)',
      '    WebSub: the hub was told of 5 of 9 feeds an earlier publish failed to ping (1 rejected, 3 not attempted)',
    ]);
    // A publish that changed no feed and made pending pings again: those alone.
    expect(runRecordLines({ ...publishRun, retriedPings }).slice(1)).toEqual(['    WebSub: the hub was told of 5 of 9 feeds an earlier publish failed to ping (1 rejected, 3 not attempted)']);
  });
});
