import { describe, expect, it } from 'vitest';
import { ClientRateLimit, CLIENT_LIMIT, CLIENT_WINDOW_MS } from '../../../lib/subscribers/clientRateLimit.js';

const W = CLIENT_WINDOW_MS;

describe('ClientRateLimit', () => {
  it('allows 10 requests per client in 10 minutes, then none until the first of them is 10 minutes old', () => {
    expect([CLIENT_LIMIT, CLIENT_WINDOW_MS]).toEqual([10, 600_000]);
    const limit = new ClientRateLimit();
    const t0 = 1_000_000;
    for (let i = 0; i < 10; i++) expect(limit.allow('a', t0 + i)).toBe(true);
    expect(limit.allow('a', t0 + 11)).toBe(false);
    expect(limit.allow('b', t0 + 12)).toBe(true);
    expect(limit.allow('a', t0 + W - 1)).toBe(false);
    // The first request (t0) has left the window: one more, not ten.
    expect(limit.allow('a', t0 + W)).toBe(true);
    expect(limit.allow('a', t0 + W)).toBe(false);
    expect(limit.allow('a', t0 + W + 1)).toBe(true);
  });

  it('never allows more than 10 in any 10 minutes across the edge of a window', () => {
    const limit = new ClientRateLimit();
    const t0 = 5_000_000;
    // Another client's request at t0, then this one's ten at the very end of the 10 minutes from t0, and ten more a
    // moment later: a window that began at t0 would have started afresh.
    expect(limit.allow('b', t0)).toBe(true);
    for (let i = 0; i < 10; i++) expect(limit.allow('a', t0 + W - 10 + i)).toBe(true);
    const across = Array.from({ length: 10 }, (_, i) => limit.allow('a', t0 + W + i));
    expect(across.filter(Boolean)).toEqual([]);
    // Ten minutes after the first of them, the first leaves the window.
    expect(limit.allow('a', t0 + 2 * W - 11)).toBe(false);
    expect(limit.allow('a', t0 + 2 * W - 10)).toBe(true);
  });

  it('keeps to a limit and window of its own, and forgets clients whose requests have left the window', () => {
    const limit = new ClientRateLimit(3, 1_000);
    for (let i = 0; i < 50; i++) limit.allow(`client-${i}`, i);
    expect(limit.size).toBe(50);
    expect(limit.allow('late', 2_000)).toBe(true);
    expect(limit.size).toBe(1);
  });

  it('tells a refused client how long until its oldest request leaves the window, and an allowed one 0', () => {
    const limit = new ClientRateLimit();
    const t0 = 9_000_000;
    for (let i = 0; i < 10; i++) expect(limit.allow('a', t0 + i * 1_000)).toBe(true);
    expect(limit.retryAfterMs('b', t0)).toBe(0);
    const at = t0 + 5 * 60 * 1000;
    expect(limit.allow('a', at)).toBe(false);
    expect(limit.retryAfterMs('a', at)).toBe(t0 + W - at);
    // Once told, the wait is right to the millisecond: a moment sooner is refused, then one more goes through.
    expect(limit.allow('a', t0 + W - 1)).toBe(false);
    expect(limit.retryAfterMs('a', t0 + W - 1)).toBe(1);
    expect(limit.retryAfterMs('a', t0 + W)).toBe(0);
    expect(limit.allow('a', t0 + W)).toBe(true);
    // The next slot frees when the second of the ten leaves.
    expect(limit.retryAfterMs('a', t0 + W)).toBe(1_000);
  });

  it('refuses a client until the time it is told (the store’s count refused it), counting nothing, and then lets it on', () => {
    const limit = new ClientRateLimit();
    const t0 = 11_000_000;
    expect(limit.allow('a', t0)).toBe(true);
    limit.refuseUntil('a', t0 + 300_000);
    // An earlier time told later does not shorten it.
    limit.refuseUntil('a', t0 + 1_000);
    expect(limit.allow('a', t0 + 299_999)).toBe(false);
    expect(limit.retryAfterMs('a', t0 + 100_000)).toBe(200_000);
    expect(limit.allow('b', t0 + 1)).toBe(true);
    // The refusals were not counted: at the time told it goes on, with nine more to come in the window.
    expect(limit.allow('a', t0 + 300_000)).toBe(true);
    for (let i = 1; i <= 8; i++) expect(limit.allow('a', t0 + 300_000 + i)).toBe(true);
    expect(limit.allow('a', t0 + 300_009)).toBe(false);
  });
});
