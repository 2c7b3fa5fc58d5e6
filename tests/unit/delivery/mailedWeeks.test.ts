import { describe, expect, it } from 'vitest';
import { batchStreakKey } from '../../../lib/delivery/batchStreak.js';
import { ledgerPrefix, mailedWeeks, SendLedger } from '../../../lib/delivery/sendLedger.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { recipientId } from '../../../lib/subscribers/recipient.js';

const ada = recipientId('ada@example.org');
const grace = recipientId('grace@example.org');
const JSON_TYPE = { contentType: 'application/json' };

describe('mailedWeeks (the weeks a listing of the output shows mailed to subscribers)', () => {
  it('names each week with a recipient sent or unknown, and none whose claims all failed or were released, nor a test copy, nor a batch file alone', async () => {
    const output = new MemoryStore();
    const ledger = (name: string) => new SendLedger(output, name);
    // Sent to one subscriber, the other refused.
    await ledger('2014-W19').claim(ada, 1, {});
    await ledger('2014-W19').confirm(ada, 1, {});
    await ledger('2014-W19').claim(grace, 1, {});
    await ledger('2014-W19').fail(grace, 1, {});
    // Claimed, never confirmed: maybe delivered.
    await ledger('2014-W17').claim(ada, 1, {});
    // Refused, then given back when the transport was down: nothing went out.
    await ledger('2014-W18').claim(ada, 1, {});
    await ledger('2014-W18').fail(ada, 1, {});
    await ledger('2014-W18').claim(ada, 2, {});
    await ledger('2014-W18').release(ada, 2, {});
    // A test copy of W20 sent to the editor.
    await ledger('2014-W20.test-0123456789abcdef').claim(ada, 1, {});
    await ledger('2014-W20.test-0123456789abcdef').confirm(ada, 1, {});
    // A fan-out that wrote its model and streak for W21, and sent nothing yet.
    await output.put(batchStreakKey('2014-W21'), '{"inARow":0}', JSON_TYPE);
    await output.put(`${ledgerPrefix('2014-W21')}model-0123456789abcdef.json`, '{}', JSON_TYPE);
    await output.put('digests/2014-W16.html', '<!doctype html>', { contentType: 'text/html; charset=utf-8' });
    expect(mailedWeeks(await output.list(''))).toEqual(['2014-W17', '2014-W19']);
  });
});
