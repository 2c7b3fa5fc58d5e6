import { describe, expect, it } from 'vitest';
import { thrownWithoutAddresses } from '../../../functions/thrownWithoutAddresses.js';
import { DeadlineError, DeliveryError, StoreError } from '../../../lib/shared/errors.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';

describe('thrownWithoutAddresses', () => {
  it('throws an error that quotes no address as it is, its class kept', () => {
    const error = new StoreError('cannot list s3://content/_subscribers/0a1d/: InternalError (HTTP 500)');
    expect(thrownWithoutAddresses(error)).toBe(error);
    const deadline = new DeadlineError('900 ms left');
    expect(thrownWithoutAddresses(deadline)).toBe(deadline);
  });

  it('throws one that quotes an address, in its message, its stack or a field, without it, its class and cause kept', () => {
    const cause = new Error('SES said so');
    const quoted = new DeliveryError('550 5.1.1 <ada@example.org>: unknown user', 'refused', { cause });
    // Read once already (a logger, the SDK): the stack keeps the message it was first read with.
    expect(quoted.stack).toContain('ada@example.org');
    const thrown = thrownWithoutAddresses(quoted) as DeliveryError;
    expect(thrown).toBeInstanceOf(DeliveryError);
    expect([thrown.name, thrown.message, thrown.outcome, thrown.cause]).toEqual(['DeliveryError', '550 5.1.1 <<address>>: unknown user', 'refused', cause]);
    expect(thrown.stack).toMatch(/^DeliveryError: 550 5\.1\.1 <<address>>: unknown user\n {4}at /);
    const field = Object.assign(new Error('refused'), { recipient: 'bob@example.org' });
    expect(JSON.stringify({ ...(thrownWithoutAddresses(field) as object) })).toBe('{"recipient":"<address>"}');
    expect(thrownWithoutAddresses('refused for bob@example.org')).toBe('refused for <address>');
  });

  it("throws a storage error without the address's hash its key is named by, in its message, its stack or a field", () => {
    const id = subscriberId('ada@example.org');
    const key = `s3://content/_subscribers/${id}/0000000001.json`;
    const error = Object.assign(new StoreError(`cannot get ${key}: AccessDenied (HTTP 403)`), { Key: `_subscribers/${id}/0000000001.json` });
    expect(error.stack).toContain(id);
    const thrown = thrownWithoutAddresses(error) as StoreError;
    expect(thrown).toBeInstanceOf(StoreError);
    expect(thrown.message).toBe('cannot get s3://content/_subscribers/<hash>/0000000001.json: AccessDenied (HTTP 403)');
    expect(thrown.stack).toMatch(/^StoreError: cannot get s3:\/\/content\/_subscribers\/<hash>\/0000000001\.json: AccessDenied \(HTTP 403\)\n {4}at /);
    expect(JSON.stringify({ ...(thrown as object) })).toBe('{"name":"StoreError","Key":"_subscribers/<hash>/0000000001.json"}');
  });

  it('throws a message longer than a log line keeps without the hash or address past its first 1,000 characters', () => {
    const id = subscriberId('ada@example.org');
    const prefix = 'x'.repeat(1_000);
    for (const quoted of [`${prefix} cannot get s3://content/_subscribers/${id}/0000000001.json`, `${prefix} 550 5.1.1 <ada@example.org>: unknown user`]) {
      const thrown = thrownWithoutAddresses(new StoreError(quoted)) as StoreError;
      // Cut as the log line's copy is: the first 1,000 characters, which hold neither.
      expect(thrown.message).toBe(prefix);
      expect(thrown.stack!.startsWith(`StoreError: ${prefix}\n    at `)).toBe(true);
      expect(thrown.stack).not.toMatch(/ada@example\.org|_subscribers\/[0-9a-f]/);
    }
  });

  // Lambda's "Invoke Error" line holds the stack as the only record of the deeper frames: cleaned, never cut to a
  // message's 1,000 characters. Two shapes of stack put an address past that: one read before its message was
  // reworded (it keeps the first message), to one that quotes an address or to one that quotes none, and one an
  // enumerable field (an error copied field by field).
  it('throws a long stack that quotes an address past its first 1,000 characters whole, its last frame kept, without the address', () => {
    const frames = Array.from({ length: 40 }, (_, i) => `    at step${i} (file:///var/task/functions/sesFeedback.mjs:${i + 1}:7)`);
    const first = `${'x'.repeat(1_000)} 550 5.1.1 <ada@example.org>: unknown user`;
    const stack = [`DeliveryError: ${first}`, ...frames.slice(0, 20), `    at mark (ada@example.org)`, ...frames.slice(20)].join('\n');
    const expected = stack.replaceAll('ada@example.org', '<address>');
    const reworded = new DeliveryError(first, 'refused');
    reworded.stack = stack;
    reworded.message = 'the week failed for ada@example.org';
    const rewordedClean = new DeliveryError(first, 'refused');
    rewordedClean.stack = stack;
    rewordedClean.message = 'the week failed';
    const copied = Object.defineProperty(new DeliveryError('refused', 'refused'), 'stack', { value: stack, writable: true, configurable: true, enumerable: true });
    for (const error of [reworded, rewordedClean, copied]) {
      expect(stack.indexOf('ada@example.org')).toBeGreaterThan(1_000);
      const thrown = thrownWithoutAddresses(error) as DeliveryError;
      expect(thrown.stack).toBe(expected);
      expect(thrown.stack!.endsWith(frames.at(-1)!)).toBe(true);
      expect(thrown.stack).not.toContain('ada@example.org');
    }
    expect(reworded.message).toBe('the week failed for <address>');
    expect(Object.keys(copied)).toContain('stack');
  });
});
