import { InvokeCommand, LambdaClient, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { DigestOutcome } from '../../../../functions/digestEvents.js';
import type { TriggerServices } from '../../../../functions/http/router.js';
import { createLogger } from '../../../../functions/logger.js';
import { digestRoute } from '../../../../functions/routes/digestRoute.js';
import { ANSWER_BUDGET_BYTES, payloadBytes } from '../../../../functions/http/answerBudget.js';
import { RUN_RECORD_DETAILS_BYTES } from '../../../../lib/publish/runRecord.js';

// POST /digest with "send": true. No Lambda server runs here: the client is mocked, and each test says what the
// digest function answers its checks (tests/e2e/digest/lambda.test.ts runs the real one).
const client = new LambdaClient({ region: 'us-east-1' });
const lambda = mockClient(client);
const services: TriggerServices = { config: { publishFunctionName: 'publish', digestFunctionName: 'digest', tokenParameter: '/t' }, lambda: client, logger: createLogger('broadsheet-test-trigger') };
const send = (timeLeft?: () => number) => digestRoute.handle({ body: { week: '2014-W19', send: true }, requestId: 'req-1', ...(timeLeft ? { timeLeft } : {}) }, services);
const answer = (outcome: DigestOutcome) => ({ StatusCode: 200, Payload: Buffer.from(JSON.stringify(outcome)) as never, $metadata: { requestId: 'check-1' } });
const invocations = () => lambda.commandCalls(InvokeCommand).map((call) => ({ type: call.args[0].input.InvocationType, event: JSON.parse(Buffer.from(call.args[0].input.Payload as Uint8Array).toString('utf8')) }));
afterEach(() => lambda.reset());

describe('POST /digest with "send": true', () => {
  it('checks the send synchronously first, and answers a refusal with its problems or its fix, handing nothing on', async () => {
    const problems = ['entries/2014/x.md: title: missing (write title: "…")'];
    lambda.on(InvokeCommand).resolves(answer({ ok: false, trigger: 'manual', error: 'ContentError', problems, problemsTotal: 1 }));
    const invalid = await send();
    expect([invalid.statusCode, JSON.parse(invalid.body!)]).toEqual([422, { ok: false, trigger: 'manual', error: 'ContentError', problems, problemsTotal: 1 }]);
    const message = 'site.yml: digest.ses.identity is "news.example.com", but this deployment sends as "watch.example.org" (SES_IDENTITY_ARN, the sesIdentity param), and SES would refuse every message (deploy with --param sesIdentity=news.example.com, or write identity: watch.example.org)';
    lambda.on(InvokeCommand).resolves(answer({ ok: false, trigger: 'manual', error: 'ConfigError', message }));
    const setup = await send();
    expect([setup.statusCode, JSON.parse(setup.body!).message]).toEqual([400, message]);
    // Only the checks ran, synchronously, each for the week asked.
    const check = { source: 'broadsheet.trigger', action: 'digest', requestedBy: 'req-1', send: true, week: '2014-W19', check: true };
    expect(invocations()).toEqual([{ type: 'RequestResponse', event: check }, { type: 'RequestResponse', event: check }]);
  });

  it('hands on a send whose checks pass, for the week checked: 202', async () => {
    lambda
      .on(InvokeCommand, { InvocationType: 'RequestResponse' })
      .resolves(answer({ ok: true, trigger: 'manual', week: '2014-W19', entries: 3, archive: { new: 0, changed: 0, deleted: 0 }, checked: true }))
      .on(InvokeCommand, { InvocationType: 'Event' })
      .resolves({ StatusCode: 202, $metadata: { requestId: 'send-1' } });
    const response = await send();
    expect([response.statusCode, JSON.parse(response.body!)]).toMatchObject([202, { status: 'accepted', invocationId: 'send-1', week: '2014-W19' }]);
    expect(invocations().map((call) => [call.type, call.event.check, call.event.send, call.event.week])).toEqual([
      ['RequestResponse', true, true, '2014-W19'],
      ['Event', undefined, true, '2014-W19'],
    ]);
  });

  it('hands on, with the send, the feeds the check published and did not ping, so that no hub holds the answer', async () => {
    const toPing = ['https://watch.example.org/rss.xml', 'https://watch.example.org/digests/atom.xml'];
    lambda
      .on(InvokeCommand, { InvocationType: 'RequestResponse' })
      .resolves(answer({ ok: true, trigger: 'manual', week: '2014-W19', entries: 3, archive: { new: 9, changed: 0, deleted: 0 }, checked: true, toPing }))
      .on(InvokeCommand, { InvocationType: 'Event' })
      .resolves({ StatusCode: 202, $metadata: { requestId: 'send-2' } });
    expect((await send()).statusCode).toBe(202);
    expect(invocations()[1]).toEqual({ type: 'Event', event: { source: 'broadsheet.trigger', action: 'digest', requestedBy: 'req-1', send: true, week: '2014-W19', toPing } });
  });

  it('hands nothing on for an empty week the send would not send (no digest.sendEmpty): 200 saying so', async () => {
    const notSent = '2014-W19 has no entries and digest.sendEmpty is false: archived as empty, not sent';
    const checked = { ok: true as const, trigger: 'manual' as const, week: '2014-W19', entries: 0, archive: { new: 0, changed: 0, deleted: 0 }, notSent, checked: true as const };
    lambda.on(InvokeCommand, { InvocationType: 'RequestResponse' }).resolves(answer(checked));
    const response = await send();
    expect([response.statusCode, JSON.parse(response.body!)]).toEqual([200, { ...checked, message: `nothing to send: ${notSent}` }]);
    expect(invocations().map((call) => call.type)).toEqual(['RequestResponse']);
  });

  it('answers 429 with Retry-After when Lambda throttles the send handed on after its checks passed: nothing was sent', async () => {
    lambda
      .on(InvokeCommand, { InvocationType: 'RequestResponse' })
      .resolves(answer({ ok: true, trigger: 'manual', week: '2014-W19', entries: 3, archive: { new: 0, changed: 0, deleted: 0 }, checked: true }))
      .on(InvokeCommand, { InvocationType: 'Event' })
      .rejects(new TooManyRequestsException({ message: 'Rate Exceeded.', $metadata: { httpStatusCode: 429 } }));
    const response = await send();
    expect([response.statusCode, response.headers?.['retry-after']]).toEqual([429, '60']);
    expect(JSON.parse(response.body!).error).toContain('nothing was sent');
  });

  it('hands nothing on when the checks cannot finish: busy 429, failed 502, unanswered 504, each saying nothing was sent', async () => {
    lambda.on(InvokeCommand).rejects(new TooManyRequestsException({ message: 'Rate Exceeded.', $metadata: { httpStatusCode: 429 } }));
    const busy = await send();
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: Buffer.from('{}') as never, $metadata: { requestId: 'check-2' } });
    const failed = await send();
    // Less time left than the send needs to be handed on after its checks: they are not waited for.
    lambda.on(InvokeCommand).callsFake(() => new Promise(() => undefined));
    const late = await send(() => 10_000);
    expect([busy, failed, late].map((response) => response.statusCode)).toEqual([429, 502, 504]);
    for (const response of [busy, failed, late]) expect(JSON.parse(response.body!).error).toContain('nothing was sent');
    expect(JSON.parse(failed.body!).error).toContain('check-2');
    expect(invocations().map((call) => call.type)).toEqual(['RequestResponse', 'RequestResponse', 'RequestResponse']);
  });
});

