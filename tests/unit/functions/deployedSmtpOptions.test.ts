import { describe, expect, it } from 'vitest';
import { deployedSmtpOptions } from '../../../functions/deployedSmtpOptions.js';
import { readDeliveryConfig } from '../../../functions/digestEnv.js';
import { SmtpTransport } from '../../../lib/delivery/smtpTransport.js';

const ENV = { CONTENT_BUCKET: 'watch-content', SITE_BUCKET: 'watch-site', SUBSCRIBERS_PREFIX: '_subscribers/' };
const url = (query: string) => `smtp://digest:app-password-1234@smtp.example.org:587/${query}`;
const rate = (query: string, env: Record<string, string> = {}) => new SmtpTransport(deployedSmtpOptions(url(query), readDeliveryConfig({ ...ENV, ...env }))).rate;

describe("the digest-sender function's SMTP transport", () => {
  it("keeps SMTP_URL's rate shared among the SENDER_CONCURRENCY senders side by side", () => {
    // 14 a second between 2 senders: 7 each. 30 a minute (one each 2 s) among 3: one each 6 s.
    expect(rate('?rateLimit=14', { SENDER_CONCURRENCY: '2' })).toBe(7);
    expect(rate('?rateLimit=30&rateDelta=60000', { SENDER_CONCURRENCY: '3' })).toBeCloseTo(1 / 6, 12);
    // One sender (SENDER_CONCURRENCY unset) keeps the whole rate; no rateLimit, no limit.
    expect(rate('?rateLimit=14')).toBe(14);
    expect(rate('', { SENDER_CONCURRENCY: '2' })).toBeUndefined();
  });
});
