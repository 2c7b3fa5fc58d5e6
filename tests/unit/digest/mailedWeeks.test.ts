import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { batchStreakKey } from '../../../lib/delivery/batchStreak.js';
import { ledgerPrefix } from '../../../lib/digest/ledgerRecords.js';
import { findMailedWeeks, mailedWeeks, newestLedgerWeeks } from '../../../lib/digest/mailedWeeks.js';
import { SendLedger } from '../../../lib/delivery/sendLedger.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { recipientId } from '../../../lib/subscribers/recipient.js';
import { MAILED, writeLedgers } from '../../support/mailedLedgers.js';

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

describe('findMailedWeeks (the same weeks, without listing every recipient record)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'broadsheet-mailed-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it.each([
    ['a folder', () => new LocalStore(folder)],
    ['a store listing two keys a request', () => new MemoryStore(2)],
  ])('finds in %s the weeks mailedWeeks finds in the listing of the whole output', async (_, open) => {
    const output = open();
    await writeLedgers(output, 5);
    expect(mailedWeeks(await output.list(''))).toEqual(MAILED);
    const confirmed = new Set<string>();
    expect(await findMailedWeeks(output, confirmed)).toEqual(MAILED);
    // Only W19 has a confirmed send; asked again, the set spares listing it.
    expect([...confirmed]).toEqual(['2014-W19']);
    expect(await findMailedWeeks(output, confirmed)).toEqual(MAILED);
  });

  it('makes as many list requests for 12 recipients as for 3, and fewer again for a week known sent', async () => {
    const few = new MemoryStore(2);
    const many = new MemoryStore(2);
    await writeLedgers(few, 3);
    await writeLedgers(many, 12);
    const confirmed = new Set<string>();
    expect(await findMailedWeeks(few)).toEqual(MAILED);
    expect(await findMailedWeeks(many, confirmed)).toEqual(MAILED);
    // Two keys a request. The 6 ledger folders: 3. W16's handover: 1. W17's claim and handover: 1. W18's two claims,
    // failed and released: 2. W19's first recipient failed (2 keys), the second's claim and handover, then its sent
    // beside the third's claim, which ends it: 3. W21's model and streak: 1. The test copy: none.
    expect(many.requests.list).toBe(few.requests.list);
    expect(few.requests.list).toBe(11);
    expect(await findMailedWeeks(many, confirmed)).toEqual(MAILED);
    expect(many.requests.list).toBe(11 + 8);
  });
});

describe('newestLedgerWeeks (the send ledger\'s weeks, newest first)', () => {
  it('lists the ledger\'s week folders newest first, leaving out a test copy, unless the caller gives the weeks', async () => {
    const output = new MemoryStore();
    for (const name of ['2014-W19', '2013-W52', '2014-W20.test-0123456789abcdef', '2014-W02']) await new SendLedger(output, name).claim(ada, 1, {});
    expect(await newestLedgerWeeks(output)).toEqual(['2014-W19', '2014-W02', '2013-W52']);
    const listed = output.requests.list;
    const given = ['2014-W02', '2015-W01', '2014-W19'];
    expect(await newestLedgerWeeks(output, given)).toEqual(['2015-W01', '2014-W19', '2014-W02']);
    // The caller's list is used as given, unlisted and not changed.
    expect(output.requests.list).toBe(listed);
    expect(given).toEqual(['2014-W02', '2015-W01', '2014-W19']);
  });
});
