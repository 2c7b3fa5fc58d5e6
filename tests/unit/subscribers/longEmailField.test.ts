import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../lib/store/localStore.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { createSubscriptionHandler, MAX_ADDRESS_BYTES, MAX_FORM_BYTES } from '../../../lib/subscribers/subscriptionHandler.js';
import { testSite } from '../../support/digestFixtures.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function signUp(email: string) {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-long-email-'));
  dirs.push(dir);
  const sent: string[] = [];
  const handler = createSubscriptionHandler({ site: testSite(), store: new StoreSubscriberStore(new LocalStore(dir)), secret: 'a-long-enough-test-secret', now: () => DateTime.fromISO('2014-05-12T09:00:00Z'), sendMail: async (to) => void sent.push(to), tags: async () => [], answerFloorMs: 0 });
  return { sent, answer: handler({ method: 'POST', contentType: 'application/x-www-form-urlencoded', url: '/subscribe', body: `email=${encodeURIComponent(email)}`, client: 'c1' }) };
}

// The longest address there can be: a 64-byte local part and a domain of 189 (three labels of 63, dots between).
const LONGEST = `${'l'.repeat(64)}@${['a', 'b', 'c'].map((c) => c.repeat(61)).join('.')}.org`;

describe('a signup whose email field is longer than any address', () => {
  it('takes the longest address there can be', async () => {
    expect(Buffer.byteLength(LONGEST)).toBe(MAX_ADDRESS_BYTES);
    const { answer, sent } = signUp(LONGEST);
    expect((await answer).status).toBe(200);
    expect(sent).toEqual([LONGEST]);
  });

  it('refuses a field one byte longer, or a form body of spaces around one word, as longer than any address, unread', async () => {
    // 5,000 spaces, encoded as %20, stay within the form's MAX_FORM_BYTES: the field itself is what is refused.
    for (const email of [`x${LONGEST}`, `a${' '.repeat(5_000)}b@example.org`]) {
      const { answer, sent } = signUp(email);
      const refused = await answer;
      expect(refused.status).toBe(400);
      expect(refused.body).toContain(`It cannot be used: it is longer than ${MAX_ADDRESS_BYTES} bytes, more than any address can be.`);
      expect(sent).toEqual([]);
    }
  });

  it('refuses a form past MAX_FORM_BYTES as too large, before its field is read', async () => {
    const email = `a${' '.repeat(16_000)}b@example.org`;
    expect(Buffer.byteLength(`email=${encodeURIComponent(email)}`)).toBeGreaterThan(MAX_FORM_BYTES);
    const { answer, sent } = signUp(email);
    const refused = await answer;
    expect(refused.status).toBe(413);
    expect(refused.body).toContain('fewer topics ticked');
    expect(sent).toEqual([]);
  });

  it('measures the field without the spaces around it, which the address does not hold', async () => {
    const { answer, sent } = signUp(`  ${LONGEST}  `);
    expect((await answer).status).toBe(200);
    expect(sent).toEqual([LONGEST]);
  });
});
