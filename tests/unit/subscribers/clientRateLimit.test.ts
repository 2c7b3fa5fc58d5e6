import { describe, expect, it } from 'vitest';
import { ClientRateLimit, CLIENT_LIMIT, CLIENT_WINDOW_MS } from '../../../lib/subscribers/clientRateLimit.js';

describe('ClientRateLimit', () => {
  it('allows 10 requests per client in a 10-minute window, then none until the next window', () => {
    expect([CLIENT_LIMIT, CLIENT_WINDOW_MS]).toEqual([10, 600_000]);
    const limit = new ClientRateLimit();
    const t0 = 1_000_000;
    for (let i = 0; i < 10; i++) expect(limit.allow('a', t0 + i)).toBe(true);
    expect(limit.allow('a', t0 + 11)).toBe(false);
    expect(limit.allow('b', t0 + 12)).toBe(true);
    expect(limit.allow('a', t0 + CLIENT_WINDOW_MS - 1)).toBe(false);
    expect(limit.allow('a', t0 + CLIENT_WINDOW_MS)).toBe(true);
  });
});
