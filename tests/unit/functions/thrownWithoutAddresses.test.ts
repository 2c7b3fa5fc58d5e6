import { describe, expect, it } from 'vitest';
import { thrownWithoutAddresses } from '../../../functions/thrownWithoutAddresses.js';
import { DeadlineError, StoreError } from '../../../lib/shared/errors.js';

describe('thrownWithoutAddresses', () => {
  it('throws an error that quotes no address as it is, its class kept', () => {
    const error = new StoreError('cannot list s3://content/_subscribers/0a1d/: InternalError (HTTP 500)');
    expect(thrownWithoutAddresses(error)).toBe(error);
    const deadline = new DeadlineError('900 ms left');
    expect(thrownWithoutAddresses(deadline)).toBe(deadline);
  });

  it('throws one that quotes an address, in its message or a field, under its name without it, the original its cause', () => {
    const quoted = Object.assign(new Error('550 5.1.1 <ada@example.org>: unknown user'), { name: 'DeliveryError' });
    const thrown = thrownWithoutAddresses(quoted) as Error;
    expect([thrown.name, thrown.message, thrown.cause]).toEqual(['DeliveryError', '550 5.1.1 <<address>>: unknown user', quoted]);
    expect(thrown.stack).toMatch(/^DeliveryError: 550 5\.1\.1 <<address>>: unknown user\n/);
    const field = Object.assign(new Error('refused'), { recipient: 'bob@example.org' });
    expect(JSON.stringify({ ...(thrownWithoutAddresses(field) as object) })).not.toContain('bob@');
  });
});
