import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ANSWER_BUDGET_BYTES, payloadBytes } from '../../../../functions/http/answerBudget.js';
import type { TriggerServices } from '../../../../functions/http/router.js';
import { createLogger } from '../../../../functions/logger.js';
import { MAX_LISTED, type PublishOutcome } from '../../../../functions/publishEvents.js';
import { publishRoute } from '../../../../functions/routes/publishRoute.js';
import { RUN_RECORD_DETAILS_BYTES } from '../../../../lib/publish/runRecord.js';

// A dry run's answer carries the publish function's lists, capped by count (MAX_LISTED) there: a few hundred long
// lines as lines and as objects took more than the trigger answers (ANSWER_BUDGET_BYTES), which it then replaced with
// its own 500. The publish function's answer is Lambda's (mocked: no Lambda server runs here; tests/e2e/lambda runs
// the route through the trigger).
const client = new LambdaClient({ region: 'us-east-1' });
const lambda = mockClient(client);
const services: TriggerServices = { config: { publishFunctionName: 'publish', digestFunctionName: 'digest', tokenParameter: '/t' }, lambda: client, logger: createLogger('broadsheet-test-trigger') };
const dryRun = (outcome: PublishOutcome, allowIdChange = false) => {
  lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: Buffer.from(JSON.stringify(outcome)) as never, $metadata: { requestId: 'dry-1' } });
  return publishRoute.handle({ body: { dryRun: true, ...(allowIdChange ? { allowIdChange } : {}) }, requestId: 'req-1', timeLeft: () => 60_000 }, services);
};
afterEach(() => lambda.reset());

/** A problem's text of `bytes` ASCII characters, none escaped in JSON: its line takes bytes + 2 of JSON (the quotes). */
const long = (index: number, bytes: number) => `entries/${String(index).padStart(4, '0')}.md: ${'x'.repeat(bytes - 16)}`;
const LINE = 20_000;
const problem = (index: number) => ({ file: `entries/${index}.md`, field: 'title', message: long(index, LINE), fix: 'write a shorter title' });

describe('a dry run answered with lists too large for the trigger', () => {
  it('is 422 with each list cut to its first within a run record\'s byte cap, its totals kept and what was left out said', async () => {
    const lines = Array.from({ length: MAX_LISTED }, (_, index) => long(index, LINE));
    const details = Array.from({ length: MAX_LISTED }, (_, index) => problem(index));
    const outcome: PublishOutcome = { ok: false, trigger: 'manual', error: 'ContentError', problems: lines, problemDetails: details, problemsTotal: 5000, warningLines: lines, warningLinesTotal: 4000, warningDetails: details, warningsTotal: 4000 };
    // As the function answers them, the lists alone take more than the trigger may.
    expect(Buffer.byteLength(JSON.stringify(outcome))).toBeGreaterThan(ANSWER_BUDGET_BYTES);
    const response = await dryRun(outcome);
    expect(payloadBytes(response)).toBeLessThanOrEqual(ANSWER_BUDGET_BYTES);
    const body = JSON.parse(response.body!);
    // A line takes LINE + 2 bytes of JSON; an object, its fields' too.
    const linesKept = Math.floor(RUN_RECORD_DETAILS_BYTES / (LINE + 2));
    const detailsKept = Math.floor(RUN_RECORD_DETAILS_BYTES / Buffer.byteLength(JSON.stringify(problem(0))));
    expect(response.statusCode).toBe(422);
    expect(body).toMatchObject({ kind: 'ContentError', problems: lines.slice(0, linesKept), problemDetails: details.slice(0, detailsKept), problemsTotal: 5000, warningLines: lines.slice(0, linesKept), warningLinesTotal: 4000, warningDetails: details.slice(0, detailsKept), warningsTotal: 4000 });
    expect(body.leftOut).toEqual({ problems: MAX_LISTED - linesKept, problemDetails: MAX_LISTED - detailsKept, warningLines: MAX_LISTED - linesKept, warningDetails: MAX_LISTED - detailsKept });
  });

  it('is 200 with an --allow-id-change dry run\'s id changes cut alike, and idChangesTotal kept', async () => {
    const url = (index: number) => `https://news.example.com/${String(index).padStart(4, '0')}-${'y'.repeat(30_000)}/`;
    const idChanges = Array.from({ length: MAX_LISTED }, (_, index) => ({ url: url(index), oldKey: `e/${index}`, oldId: `old-${index}`, newKey: `e/${index}`, newId: `new-${index}` }));
    const outcome = { ok: true, trigger: 'manual', dryRun: true, idChanges, idChangesTotal: 900 } as unknown as PublishOutcome;
    expect(payloadBytes({ statusCode: 200, body: JSON.stringify(outcome) })).toBeGreaterThan(ANSWER_BUDGET_BYTES);
    const response = await dryRun(outcome, true);
    expect(payloadBytes(response)).toBeLessThanOrEqual(ANSWER_BUDGET_BYTES);
    const kept = Math.floor(RUN_RECORD_DETAILS_BYTES / Buffer.byteLength(JSON.stringify(idChanges[0])));
    const body = JSON.parse(response.body!);
    expect([response.statusCode, body.idChanges, body.idChangesTotal, body.leftOut]).toEqual([200, idChanges.slice(0, kept), 900, { idChanges: MAX_LISTED - kept }]);
  });

  it('is answered whole when its lists fit: no leftOut', async () => {
    const outcome: PublishOutcome = { ok: false, trigger: 'manual', error: 'ContentError', problems: ['entries/a.md: title: missing (write title: "…")'], problemsTotal: 1 };
    const response = await dryRun(outcome);
    expect([response.statusCode, JSON.parse(response.body!)]).toEqual([422, { error: 'the content is invalid; nothing would be published', kind: 'ContentError', problems: outcome.problems, problemsTotal: 1 }]);
  });
});
