import { describe, expect, it } from 'vitest';
import { failedRunRecord, publishedRunRecord, type RunStart } from '../../../lib/publish/publishRunRecord.js';
import type { PublishWritten } from '../../../lib/publish/publish.js';
import { MAX_RUN_RECORD_BYTES } from '../../../lib/publish/runHistory.js';
import { cappedLists, recordedIdChanges, RUN_RECORD_DETAILS_BYTES, RUN_RECORD_LIST_LIMIT, RUN_RECORD_WARNING_LIMIT } from '../../../lib/publish/runRecord.js';
import { ContentError, formatProblem, type Problem } from '../../../lib/shared/errors.js';
import type { IdChange } from '../../../lib/plan/idChanges.js';

// A run record keeps its problems, skipped entries and warnings as objects beside their lines (trigger --wait --json
// and GET /runs give them), capped as the lines are, with the totals that say how many were left out.
const START: RunStart = { id: 'run-1', kind: 'publish', trigger: 'manual', startedAt: '2014-06-01T00:00:00.000Z', endedAt: '2014-06-01T00:00:01.000Z' };
const problem = (i: number): Problem => ({ file: `entries/2014/p${i}.md`, line: i + 1, field: 'title', message: `is missing ${i}`, fix: 'add a title: line' });
// No line: the object has no `line` key, as publish --json gives it.
const warning = (i: number): Problem => ({ file: `entries/2014/w${i}.md`, field: 'layout', message: 'is not a known field', fix: 'remove it' });

