import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { SubscriberConflictError } from '../../../lib/shared/errors.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { newSubscriber, subscriberId } from '../../../lib/subscribers/subscriber.js';
import type { VersionedSubscriber } from '../../../lib/subscribers/subscriberStore.js';
import { createSubscriptionHandler } from '../../../lib/subscribers/subscriptionHandler.js';
import { signToken } from '../../../lib/subscribers/subscriberToken.js';
import { testSite } from '../../support/digestFixtures.js';

const SECRET = 'a-long-enough-test-secret';
const ADDRESS = 'ada@example.org';
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The store on a real folder, with another writer that writes the record again after each read the handler makes. */
class OutwrittenStore extends StoreSubscriberStore {
  otherWrites = 0;

  override async get(id: string): Promise<VersionedSubscriber | undefined> {
    const read = await super.get(id);
    this.otherWrites++;
    const at = `2014-05-12T09:00:${String(this.otherWrites).padStart(2, '0')}.000Z`;
    await super.put({ ...(read?.subscriber ?? newSubscriber(ADDRESS, at)), status: 'confirmed', updatedAt: at }, read?.version);
    return read;
  }
}

describe('a subscriber record that another writer keeps changing', () => {
  it('is refused with SubscriberConflictError once the retries are spent, and the record is left as the other writer wrote it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-record-race-'));
    dirs.push(dir);
    const store = new OutwrittenStore(new LocalStore(dir));
    const handler = createSubscriptionHandler({
      site: testSite(),
      store,
      secret: SECRET,
      now: () => DateTime.fromISO('2014-05-12T09:00:00Z'),
      sendMail: async () => undefined,
      tags: async () => [],
      answerFloorMs: 0,
    });
    const url = `/unsubscribe?token=${signToken({ address: ADDRESS, purpose: 'unsubscribe' }, SECRET)}`;
    // Typed, so that the shells answer as for any failure of the store (functions/subscribe.ts: the 503 page asking
    // to try again), and their log line names the conflict.
    const refused = handler({ method: 'POST', url, body: 'List-Unsubscribe=One-Click', client: 'c1' });
    await expect(refused).rejects.toBeInstanceOf(SubscriberConflictError);
    await expect(refused).rejects.toThrow('the subscriber record kept changing while it was being written; try again');
    const left = await store.get(subscriberId(ADDRESS));
    expect(left?.subscriber).toMatchObject({ status: 'confirmed', updatedAt: `2014-05-12T09:00:${String(store.otherWrites - 1).padStart(2, '0')}.000Z` });
  });
});
