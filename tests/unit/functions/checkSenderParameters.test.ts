import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSenderParameters } from '../../../functions/checkSenderParameters.js';
import { createLambdaClient } from '../../../functions/lambdaClients.js';
import { ParameterError } from '../../../lib/shared/errors.js';
import { serveLoopback } from '../../support/loopbackHttp.js';

// The Lambda client against a real HTTP server on loopback answering Invoke as Lambda does: a JSON error with its
// type in x-amzn-errortype, a reset connection, or the sender's answer.
type Answer = { status: number; type?: string; body: string } | 'reset';
let answer: Answer;
let server: Awaited<ReturnType<typeof serveLoopback>>;

function handle(request: IncomingMessage, response: ServerResponse): void {
  request.resume();
  request.on('end', () => {
    if (answer === 'reset') return void request.socket.destroy();
    response.writeHead(answer.status, { 'content-type': 'application/json', 'x-amzn-requestid': 'check-1', ...(answer.type ? { 'x-amzn-errortype': answer.type } : {}) });
    response.end(answer.body);
  });
}

beforeAll(async () => (server = await serveLoopback(handle)));
afterAll(() => server.close());

const lambdaError = (status: number, type: string): Answer => ({ status, type, body: JSON.stringify({ Type: 'User', message: `${type} from Lambda` }) });

async function check(given: Answer) {
  answer = given;
  const warnings: { message: string; extra: unknown }[] = [];
  const logger = { warn: (message: string, extra?: unknown) => void warnings.push({ message, extra }) };
  const client = createLambdaClient('us-east-1', { endpoint: server.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const outcome = await checkSenderParameters('broadsheet-test-digest-sender', false, client, logger as never, 2_000).then(
    () => 'queued',
    (error: unknown) => error,
  );
  return { outcome, warnings };
}

describe('checkSenderParameters', () => {
  it.each([
    ['ServiceException', lambdaError(500, 'ServiceException')],
    ['ResourceConflictException', lambdaError(409, 'ResourceConflictException')],
  ])('queues the send when Lambda fails with %s, with a warning naming it', async (name, given) => {
    const { outcome, warnings } = await check(given);
    expect(outcome).toBe('queued');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toBe('the digest-sender could not be asked whether it can read its parameters: the send is queued, and each batch reads them');
    expect(warnings[0]!.extra).toMatchObject({ error: { name } });
  });

  it('queues the send when the connection is reset', async () => {
    const { outcome, warnings } = await check('reset');
    expect(outcome).toBe('queued');
    expect(warnings.map((w) => w.message)).toEqual(['the digest-sender could not be asked whether it can read its parameters: the send is queued, and each batch reads them']);
    expect(JSON.stringify(warnings[0]!.extra)).toMatch(/ECONNRESET|socket hang up/);
  });

  it('queues the send when its role may not invoke the sender, naming the grant missing and the fix', async () => {
    const { outcome, warnings } = await check(lambdaError(403, 'AccessDeniedException'));
    expect(outcome).toBe('queued');
    expect(warnings.map((w) => w.message)).toEqual([
      "this function's role has no lambda:InvokeFunction grant on broadsheet-test-digest-sender (deploy the whole stack, not one function): its parameters are not checked; the send is queued, and each batch reads them",
    ]);
  });

  it('still refuses a send whose parameter the sender says it cannot read', async () => {
    const said = { ok: false, transient: false, parameter: '/broadsheet/secret', variable: 'SECRET_PARAMETER', message: 'the parameter /broadsheet/secret is not found' };
    const { outcome, warnings } = await check({ status: 200, body: JSON.stringify(said) });
    expect(outcome).toBeInstanceOf(ParameterError);
    expect((outcome as Error).message).toBe(said.message);
    expect(outcome).toMatchObject({ parameter: said.parameter, variable: said.variable, transient: false });
    expect(warnings).toEqual([]);
  });
});
