import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FileTransport } from '../../../lib/delivery/fileTransport.js';
import { sendDigest } from '../../../lib/delivery/sendDigest.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { parseSubscriberList } from '../../../lib/subscribers/recipient.js';
import { meta, testSendOptions, testSite, weekModel } from '../../support/digestFixtures.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { freshBucket, testS3Client } from '../../support/s3.js';

// The send ledger in s3rver, reached through a proxy that answers create-only writes as S3 does and loses the
// answer to each claim's first PutObject after S3 made it (a reset): the SDK's retry meets 412 on the run's own
// claim. The digest function keeps its ledger in S3 so; the CLI's is a local folder, which has no such answer to lose.

const endpoint = inject('s3Endpoint');
const NOW = DateTime.fromISO('2014-05-12T08:00:00+09:00');
const ADDRESSES = ['ada@example.org', 'grace@example.org', 'linus@example.org'];
let proxy: FaultProxy;
let outbox: string;
beforeAll(async () => {
  proxy = await FaultProxy.start(endpoint);
  proxy.honourIfNoneMatch = true;
  outbox = await mkdtemp(join(tmpdir(), 'broadsheet-lost-claims-'));
});
afterAll(async () => {
  await proxy.close();
  await rm(outbox, { recursive: true, force: true });
});

describe('the send ledger on S3 when the answer to a claim is lost', () => {
  it('sends each recipient one message, and a rerun none', async () => {
    const bucket = await freshBucket(testS3Client(endpoint), 'lost-claims');
    const store = new S3Store(testS3Client(proxy.endpoint), bucket);
    const claimPuts = new Map<string, number>();
    proxy.decide = ({ method, url }) => {
      const path = url.split('?')[0]!;
      if (method !== 'PUT' || !path.endsWith('.claim.json')) return 'pass';
      claimPuts.set(path, (claimPuts.get(path) ?? 0) + 1);
      return claimPuts.get(path) === 1 ? 'lostAnswer' : 'pass';
    };
    const site = testSite();
    const options = testSendOptions({ model: weekModel(site, [meta('2014-05-08')]), recipients: parseSubscriberList(ADDRESSES.join('\n')), transport: new FileTransport(new LocalStore(outbox)), store, now: NOW, runId: 'first' });
    const first = await sendDigest(options);
    expect([...claimPuts.values()]).toEqual([2, 2, 2]);
    expect(first).toMatchObject({ total: 3, sent: 3, skipped: 0, unknown: 0 });
    const rerun = await sendDigest({ ...options, runId: 'rerun' });
    expect(rerun).toMatchObject({ total: 3, sent: 0, skipped: 3, unknown: 0 });

    const files = await readdir(join(outbox, options.model.week.name));
    const recipients = await Promise.all(files.map(async (file) => /^To: (.*)$/m.exec(await readFile(join(outbox, options.model.week.name, file), 'utf8'))![1]!.trim()));
    expect(recipients.sort()).toEqual(ADDRESSES);
  });
});
