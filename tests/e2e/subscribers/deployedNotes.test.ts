import { DateTime } from 'luxon';
import { describe, expect, inject, it } from 'vitest';
import { createDigestHandler } from '../../../functions/digest.js';
import type { DigestOutcome } from '../../../functions/digestEvents.js';
import { readDigestFunctionConfig } from '../../../functions/digestEnv.js';
import { createLambdaClient } from '../../../functions/lambdaClients.js';
import { createLogger } from '../../../functions/logger.js';
import { findRun } from '../../../lib/publish/runHistory.js';
import { createSesClient } from '../../../lib/delivery/sesTransport.js';
import { readUnsettledWeeks } from '../../../lib/delivery/unsettledWeeks.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { captureLogs, lambdaContext } from '../../support/lambda.js';
import { s3rverEnv, testS3Client } from '../../support/s3.js';
import { publishLambda, storeDigestSite } from './storeDigestSite.js';

// What the deployed digest leaves beside the week's ledger for `broadsheet status`, against s3rver and the SES emulator
// (behind a proxy that loses SES's answers); the publish function is invoked through an SDK stub of the client instance.
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
const s3 = testS3Client(s3Endpoint);
const NOW = '2014-05-12T09:00:00+09:00';
const SUBSCRIBED = '2014-05-05T09:00:00+09:00';
const tag = `${process.pid}n${Date.now() % 100000}`;

describe('the digest function\'s own send (no queue)', () => {
  it('notes the recipients it leaves unknown beside the week\'s ledger, as the CLI\'s send does, so status names the week', async () => {
    const site = await storeDigestSite(s3, 'notes');
    const readers = [`ada-${tag}@example.org`, `grace-${tag}@example.org`];
    for (const address of readers) await addSubscriber(site.store, address, { method: 'added', now: DateTime.fromISO(SUBSCRIBED) });
    // SES takes each message and its answer is lost: each may have been delivered, so each is left unknown.
    const proxy = await FaultProxy.start(sesEndpoint);
    proxy.decide = ({ url }) => (url.startsWith('/v2/email/outbound-emails') ? 'lostAnswer' : 'pass');
    const ses = createSesClient({ region: 'us-east-1', endpoint: proxy.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, timeouts: { attempts: 1 } });
    const env = { ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: site.contentBucket, SITE_BUCKET: site.siteBucket, SES_ENDPOINT: proxy.endpoint, PUBLISH_FUNCTION_NAME: 'publish', SUBSCRIBERS_PREFIX: '_subscribers/', DIGEST_UNSUBSCRIBE_SECRET: 'deployed-notes-secret-long-enough' };
    const digest = createDigestHandler(() => ({ config: readDigestFunctionConfig(env), s3, ses, lambda: publishLambda(s3, s3Endpoint, site, NOW), logger: createLogger('broadsheet-test-digest'), clock: () => DateTime.fromISO(NOW) }));
    const logs = captureLogs();
    let outcome: DigestOutcome;
    try {
      outcome = await digest({ source: 'broadsheet.schedule' }, lambdaContext('digest', 'notes-1'));
    } finally {
      logs.restore();
      await proxy.close();
    }
    expect(outcome).toMatchObject({ ok: true, week: '2014-W19', sent: { sent: 0, unknown: readers.length } });
    // However old the run's record gets, status reads the week from the note and counts its unknown from the ledger.
    expect(await readUnsettledWeeks(new S3Store(s3, site.siteBucket, ''))).toEqual([{ week: '2014-W19', unknown: readers.length }]);
  }, 60_000);

  it('says that the publish function could not be invoked when Lambda\'s API cannot be reached, in its error and its run\'s record', async () => {
    const site = await storeDigestSite(s3, 'noinvoke');
    const env = { ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: site.contentBucket, SITE_BUCKET: site.siteBucket, PUBLISH_FUNCTION_NAME: 'publish', SUBSCRIBERS_PREFIX: '_subscribers/', DIGEST_UNSUBSCRIBE_SECRET: 'deployed-notes-secret-long-enough' };
    // Nothing listens on port 1 of loopback: each attempt is refused.
    const lambda = createLambdaClient('us-east-1', { endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const digest = createDigestHandler(() => ({ config: readDigestFunctionConfig(env), s3, ses: createSesClient({ region: 'us-east-1', endpoint: sesEndpoint }), lambda, logger: createLogger('broadsheet-test-digest'), clock: () => DateTime.fromISO(NOW) }));
    const logs = captureLogs();
    let error: unknown;
    try {
      error = await digest({ source: 'broadsheet.schedule' }, lambdaContext('digest', 'noinvoke-1')).catch((e: unknown) => e);
    } finally {
      logs.restore();
    }
    expect(error).toMatchObject({ name: 'ArchiveError', message: expect.stringMatching(/^the publish function could not be invoked \(.*ECONNREFUSED.*\); nothing was sent, and a retry publishes and sends$/) });
    expect(await findRun(new S3Store(s3, site.siteBucket, ''), 'noinvoke-1')).toMatchObject({ kind: 'digest', outcome: 'failed', error: 'ArchiveError', message: (error as Error).message });
  }, 60_000);
});