describe("a run record's problems and warnings as objects", () => {
  it('of a refused run: the first RUN_RECORD_LIST_LIMIT problems and RUN_RECORD_WARNING_LIMIT warnings, each as its line says it', () => {
    const problems = Array.from({ length: RUN_RECORD_LIST_LIMIT + 7 }, (_, i) => problem(i));
    // Eight share their words: one line, eight objects.
    const warnings = Array.from({ length: RUN_RECORD_WARNING_LIMIT + 8 }, (_, i) => warning(i));
    // Anything else an error's problem carries stays out of the record.
    const record = failedRunRecord(START, new ContentError(problems.map((p) => ({ ...p, extra: 'not kept' }) as Problem), { warnings }));
    expect(record.problemDetails).toEqual(problems.slice(0, RUN_RECORD_LIST_LIMIT));
    expect(record.problemDetails!.map(formatProblem)).toEqual(record.problems);
    expect(record.problemsTotal).toBe(RUN_RECORD_LIST_LIMIT + 7);
    expect(record.warningDetails).toEqual(warnings.slice(0, RUN_RECORD_WARNING_LIMIT));
    expect(record.warningDetails![0]).not.toHaveProperty('line');
    expect(record.warningsTotal).toBe(RUN_RECORD_WARNING_LIMIT + 8);
    // The lines group the 28 warnings sharing their words into one, as publish prints them.
    expect(record.warningLinesTotal).toBe(1);
  });

  it('of an ok publish: the entries it skipped, and its warnings; none, an empty list and no warnings', () => {
    const written = { changes: [], counts: { new: 0, changed: 0, unchanged: 0, deleted: 0 }, requests: { content: { list: 0, get: 0, put: 0, delete: 0 }, output: { list: 0, get: 0, put: 0, delete: 0 } } };
    const skipped = [problem(0), problem(1)];
    const record = publishedRunRecord(START, { ...written, skipped, warnings: [warning(0)] } as unknown as PublishWritten);
    expect(record).toMatchObject({ outcome: 'ok', problems: skipped.map(formatProblem), problemDetails: skipped, problemsTotal: 2, warningDetails: [warning(0)], warningsTotal: 1 });
    const clean = publishedRunRecord(START, { ...written, skipped: [], warnings: [] } as unknown as PublishWritten);
    expect(clean.problemDetails).toEqual([]);
    expect(clean).not.toHaveProperty('warningDetails');
    expect(clean).not.toHaveProperty('warningsTotal');
  });

  it('fewer objects than lines when they would take more than RUN_RECORD_DETAILS_BYTES: the record stays readable', () => {
    // Each object about 16 KB of JSON (control characters escaped as \uXXXX): 8 fit in 128 KiB (8 x 16,071 = 128,568).
    const long = (i: number): Problem => ({ file: `entries/${'\u0001'.repeat(1000)}${i}.md`, field: 'body', message: 'm'.repeat(10_000), fix: 'shorten it' });
    const problems = Array.from({ length: RUN_RECORD_LIST_LIMIT }, (_, i) => long(i));
    const record = failedRunRecord(START, new ContentError(problems, { warnings: problems }));
    const each = Buffer.byteLength(JSON.stringify(long(10)));
    const fit = Math.floor(RUN_RECORD_DETAILS_BYTES / each);
    expect(fit).toBe(8);
    expect(record.problemDetails).toEqual(problems.slice(0, fit));
    expect(record.warningDetails).toEqual(problems.slice(0, fit));
    expect(record.problemsTotal).toBe(RUN_RECORD_LIST_LIMIT);
    // With the longest changed keys and problem lines a record lists (runHistory.test.ts's), it is still read whole.
    const key = '\u0001'.repeat(1024);
    const longest = { ...record, ...recordedIdChanges(Array.from({ length: 1000 }, (_, i) => longChange(i))), ...cappedLists(Array.from({ length: 1000 }, () => ({ key, status: 'changed' })), Array.from({ length: 1000 }, () => 'p'.repeat(4096))) };
    expect(Buffer.byteLength(JSON.stringify(longest, null, 1))).toBeLessThan(MAX_RUN_RECORD_BYTES);
  });

  it("an ok publish's id changes (--allow-id-change): the first RUN_RECORD_LIST_LIMIT as plain objects, and how many; none, nothing", () => {
    const written = { changes: [], counts: { new: 0, changed: 0, unchanged: 0, deleted: 0 }, skipped: [], warnings: [], requests: { content: { list: 0, get: 0, put: 0, delete: 0 }, output: { list: 0, get: 0, put: 0, delete: 0 } } };
    const changes = Array.from({ length: RUN_RECORD_LIST_LIMIT + 7 }, (_, i) => change(i));
    // Anything else a change carries stays out of the record.
    const record = publishedRunRecord(START, { ...written, idChanges: changes.map((c) => ({ ...c, extra: 'not kept' })) } as PublishWritten);
    expect(record.idChanges).toEqual(changes.slice(0, RUN_RECORD_LIST_LIMIT));
    expect(record.idChangesTotal).toBe(RUN_RECORD_LIST_LIMIT + 7);
    for (const none of [publishedRunRecord(START, { ...written, idChanges: [] } as PublishWritten), publishedRunRecord(START, written as PublishWritten)]) {
      expect(none).not.toHaveProperty('idChanges');
      expect(none).not.toHaveProperty('idChangesTotal');
    }
    // Each about 16 KB of JSON: as many as fit in RUN_RECORD_DETAILS_BYTES, all counted.
    const long = Array.from({ length: RUN_RECORD_LIST_LIMIT }, (_, i) => longChange(i));
    const fit = Math.floor(RUN_RECORD_DETAILS_BYTES / Buffer.byteLength(JSON.stringify(longChange(10))));
    expect(fit).toBe(8);
    expect(recordedIdChanges(long)).toEqual({ idChanges: long.slice(0, fit), idChangesTotal: RUN_RECORD_LIST_LIMIT });
  });
});

function change(i: number): IdChange {
  return { url: `https://news.example.org/${i}`, oldKey: `entries/2014/${i}.md`, oldId: `2014/${i}`, newKey: `entries/2014/${i}-b.md`, newId: `2014/${i}-b` };
}

/** About 16 KB of JSON (control characters escaped as \uXXXX), as long() above. */
function longChange(i: number): IdChange {
  return { url: `https://news.example.org/${'u'.repeat(4000)}`, oldKey: `entries/${'\u0001'.repeat(1000)}${i}.md`, oldId: 'o'.repeat(3000), newKey: `entries/${i}.md`, newId: 'n'.repeat(3000) };
}
