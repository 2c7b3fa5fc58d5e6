import { describe, expect, it } from 'vitest';
import { prepareSend, type DigestSendOptions } from '../../../lib/delivery/digestDelivery.js';
import { FileTransport } from '../../../lib/delivery/fileTransport.js';
import { ConfigError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { DIGEST, testSite } from '../../support/digestFixtures.js';

// A subscriber of the store who follows the List-Unsubscribe link must be recorded there: only the subscription
// handler's own /unsubscribe does it. Any other link leaves them subscribed, and sent every week.
const send = (subscriberStore: boolean): DigestSendOptions => ({ transport: () => new FileTransport(new MemoryStore()), unsubscribeSecret: 'a-secret-long-enough-for-tests', subscriberStore });
const own = { ...DIGEST, unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' } };

describe('the unsubscribe link of a send to the subscriber store', () => {
  it('must be the subscription handler\'s own: another endpoint is refused, naming it and the URL to write', async () => {
    await expect(prepareSend(testSite({}, DIGEST), send(true))).rejects.toThrow(
      new ConfigError("site.yml: digest.unsubscribe.url is https://lists.watch.example.org/unsubscribe?email={email}, but the subscriber store's subscribers leave through its own endpoint, the one place that records it (write url: https://watch.example.org/unsubscribe?token={token})"),
    );
    expect((await prepareSend(testSite({}, own), send(true))).unsubscribe).toMatchObject({ kind: 'headers', urlTemplate: 'https://watch.example.org/unsubscribe?token={token}' });
  });

  it('may be any https endpoint for a list of addresses (a subscriber file, --to)', async () => {
    expect((await prepareSend(testSite({}, DIGEST), send(false))).unsubscribe).toMatchObject({ kind: 'headers', urlTemplate: DIGEST.unsubscribe.url });
  });
});
