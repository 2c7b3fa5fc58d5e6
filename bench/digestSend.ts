import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DateTime } from 'luxon';
import { runDigest } from '../cli/digestRun.js';
import { digestArtifacts } from '../lib/digest/digestArtifacts.js';
import { prepareSend, type DigestSendOptions } from '../lib/delivery/digestDelivery.js';
import { fanOutDigest, parseShardMessage, sendDigestShard } from '../lib/delivery/digestFanout.js';
import { FileTransport } from '../lib/delivery/fileTransport.js';
import { LocalStore } from '../lib/store/localStore.js';
import type { Store } from '../lib/store/store.js';
import { StoreSubscriberStore } from '../lib/subscribers/storeSubscriberStore.js';
import { subscriberId } from '../lib/subscribers/subscriber.js';
import { DIGEST_WEEK, DIGEST_WEEK_START, generateCorpus } from './corpus.js';

export interface DigestSendReport {
  subscribers: number;
  sent: number;
  batches: number;
  /** The send alone: fan-out and every batch, after the list and the archive are in place. */
  sendMs: number;
  messagesPerSecond: number;
  /** Above the process's resident and heap sizes when the send began, sampled every 20 ms. */
  peakRssMb: number;
  peakHeapMb: number;
  /** Requests to the output store (model, manifest, ledger) and the subscriber store, per recipient sent. */
  storeRequestsPerRecipient: number;
  /** Heap still in use after the send, after a full collection, above the same before it: what the send kept. */
  retainedHeapMb: number;
}

const DIGEST_SETTINGS = [
  'digest:',
  '  from: "Bench Economy Watch <digest@bench.example.org>"',
  '  unsubscribe:',
  '    url: "https://bench.example.org/unsubscribe?token={token}"',
  '    mailto: unsubscribe@bench.example.org',
  '',
].join('\n');

// A full collection on demand, without starting node with --expose-gc.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const requests = (store: Store) => store.requests.list + store.requests.get + store.requests.put + store.requests.delete;

/**
 * A week's digest (20 entries) to `subscribers` confirmed subscribers in a local subscriber folder, as the
 * deployment sends it: fanOutDigest queues one batch per shard (the queue is an array here) and each batch goes
 * through sendDigestShard, one after the other, through the file transport into an outbox folder. Every
 * mailbox gets one message, checked by count.
 */
export async function benchDigestSend(options: { workDir: string; seed: number; subscribers: number; log: (line: string) => void }): Promise<DigestSendReport> {
  const dir = join(options.workDir, `send-${options.subscribers}`);
  mkdirSync(dir, { recursive: true });
  try {
    const contentDir = join(dir, 'content');
    mkdirSync(contentDir, { recursive: true });
    generateCorpus(contentDir, { count: 20, seed: options.seed, firstDay: DIGEST_WEEK_START, days: 7, dateTimes: false });
    appendFileSync(join(contentDir, 'site.yml'), DIGEST_SETTINGS);
    const now = DateTime.fromMillis(DIGEST_WEEK_START + 7 * 86_400_000, { zone: 'utc' });
    const output = new LocalStore(join(dir, 'public'));
    const { model } = await runDigest({ content: new LocalStore(contentDir), output, now, week: DIGEST_WEEK, builders: [digestArtifacts] });
    const subscriberFolder = new LocalStore(join(dir, 'subscribers'));
    const subscribers = new StoreSubscriberStore(subscriberFolder);
    const at = now.toISO()!;
    for (let i = 0; i < options.subscribers; i++) {
      const address = `reader${i}@bench${i % 97}.example.org`;
      await subscribers.put({ id: subscriberId(address), address, status: 'confirmed', tags: [], consent: { at, method: 'imported' }, createdAt: at, updatedAt: at }, undefined);
    }
    options.log(`Digest send: ${options.subscribers} subscribers in place`);
    const outbox = new LocalStore(join(dir, 'outbox'));
    const send: DigestSendOptions = { transport: () => new FileTransport(outbox), unsubscribeSecret: 'bench-secret-long-enough-for-tokens' };
    const before = requests(output) + requests(subscriberFolder);
    collect();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    }, 20);
    const started = performance.now();
    const queued: string[] = [];
    let sent = 0;
    try {
      const { batches } = await fanOutDigest(model, { output, queue: { send: async (bodies) => void queued.push(...bodies) } });
      for (const body of queued) {
        const delivery = await sendDigestShard(parseShardMessage(body), { output, subscribers, now, send, prepare: (m) => prepareSend(m.site, send) });
        if (delivery.send?.stopped) throw new Error(`a batch stopped: ${delivery.send.stopped}`);
        sent += delivery.send?.sent ?? 0;
      }
      if (batches !== queued.length) throw new Error('the fan-out queued a different number of batches than it reported');
    } finally {
      clearInterval(sampler);
    }
    const sendMs = performance.now() - started;
    collect();
    const retained = process.memoryUsage().heapUsed - base.heapUsed;
    if (sent !== options.subscribers) throw new Error(`the send reached ${sent} of ${options.subscribers} subscribers`);
    const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;
    const report: DigestSendReport = {
      subscribers: options.subscribers,
      sent,
      batches: queued.length,
      sendMs: Math.round(sendMs),
      messagesPerSecond: Math.round(sent / (sendMs / 1000)),
      peakRssMb: mb(peakRss - base.rss),
      peakHeapMb: mb(peakHeap - base.heapUsed),
      storeRequestsPerRecipient: Math.round(((requests(output) + requests(subscriberFolder) - before) / sent) * 100) / 100,
      retainedHeapMb: mb(retained),
    };
    options.log(`Digest send to ${sent}: ${report.messagesPerSecond} messages/s, peak +${report.peakRssMb} MB RSS (+${report.peakHeapMb} MB heap, ${report.retainedHeapMb} MB kept after a full collection), ${report.storeRequestsPerRecipient} store requests per recipient`);
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The reports as a Markdown table, one row per list size. */
export function formatDigestSend(reports: readonly DigestSendReport[]): string {
  const rows = reports.map((r) => `| ${r.subscribers.toLocaleString('en')} | ${r.batches} | ${(r.sendMs / 1000).toFixed(1)} s | ${r.messagesPerSecond} | +${r.peakRssMb} MB | +${r.peakHeapMb} MB | ${r.retainedHeapMb} MB | ${r.storeRequestsPerRecipient} |`);
  return ['| Subscribers | Batches | Send | Messages/s | Peak RSS | Peak heap | Heap kept | Store requests per recipient |', '|---:|---:|---:|---:|---:|---:|---:|---:|', ...rows, ''].join('\n');
}