// 9999-W52 ends in the year 10000: refused before any invocation, as the CLI's --week refuses it, not by the digest
// function once invoked.
describe('POST /digest for a week that runs past 9999', () => {
  it('answers 400 naming the last week that ends in 9999, and invokes nothing', async () => {
    for (const send of [false, true]) {
      const response = await digestRoute.handle({ body: { week: '9999-W52', send }, requestId: 'req-1' }, services);
      expect([response.statusCode, JSON.parse(response.body!)]).toEqual([400, { error: '"week": 9999-W52 runs into the year 10000, past the years 1000 to 9999 that dates may have (see "Limits"), so it never ends: name a week up to 9999-W51' }]);
    }
    expect(invocations()).toEqual([]);
  });
});

describe('POST /digest refused with problems too many bytes for the trigger', () => {
  it('answers 422 with the first within a run record\'s byte cap, problemsTotal kept, and leftOut saying how many more', async () => {
    // 200 lines of 30,000 bytes (30,002 as JSON), as lines and as objects: over the trigger's 4 MiB as the function gave them.
    const line = (n: number) => `entries/${String(n).padStart(3, '0')}.md: ${'z'.repeat(30_000 - 16)}`;
    const problems = Array.from({ length: 200 }, (_, n) => line(n));
    const problemDetails = problems.map((message, n) => ({ file: `entries/${n}.md`, field: 'title', message, fix: 'shorten it' }));
    lambda.on(InvokeCommand).resolves(answer({ ok: false, trigger: 'manual', error: 'ContentError', problems, problemDetails, problemsTotal: 200 } as DigestOutcome));
    const response = await send();
    expect(payloadBytes(response)).toBeLessThanOrEqual(ANSWER_BUDGET_BYTES);
    const lines = Math.floor(RUN_RECORD_DETAILS_BYTES / 30_002);
    const objects = Math.floor(RUN_RECORD_DETAILS_BYTES / Buffer.byteLength(JSON.stringify(problemDetails[0])));
    const body = JSON.parse(response.body!);
    expect([response.statusCode, body.problems, body.problemDetails, body.problemsTotal, body.leftOut]).toEqual([422, problems.slice(0, lines), problemDetails.slice(0, objects), 200, { problems: 200 - lines, problemDetails: 200 - objects }]);
  });
});
