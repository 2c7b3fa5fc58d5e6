import { LambdaClient } from '@aws-sdk/client-lambda';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../functions/logger.js';
import { createSsmClient } from '../../../functions/ssmClient.js';
import { createTriggerHandler } from '../../../functions/trigger.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { captureLogs } from '../../support/lambda.js';
import { serveAws, serveFunctionUrl, type LoopbackAws, type LoopbackServer } from '../../support/loopbackLambda.js';
import { runMain } from '../../support/runMain.js';

// The token of `broadsheet trigger --token-file FILE`, against the real trigger handler behind a loopback Function URL
// (its token in a loopback SSM): a file the editor named that cannot be read is their input to fix, and a wrong token
// read from it is theirs to check, not BROADSHEET_TRIGGER_TOKEN.
const PARAMETER = '/broadsheet/test/trigger-token';
const TOKEN = 'tR7-hQ2x_Vb9LmN4pK8wZ6yJ';
let aws: LoopbackAws;
let trigger: LoopbackServer;
let folder: string;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  logs = captureLogs();
  folder = await mkdtemp(join(tmpdir(), 'broadsheet-token-'));
  // The run queued with the right token is not this file's: a publish function that does nothing takes it.
  aws = await serveAws({ 'broadsheet-test-publish': async () => ({}) }, { [PARAMETER]: TOKEN });
  const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
  const handler = createTriggerHandler(() => ({
    config: { publishFunctionName: 'broadsheet-test-publish', digestFunctionName: 'broadsheet-test-digest', tokenParameter: PARAMETER },
    lambda: new LambdaClient({ region: 'us-east-1', endpoint: aws.url, credentials, maxAttempts: 1 }),
    ssm: createSsmClient('us-east-1', { endpoint: aws.url, credentials }),
    logger: createLogger('broadsheet-trigger'),
    runs: new MemoryStore(),
  }));
  trigger = await serveFunctionUrl('broadsheet-test-trigger', handler);
});
afterAll(async () => {
  await aws?.idle();
  await trigger?.close();
  await aws?.close();
  await rm(folder, { recursive: true, force: true });
  logs.restore();
});

const triggerWith = (file: string, env: NodeJS.ProcessEnv = {}) => runMain(['trigger', '--url', trigger.url, '--token-file', file, '--no-wait'], { cwd: folder, env: { BROADSHEET_TRIGGER_TOKEN: '', ...env } });

describe('broadsheet trigger --token-file', () => {
  it('with a wrong token in the file, says to check that file, not the variable', async () => {
    await writeFile(join(folder, 'wrong.token'), `${TOKEN.replace(/.$/, 'x')}\n`);
    const run = await triggerWith('wrong.token', { BROADSHEET_TRIGGER_TOKEN: TOKEN });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('broadsheet trigger: the trigger answered 401: missing or wrong bearer token (check the token in --token-file wrong.token)\n');
  });

  it('refuses a file missing, a folder or an empty file, naming the file and the fix, as no unexpected error', async () => {
    await writeFile(join(folder, 'empty.token'), '\n');
    const fix = "write the trigger's token, as stored in SSM, into it";
    expect(await triggerWith('missing.token')).toEqual({ code: 2, stdout: '', stderr: `broadsheet trigger: --token-file missing.token: no such file (${fix}, or set BROADSHEET_TRIGGER_TOKEN and leave out --token-file)\n` });
    expect(await triggerWith('.')).toEqual({ code: 2, stdout: '', stderr: `broadsheet trigger: --token-file .: it is a folder (${fix}, or set BROADSHEET_TRIGGER_TOKEN and leave out --token-file)\n` });
    expect(await triggerWith('empty.token')).toEqual({ code: 2, stdout: '', stderr: `broadsheet trigger: --token-file empty.token: the file is empty (${fix})\n` });
  });

  it('queues the run with the right token in the file', async () => {
    await writeFile(join(folder, 'right.token'), `${TOKEN}\n`);
    const run = await triggerWith('right.token');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Queued run [0-9a-f-]{36}; broadsheet trigger --wait [0-9a-f-]{36} waits for it and prints its outcome\n$/);
  });
});
