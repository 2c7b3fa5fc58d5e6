import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../functions/logger.js';
import type { TriggerServices } from '../../../../functions/http/router.js';
import { json } from '../../../../functions/http/responses.js';
import { ANSWER_BUDGET_BYTES, payloadBytes } from '../../../../functions/http/answerBudget.js';
import { answeredBytes, RUNS_RECORDS_BYTES, runRoute, runsRoute } from '../../../../functions/routes/runsRoute.js';
import type { PublishWritten } from '../../../../lib/publish/publish.js';
import { publishedRunRecord } from '../../../../lib/publish/publishRunRecord.js';
import { MAX_RUN_RECORD_BYTES } from '../../../../lib/publish/runHistory.js';
import { cappedLists, runKey, type RunRecord } from '../../../../lib/publish/runRecord.js';
import type { Problem } from '../../../../lib/shared/errors.js';
import { MemoryStore } from '../../../../lib/store/memoryStore.js';

// GET /runs and GET /runs/<id> answer within what Lambda lets a function answer (6 MB), however large the records.
// The records here are as large as the record's own caps let them be, each list filled by the functions that cap it,
// with text of quotes: each takes two bytes in the record's JSON and four in the answer as Lambda carries it.
const services = (runs: MemoryStore) => ({ config: { publishFunctionName: 'p', digestFunctionName: 'd', tokenParameter: '/t' }, lambda: {} as never, logger: createLogger('broadsheet-test'), runs }) as unknown as TriggerServices;
const get = (runs: MemoryStore, query: string) => runsRoute.handle({ body: {}, requestId: 'r', path: '/runs', query: new URLSearchParams(query) }, services(runs));
const getOne = (runs: MemoryStore, id: string) => runRoute.handle({ body: {}, requestId: 'r', path: `/runs/${id}` }, services(runs));

// S3's longest key (1,024 bytes), and a problem line of about 4 KB, as runHistory.test.ts takes them.
const key = (i: number) => `${'"'.repeat(1020)}${String(i).padStart(4, '0')}`;
const problem = (i: number): Problem => ({ file: `${'"'.repeat(1000)}${i}`, line: i + 1, field: 'body', message: '"'.repeat(3000), fix: '"'.repeat(80) });
const many = <T>(make: (i: number) => T) => Array.from({ length: 1000 }, (_, i) => make(i));

/** The largest record a publish writes: every list at its cap, the changed keys, the problems and the warnings. */
function largest(id: string, startedAt: string): RunRecord {
  const written = {
    changes: many((i) => ({ key: key(i), status: 'changed' })),
    counts: { new: 0, changed: 1000, unchanged: 0, deleted: 0 },
    requests: { content: { list: 1, get: 1, put: 0, delete: 0 }, output: { list: 1, get: 1, put: 1000, delete: 0 } },
    skipped: many(problem),
    warnings: many(problem),
    repaired: many(key),
    replaced: many(key),
    manifestDamaged: '"'.repeat(500),
  } as unknown as PublishWritten;
  return publishedRunRecord({ id, kind: 'publish', trigger: 'manual', startedAt, endedAt: startedAt }, written);
}

const small = (id: string, startedAt: string): RunRecord => ({ id, kind: 'publish', trigger: 'cli', startedAt, endedAt: startedAt, outcome: 'ok', counts: { new: 1 }, ...cappedLists([], []) });

/** `count` records, a minute apart, newest first: `cli-000` the newest. */
async function stored(count: number, make: (id: string, startedAt: string) => RunRecord): Promise<{ store: MemoryStore; ids: string[] }> {
  const store = new MemoryStore();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `cli-${String(i).padStart(3, '0')}`;
    const record = make(id, new Date(Date.UTC(2014, 5, 1) - i * 60_000).toISOString());
    // As writeRunRecord writes it.
    await store.put(runKey(record), `${JSON.stringify(record, null, 1)}\n`, { contentType: 'application/json' });
    ids.push(id);
  }
  return { store, ids };
}

describe('the largest record a run writes', () => {
  it('is near the 1 MiB a reader reads of one, and takes about twice that in an answer', () => {
    const record = largest('cli-000', '2014-06-01T00:00:00.000Z');
    const bytes = Buffer.byteLength(`${JSON.stringify(record, null, 1)}\n`);
    expect(bytes).toBeLessThan(MAX_RUN_RECORD_BYTES);
    expect(bytes).toBeGreaterThan(MAX_RUN_RECORD_BYTES / 2);
    expect(answeredBytes(record)).toBeGreaterThan(1.5 * bytes);
  });
});

describe('GET /runs within ANSWER_BUDGET_BYTES', () => {
  it('of ?limit=100 over records at their largest: the newest that fit, and the ids of the rest to read one by one', async () => {
    const { store, ids } = await stored(12, largest);
    const response = await get(store, 'limit=100');
    expect(response.statusCode).toBe(200);
    expect(payloadBytes(response)).toBeLessThanOrEqual(ANSWER_BUDGET_BYTES);
    const body = JSON.parse(response.body!) as { runs: RunRecord[]; omitted: number; omittedIds: string[]; message: string };
    // The records are the same size but for their ids and times, all of one length: as many fit as the budget holds whole.
    const each = answeredBytes(largest('cli-000', '2014-06-01T00:00:00.000Z'));
    const fit = Math.floor(RUNS_RECORDS_BYTES / each);
    expect(fit).toBeGreaterThanOrEqual(1);
    expect(fit).toBeLessThan(12);
    expect(body.runs.map((run) => run.id)).toEqual(ids.slice(0, fit));
    expect(body.runs[0]).toEqual(largest('cli-000', '2014-06-01T00:00:00.000Z'));
    expect(body.omitted).toBe(12 - fit);
    expect(body.omittedIds).toEqual(ids.slice(fit));
    expect(body.message).toBe(`left out: the ${12 - fit} oldest of the runs asked for, to keep this answer within 4 MiB (Lambda answers at most 6 MB): read each with GET /runs/<id> (omittedIds), or ask for fewer with ?limit=${fit}`);
    // Each left out is there to read alone.
    const one = await getOne(store, body.omittedIds.at(-1)!);
    expect(one.statusCode).toBe(200);
    expect((JSON.parse(one.body!) as RunRecord).id).toBe(ids.at(-1));
  });

  it('of ?limit=100 over records of ordinary size: all of them, and nothing more said', async () => {
    const { store, ids } = await stored(100, small);
    const response = await get(store, 'limit=100');
    expect(JSON.parse(response.body!)).toEqual({ runs: ids.map((id, i) => small(id, new Date(Date.UTC(2014, 5, 1) - i * 60_000).toISOString())) });
  });

  it('counts each record as Lambda carries the answer: the payload is the empty answer and the records, less the last comma', async () => {
    const records = [largest('cli-000', '2014-06-01T00:00:00.000Z'), small('cli-001', '2014-05-31T00:00:00.000Z')];
    const sum = records.reduce((total, record) => total + answeredBytes(record), 0);
    expect(payloadBytes(json(200, { runs: records }))).toBe(payloadBytes(json(200, { runs: [] })) + sum - 1);
  });
});

describe('GET /runs/<id> of a record at its largest', () => {
  it('answers it whole, within ANSWER_BUDGET_BYTES', async () => {
    const { store } = await stored(1, largest);
    const response = await getOne(store, 'cli-000');
    expect(response.statusCode).toBe(200);
    expect(payloadBytes(response)).toBeLessThanOrEqual(ANSWER_BUDGET_BYTES);
    expect(JSON.parse(response.body!)).toEqual(largest('cli-000', '2014-06-01T00:00:00.000Z'));
  });
});
