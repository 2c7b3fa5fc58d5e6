import { describe, expect, it } from 'vitest';
import { testLedgerName } from '../../../lib/delivery/digestDelivery.js';
import { SendLedger } from '../../../lib/delivery/sendLedger.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { recipientId } from '../../../lib/subscribers/recipient.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

const site = testSite();
const first = meta('2014-05-06T09:00', { title: 'Kaesong output recovers' });

describe('testLedgerName: the ledger of test copies (digest --to)', () => {
  it('is the week’s name and a version of the email, the same for the same week', () => {
    const name = testLedgerName(weekModel(site, [first]));
    expect(name).toMatch(/^2014-W19\.test-[0-9a-f]{16}$/);
    expect(testLedgerName(weekModel(site, [first]))).toBe(name);
  });

  it('is another when the email changes: a corrected title, another entry, another subject', () => {
    const name = testLedgerName(weekModel(site, [first]));
    expect(testLedgerName(weekModel(site, [{ ...first, title: 'Kaesong output recovers (corrected)' }]))).not.toBe(name);
    expect(testLedgerName(weekModel(site, [first, meta('2014-05-08T09:00')]))).not.toBe(name);
    expect(testLedgerName(weekModel(testSite({}, { ...site.digest, subject: 'Weekly: {range}' }), [first]))).not.toBe(name);
  });

  it('is a ledger the subscribers’ send of the week never reads', async () => {
    const store = new MemoryStore();
    const model = weekModel(site, [first]);
    const id = recipientId('ada@example.org');
    const test = new SendLedger(store, testLedgerName(model));
    expect(await test.claim(id, 1, {})).toBe(true);
    await test.confirm(id, 1, {});
    expect((await test.load()).get(id)?.status).toBe('sent');
    expect((await new SendLedger(store, model.week.name).load()).get(id)).toBeUndefined();
    expect((await new SendLedger(store, model.week.name, true).load([id])).get(id)).toBeUndefined();
  });
});
