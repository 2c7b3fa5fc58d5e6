import type { Recipient } from '../subscribers/recipient.js';
import type { Subscriber } from '../subscribers/subscriber.js';
import { subscriberRecipients } from '../subscribers/subscriberRecipients.js';
import type { SubscriberStore } from '../subscribers/subscriberStore.js';
import { storeReadStop, type ReadTime } from './storeReadStop.js';

/**
 * A shard's confirmed subscribers (subscriberRecipients), each of its store requests begun only while it and what
 * follows the send fit in the time left (storeReadStop): the shard's listing with its first record, then a record at
 * a time. Else why the read stopped: nothing of the shard is sent, and a rerun reads it again. A listing of several
 * pages is counted as one request, as the ledger's reads count theirs.
 */
export async function shardRecipientsInTime(store: Pick<SubscriberStore, 'list'>, shard: string, time: ReadTime): Promise<{ recipients: Recipient[] } | { stopped: string }> {
  let stopped: string | undefined;
  const what = `reading shard ${shard} of the subscriber store`;
  async function* checked(): AsyncGenerator<Subscriber> {
    // The first step lists the shard and reads its first record; each later one reads a record.
    stopped = storeReadStop(time, 2, what);
    if (stopped !== undefined) return;
    const records = store.list(shard)[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await records.next();
        if (next.done) return;
        yield next.value;
        stopped = storeReadStop(time, 1, what);
        if (stopped !== undefined) return;
      }
    } finally {
      await records.return?.();
    }
  }
  const recipients = await subscriberRecipients({ list: checked }, shard);
  return stopped === undefined ? { recipients } : { stopped };
}
