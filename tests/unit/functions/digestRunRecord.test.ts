import { describe, expect, it } from 'vitest';
import { digestRunRecord } from '../../../functions/digestRunRecord.js';
import type { RunStart } from '../../../lib/publish/publishRunRecord.js';
import { MAX_LISTED } from '../../../functions/publishEvents.js';
import { RUN_RECORD_LIST_LIMIT, RUN_RECORD_WARNING_LIMIT } from '../../../lib/publish/runRecord.js';
import { formatProblem, type Problem } from '../../../lib/shared/errors.js';

const START: RunStart = { id: 'digest-1', kind: 'digest', trigger: 'manual', week: '2014-W19', startedAt: '2014-05-19T00:00:00.000Z', endedAt: '2014-05-19T00:00:05.000Z' };

describe("a digest run's record", () => {
  it('of a run refused for its content keeps the warnings the outcome lists, and their total', () => {
    const warningLines = ['entries/2014/a.md:8: layout: is not a known field and is ignored (remove it: every entry is laid out by the site)'];
    const record = digestRunRecord(START, { ok: false, trigger: 'manual', error: 'ContentError', problems: ['entries/2014/a.md: title: is missing (add title:)'], problemsTotal: 1, warningLines, warningLinesTotal: 21 });
    expect(record).toMatchObject({ outcome: 'invalid', problemsTotal: 1, warningLines, warningLinesTotal: 21 });
  });

  it("of a run refused for its content keeps the answer's objects too, capped as a publish's record caps them", () => {
    const problems = Array.from({ length: RUN_RECORD_LIST_LIMIT + 3 }, (_, i): Problem => ({ file: `entries/2014/p${i}.md`, line: 2, field: 'title', message: 'is missing', fix: 'add title:' }));
    const warnings = (count: number) => Array.from({ length: count }, (_, i): Problem => ({ file: `entries/2014/w${i}.md`, field: 'layout', message: 'is not a known field', fix: 'remove it' }));
    const refused = (warningDetails: Problem[], warningsTotal?: number) =>
      digestRunRecord(START, { ok: false, trigger: 'manual', error: 'ContentError', problems: problems.map(formatProblem), problemDetails: problems, problemsTotal: 400, warningLines: ['entries/2014/w0.md and more: layout: …'], warningLinesTotal: 1, warningDetails, ...(warningsTotal === undefined ? {} : { warningsTotal }) });
    const record = refused(warnings(3));
    expect(record.problemDetails).toEqual(problems.slice(0, RUN_RECORD_LIST_LIMIT));
    expect(record.problemsTotal).toBe(400);
    expect(record).toMatchObject({ warningDetails: warnings(3), warningsTotal: 3 });
    // The answer lists MAX_LISTED warnings at most, and counts them all: the record keeps the count.
    const counted = refused(warnings(MAX_LISTED), MAX_LISTED + 37);
    expect(counted.warningDetails).toEqual(warnings(RUN_RECORD_WARNING_LIMIT));
    expect(counted.warningsTotal).toBe(MAX_LISTED + 37);
    // From a function deployed before it counted them: as many listed, their number is not known, and not written.
    const many = refused(warnings(MAX_LISTED));
    expect(many.warningDetails).toEqual(warnings(RUN_RECORD_WARNING_LIMIT));
    expect(many).not.toHaveProperty('warningsTotal');
  });

  it('of a refusal from a function that answered lines alone has no objects', () => {
    const record = digestRunRecord(START, { ok: false, trigger: 'manual', error: 'ContentError', problems: ['entries/2014/a.md: title: is missing (add title:)'], problemsTotal: 1 });
    expect(record).not.toHaveProperty('problemDetails');
    expect(record).not.toHaveProperty('warningDetails');
  });

  it('of a refusal with no warnings has none', () => {
    const record = digestRunRecord(START, { ok: false, trigger: 'manual', error: 'ConfigError', message: 'site.yml: digest.from is missing' });
    expect(record).not.toHaveProperty('warningLines');
    expect(record).not.toHaveProperty('warningLinesTotal');
  });

  it('of a send to one recipient that failed says so in the singular', () => {
    const sent = { transport: 'ses', total: 1, sent: 0, skipped: 0, failed: 1, unknown: 0, notReached: 0 };
    const record = digestRunRecord(START, { ok: true, trigger: 'manual', week: '2014-W19', entries: 3, archive: { new: 0, changed: 0, deleted: 0 }, sent });
    expect(record).toMatchObject({ outcome: 'failed', error: 'DeliveryError', message: '1 of 1 recipient failed' });
  });

  it('of a send queued for the digest-sender keeps how many batches, its counts holding the archive alone', () => {
    const record = digestRunRecord(START, { ok: true, trigger: 'schedule', week: '2014-W19', entries: 3, archive: { new: 2, changed: 0, deleted: 0 }, queued: { batches: 256 } });
    expect(record).toMatchObject({ outcome: 'ok', counts: { new: 2, changed: 0, deleted: 0 }, queued: 256 });
  });
});
