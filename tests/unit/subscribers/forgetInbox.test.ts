import { createHmac } from 'node:crypto';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { deliveryMailbox } from '../../../lib/subscribers/deliveryMailbox.js';
import { INBOX_FOLDER } from '../../../lib/subscribers/storeInboxSendLimit.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { forgetSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';

const NOW = DateTime.fromISO('2014-05-12T09:00:00Z');
const SECRET = 'a-long-enough-test-secret';
/** An inbox's record's name: an HMAC of the inbox's hash under the links' secret (README, "Subscribers"). */
const recordName = (inbox: string) => createHmac('sha256', SECRET).update(`broadsheet-signup-inbox\n${inbox}`).digest('hex').slice(0, 16);

describe('forgetSubscriber and the inbox record', () => {
  it('erases the inbox record the address names, shared with its other addresses, and counts it as something erased', async () => {
    const store = new MemoryStore();
    const subscribers = new StoreSubscriberStore(store);
    const limit = subscribers.inboxSendLimit(SECRET);
    // A signup of a subaddress counted a link for the inbox; its record has expired since (no subscriber record).
    expect(await limit.allow(deliveryMailbox('ada+news@gmail.com'), NOW.toMillis())).toBe(true);
    expect(await limit.allow(deliveryMailbox('grace@gmail.com'), NOW.toMillis())).toBe(true);
    const inboxKeys = async (address: string) => (await store.list(`${INBOX_FOLDER}${recordName(deliveryMailbox(address))}/`)).map((object) => object.key);
    expect(await inboxKeys('ada@gmail.com')).toHaveLength(1);

    // Without the secret the record cannot be named: it is left, and nothing else was kept of the inbox.
    expect(await forgetSubscriber(subscribers, 'a.da@gmail.com', NOW)).toBe('absent');
    expect(await inboxKeys('ada@gmail.com')).toHaveLength(1);
    expect(await forgetSubscriber(subscribers, 'a.da@gmail.com', NOW, SECRET)).toBe('erased');
    expect(await inboxKeys('ada@gmail.com')).toEqual([]);
    expect(await inboxKeys('grace@gmail.com')).toHaveLength(1);
    // Nothing left: absent.
    expect(await forgetSubscriber(subscribers, 'a.da@gmail.com', NOW, SECRET)).toBe('absent');
  });
});
