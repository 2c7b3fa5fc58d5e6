import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ledgerPrefix } from '../../../lib/digest/ledgerRecords.js';
import { sendDigest } from '../../../lib/delivery/sendDigest.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { parseSubscriberList, recipientId } from '../../../lib/subscribers/recipient.js';
import { meta, testSendOptions, testSite, weekModel } from '../../support/digestFixtures.js';
import { recordingTransport } from '../../support/recordingTransport.js';

// A claim that takes longer than the two store requests counted for it (S3 answering 409 and the write made again, a
// slow store) leaves less time than the message and its other records need: the claim is given back, nothing sent,
// rather than a message handed over that the run's end may cut off unanswered, unknown for good.
const model = weekModel(testSite(), [meta('2014-05-08')]);
const NOW = DateTime.fromISO('2014-05-12T08:00:00+09:00');
const ADA = 'ada@example.org';
const ledgerOf = (name: string) => `${ledgerPrefix(model.week.name)}${recipientId(ADA)}/${name}`;

/** A store whose claims each take `claimMs` off the run's time. */
class SlowClaims extends MemoryStore {
  constructor(
    private readonly clock: { left: number },
    private readonly claimMs: number,
  ) {
    super();
  }
  override async putIfAbsent(key: string, body: Buffer | string, options: { contentType: string }): Promise<boolean> {
    if (key.endsWith('.claim.json')) this.clock.left -= this.claimMs;
    return super.putIfAbsent(key, body, options);
  }
}

// Requests of 1 s, the message 1 s, 1 s kept for what follows: the message's reserve is 1 + 5 × 1 + 1 = 7 s, begun
// with exactly that left; once claimed, 7 − 2 (the claim's two requests) = 5 s must be left.
const TIME = { storeRequestMs: 1000, reserveMs: 1000 };

async function send(claimMs: number) {
  const clock = { left: 7000 };
  const store = new SlowClaims(clock, claimMs);
  const inbox: string[] = [];
  const summary = await sendDigest({ ...testSendOptions({ model, recipients: parseSubscriberList(ADA), transport: recordingTransport(inbox, 1000), store, now: NOW, runId: 'timed' }), ...TIME, timeLeft: () => clock.left });
  return { store, inbox, summary };
}

describe('a claim that ate more time than counted', () => {
  it('is given back, nothing sent, and the next run sends it once', async () => {
    const { store, inbox, summary } = await send(3000);
    expect(summary).toMatchObject({ sent: 0, unknown: 0, notReached: 1, stopped: '4 s left once claimed, and the message may take 5 s with what follows it' });
    expect(inbox).toEqual([]);
    expect([...store.objects.keys()].filter((key) => key.startsWith(ledgerOf(''))).map((key) => key.slice(ledgerOf('').length)).sort()).toEqual(['1.claim.json', '1.released.json']);
    expect(JSON.parse(store.objects.get(ledgerOf('1.released.json'))!.body.toString())).toMatchObject({ reason: `not sent: ${summary.stopped}` });
    const rerun = await sendDigest(testSendOptions({ model, recipients: parseSubscriberList(ADA), transport: recordingTransport(inbox, 1000), store, now: NOW, runId: 'rerun' }));
    expect(rerun).toMatchObject({ sent: 1 });
    expect(inbox).toEqual([ADA]);
    expect(store.objects.has(ledgerOf('2.sent.json'))).toBe(true);
  });

  it('within its count, the message is sent; a millisecond past it, not', async () => {
    const { inbox, summary } = await send(2000);
    expect(summary).toMatchObject({ sent: 1, notReached: 0 });
    expect(summary.stopped).toBeUndefined();
    expect(inbox).toHaveLength(1);
    expect((await send(2001)).summary).toMatchObject({ sent: 0, notReached: 1, stopped: expect.stringContaining(' s left once claimed') });
  });
});
