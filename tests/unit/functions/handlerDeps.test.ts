import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlerDeps } from '../../../functions/handlerDeps.js';
import { createLogger } from '../../../functions/logger.js';
import { ConfigError } from '../../../lib/shared/errors.js';
import { captureLogs, lambdaContext } from '../../support/lambda.js';

let logs: ReturnType<typeof captureLogs>;
beforeEach(() => (logs = captureLogs()));
afterEach(() => logs.restore());

describe('handlerDeps', () => {
  it('makes the dependencies once, on the first invocation, and keeps them', () => {
    let made = 0;
    const depsFor = handlerDeps(() => ({ made: ++made }), createLogger('t'));
    expect(depsFor(lambdaContext('f', 'r1'))).toEqual({ made: 1 });
    expect(depsFor(lambdaContext('f', 'r2'))).toEqual({ made: 1 });
    expect(logs.lines()).toEqual([]);
  });

  it('logs a failure once as a configuration error with the request id and the error without addresses, rethrows it, and tries again next time', () => {
    let fail = true;
    const depsFor = handlerDeps(() => {
      if (fail) throw new ConfigError('DIGEST_FROM: "ada@example.org" is not allowed here');
      return { ok: true };
    }, createLogger('t'));
    expect(() => depsFor(lambdaContext('f', 'r1'))).toThrow(ConfigError);
    expect(logs.lines()).toEqual([expect.objectContaining({ level: 'ERROR', message: 'configuration error', function_request_id: 'r1', error: { name: 'ConfigError', message: 'DIGEST_FROM: "<address>" is not allowed here' } })]);
    fail = false;
    expect(depsFor(lambdaContext('f', 'r2'))).toEqual({ ok: true });
  });
});
