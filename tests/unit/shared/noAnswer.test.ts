import { describe, expect, it } from 'vitest';
import { isNoAnswer, noAnswerMessage } from '../../../lib/shared/noAnswer.js';

// The words of a request that got no answer: a connection refused or never made waited out no timeout, so it is not
// told as one cut off after the request timeout.
describe('noAnswerMessage', () => {
  const bounds = { endpoint: 'http://127.0.0.1:9', attempts: 3, requestTimeoutMs: 10_000, setBy: 'X_TIMEOUT_MS and X_ATTEMPTS set these' };
  const error = (name: string, code: string | undefined, message: string) => Object.assign(new Error(message), { name }, code ? { code } : {});

  it('tells a refused connection as refused, with the attempts and the error', () => {
    const refused = error('Error', 'ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9');
    expect(isNoAnswer(refused)).toBe(true);
    expect(noAnswerMessage(bounds, 'Error ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9', refused)).toBe('http://127.0.0.1:9 refused the connection (3 attempts; Error ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9)');
  });

  it('tells a host not found or not reachable as not reached', () => {
    const unknown = error('Error', 'ENOTFOUND', 'getaddrinfo ENOTFOUND ses.invalid');
    expect(noAnswerMessage({ ...bounds, attempts: 1 }, 'Error ENOTFOUND: getaddrinfo ENOTFOUND ses.invalid', unknown)).toBe('http://127.0.0.1:9 could not be reached (1 attempt; Error ENOTFOUND: getaddrinfo ENOTFOUND ses.invalid)');
  });

  it('tells a request cut off by its timeout as unanswered, with the bounds and how they are set', () => {
    const cut = error('TimeoutError', 'ETIMEDOUT', 'a request has exceeded the configured 10000 ms requestTimeout.');
    expect(noAnswerMessage(bounds, 'TimeoutError ETIMEDOUT: …', cut)).toBe('http://127.0.0.1:9 did not answer (3 attempts, each cut off after 10 s: X_TIMEOUT_MS and X_ATTEMPTS set these; TimeoutError ETIMEDOUT: …)');
    // A dropped connection may have been the answer cut short: unanswered too.
    expect(noAnswerMessage(bounds, 'Error ECONNRESET: socket hang up', error('Error', 'ECONNRESET', 'socket hang up'))).toMatch(/^http:\/\/127\.0\.0\.1:9 did not answer \(3 attempts, each cut off after 10 s/);
  });
});
