import { PutObjectCommand } from '@aws-sdk/client-s3';
import { MessageRejected, SESv2Client } from '@aws-sdk/client-sesv2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { SECRET_MAX_AGE_MS } from '../../../functions/keptFor.js';
import { mockClient } from 'aws-sdk-client-mock';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createSubscribeHandler, ORIGIN_HEADER } from '../../../functions/subscribe.js';
import { readSubscribeConfig } from '../../../functions/subscribeConfig.js';
import { createLogger } from '../../../functions/logger.js';
import { createSesClient } from '../../../lib/delivery/sesTransport.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { CONFIRM_TOKEN_SECONDS, signToken, verifyToken } from '../../../lib/subscribers/subscriberToken.js';
import { DIGEST, siteYaml } from '../../support/digestFixtures.js';
import { FaultProxy, SES_UNAVAILABLE } from '../../support/faultProxy.js';
import { captureLogs, functionUrlEvent, lambdaContext } from '../../support/lambda.js';
import { freshBucket, s3rverEnv, testS3Client } from '../../support/s3.js';
import { sesStoreSince } from '../digest/support.js';

// The real handler against s3rver (the subscriber records under _subscribers/ in the content bucket) and the
// SES emulator (the confirmation); no SSM server runs here, so SSM alone is the SDK mock.
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
// Read as the file starts: the emails it sends are all sent after this moment.
const sesStore = sesStoreSince(sesEndpoint);
const SECRET = 'function-token-secret-long-enough';
const ORIGIN = 'origin-secret-cloudfront-adds-1234';
const client = testS3Client(s3Endpoint);
let contentBucket: string;
let handler: ReturnType<typeof createSubscribeHandler>;
/** The handler's deps but SES (for a handler whose SES refuses) and, when given, the site bucket. */
let depsBut: (ses: SESv2Client, siteBucket?: string, configurationSet?: string, identity?: string) => Parameters<typeof createSubscribeHandler>[0];
const configurationSets: (string | undefined)[] = [];
const identities: (string | undefined)[] = [];
const context = lambdaContext('broadsheet-test-subscribe', 'req-1');
/** The function's clock; a test that needs time to pass moves it. */
let clock = DateTime.fromISO('2014-05-12T09:00:00Z');

const form = (path: string, body: string, headers: Record<string, string> = { [ORIGIN_HEADER]: ORIGIN }) =>
  functionUrlEvent({ method: 'POST', path, body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'cloudfront-viewer-address': '198.51.100.7:51234', ...headers } });

beforeAll(async () => {
  contentBucket = await freshBucket(client, 'subscribe-content');
  const siteBucket = await freshBucket(client, 'subscribe-site');
  await client.send(new PutObjectCommand({ Bucket: contentBucket, Key: 'content/site.yml', Body: siteYaml({}, { ...DIGEST, ses: { configurationSet: 'broadsheet-test' } }) }));
  // The tag list a publish writes (lib/pages/renderTagList.ts): the tags a subscriber may choose.
  await client.send(new PutObjectCommand({ Bucket: siteBucket, Key: 'tags/tags.json', Body: JSON.stringify({ version: 1, tags: [{ slug: 'trade', name: 'Trade', entries: 1 }] }) }));
  const ssm = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const ssmMock = mockClient(ssm);
  ssmMock.on(GetParameterCommand, { Name: '/t/secret', WithDecryption: true }).resolves({ Parameter: { Value: SECRET } });
  ssmMock.on(GetParameterCommand, { Name: '/t/origin', WithDecryption: true }).resolves({ Parameter: { Value: ORIGIN } });
  // The stack's identity is site.yml's from: domain unless a test says otherwise.
  const configFor = (bucket: string, configurationSet = 'broadsheet-test', identity = 'watch.example.org') =>
    readSubscribeConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: contentBucket, SITE_BUCKET: bucket, SECRET_PARAMETER: '/t/secret', ORIGIN_SECRET_PARAMETER: '/t/origin', SES_CONFIGURATION_SET: configurationSet, SES_IDENTITY_ARN: `arn:aws:ses:us-east-1:123456789012:identity/${identity}`, ANSWER_FLOOR_MS: '0' });
  const ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  // What each SendEmail asked of SES: the emulator keeps the message, not the configuration set or identity it went through.
  ses.middlewareStack.add(
    (next) => async (args) => {
      configurationSets.push((args.input as { ConfigurationSetName?: string }).ConfigurationSetName);
      identities.push((args.input as { FromEmailAddressIdentityArn?: string }).FromEmailAddressIdentityArn);
      return next(args);
    },
    { step: 'initialize' },
  );
  depsBut = (sesClient, bucket = siteBucket, configurationSet?: string, identity?: string) => () => ({ config: configFor(bucket, configurationSet, identity), s3: client, ses: sesClient, ssm, logger: createLogger('broadsheet-subscribe'), now: () => clock });
  handler = createSubscribeHandler(depsBut(ses));
});

describe('the subscribe function', () => {
  it('refuses a request without CloudFront’s origin header, or with a wrong one', async () => {
    expect((await handler(form('/subscribe', 'email=ada%40example.org', {}), context)).statusCode).toBe(403);
    expect((await handler(form('/subscribe', 'email=ada%40example.org', { [ORIGIN_HEADER]: `${ORIGIN}x` }), context)).statusCode).toBe(403);
  });

  /** A warm handler whose origin parameter `put` changes in SSM, and whose secrets' age `wait` moves on. */
  function rotatingHandler() {
    const parameter = { value: ORIGIN, now: Date.parse('2026-12-06T09:00:00Z') };
    const ssm = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const ssmMock = mockClient(ssm);
    ssmMock.on(GetParameterCommand, { Name: '/t/secret', WithDecryption: true }).resolves({ Parameter: { Value: SECRET } });
    ssmMock.on(GetParameterCommand, { Name: '/t/origin', WithDecryption: true }).callsFake(async () => ({ Parameter: { Value: parameter.value } }));
    const deps = depsBut(new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }))!;
    const warm = createSubscribeHandler(() => ({ ...deps(), ssm, clock: () => parameter.now }));
    return { warm, put: (value: string) => void (parameter.value = value), wait: (ms: number) => void (parameter.now += ms) };
  }
  const ROTATED = 'origin-secret-rotated-5678-abcdef';

  it('takes a new origin secret within a minute of its change in SSM, on a warm instance, and refuses the old one then', async () => {
    const { warm, put, wait } = rotatingHandler();
    // A GET of /subscribe: 405 past the origin check, 403 before it.
    const status = async (header: string) => (await warm(functionUrlEvent({ method: 'GET', path: '/subscribe', headers: { [ORIGIN_HEADER]: header } }), context)).statusCode;
    expect(await status(ORIGIN)).toBe(405);
    put(ROTATED);
    wait(SECRET_MAX_AGE_MS - 1);
    expect([await status(ORIGIN), await status(ROTATED)]).toEqual([405, 403]);
    wait(1);
    expect([await status(ORIGIN), await status(ROTATED)]).toEqual([403, 405]);
  });

  it('refuses no one-click unsubscribe at any step of an origin secret rotation done as README says, and the old value after it', async () => {
    const { warm, put, wait } = rotatingHandler();
    const store = new StoreSubscriberStore(new S3Store(client, contentBucket, '_subscribers/'));
    const address = 'rotation-leaver@example.org';
    const token = signToken({ address, purpose: 'unsubscribe' }, SECRET);
    // A mail client's one-click POST (RFC 8058 §3.1), through CloudFront, which adds the header value it was deployed with.
    const oneClick = async (header: string) => {
      await store.put({ id: subscriberId(address), address, status: 'confirmed', tags: [], createdAt: '2014-01-01T00:00:00.000Z', updatedAt: '2014-01-01T00:00:00.000Z' }, (await store.get(subscriberId(address)))?.version);
      const response = await warm({ ...form('/unsubscribe', 'List-Unsubscribe=One-Click', { [ORIGIN_HEADER]: header }), rawQueryString: `token=${token}` }, context);
      return [response.statusCode, (await store.get(subscriberId(address)))?.subscriber.status];
    };
    const left = [200, 'unsubscribed'];
    expect(await oneClick(ORIGIN)).toEqual(left);
    // 1. put-parameter "NEW OLD": each instance reads it within a minute, while CloudFront still sends OLD.
    put(`${ROTATED} ${ORIGIN}`);
    wait(SECRET_MAX_AGE_MS);
    expect(await oneClick(ORIGIN)).toEqual(left);
    // 2. deploy --force: CloudFront sends "NEW OLD", some edges still OLD for a while.
    expect(await oneClick(`${ROTATED} ${ORIGIN}`)).toEqual(left);
    // 3. put-parameter NEW, while CloudFront still sends "NEW OLD".
    put(ROTATED);
    wait(SECRET_MAX_AGE_MS);
    expect(await oneClick(`${ROTATED} ${ORIGIN}`)).toEqual(left);
    // 4. deploy --force: CloudFront sends NEW; the old value is refused from then on.
    expect(await oneClick(ROTATED)).toEqual(left);
    expect(await oneClick(ORIGIN)).toEqual([403, 'confirmed']);
  });

  it('answers a HEAD of /unsubscribe as its GET, with no content (RFC 9110 §9.3.2)', async () => {
    const token = signToken({ address: 'head@example.org', purpose: 'unsubscribe' }, SECRET);
    const event = (method: string) => ({ ...functionUrlEvent({ method, path: '/unsubscribe', headers: { [ORIGIN_HEADER]: ORIGIN } }), rawQueryString: `token=${token}` });
    const get = await handler(event('GET'), context);
    const head = await handler(event('HEAD'), context);
    expect(get.statusCode).toBe(200);
    expect(get.body).toContain('Unsubscribe');
    // The reader sees which address leaves.
    expect(get.body).toContain('<p>Press the button to stop sending the weekly digest to <bdi>head@example.org</bdi>.</p>');
    expect([head.statusCode, head.headers, head.body]).toEqual([200, get.headers, '']);
  });

  it('answers a GET of /subscribe with 405 and Allow: POST, a DELETE of /confirm with the methods it takes (RFC 9110 §15.5.6)', async () => {
    const get = await handler(functionUrlEvent({ method: 'GET', path: '/subscribe', headers: { [ORIGIN_HEADER]: ORIGIN } }), context);
    expect([get.statusCode, get.headers?.allow]).toEqual([405, 'POST']);
    const remove = await handler(functionUrlEvent({ method: 'DELETE', path: '/confirm', headers: { [ORIGIN_HEADER]: ORIGIN } }), context);
    expect([remove.statusCode, remove.headers?.allow]).toEqual([405, 'GET, HEAD, POST']);
  });

  it('signs up through S3 under _subscribers/, mails the confirmation through SES, and unsubscribes in one click', async () => {
    const address = `ada-${contentBucket}@example.org`;
    // A quoted local part, valid by RFC 5322 §3.4.1, is refused as an address not taken: no record, nothing to SES.
    const quoted = `"ada ${contentBucket}"@example.org`;
    const refused = await handler(form('/subscribe', `email=${encodeURIComponent(quoted)}`), context);
    expect([refused.statusCode, /<h1>(.*)<\/h1>/.exec(refused.body ?? '')?.[1]]).toEqual([400, 'That address cannot be accepted']);
    const response = await handler(form('/subscribe', `email=${encodeURIComponent(address)}&tags=trade`), context);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Check your inbox');
    const store = new StoreSubscriberStore(new S3Store(client, contentBucket, '_subscribers/'));
    expect((await store.get(subscriberId(address)))?.subscriber.status).toBe('pending');

    const { emails } = (await (await fetch(sesStore, { signal: AbortSignal.timeout(5_000) })).json()) as { emails: { destination: { to: string[] }; rawEmail?: string; body?: { text?: string } }[] };
    const mine = emails.filter((email) => JSON.stringify(email).includes(address));
    expect(mine).toHaveLength(1);
    expect([emails.filter((email) => JSON.stringify(email).includes(`ada ${contentBucket}`)), await store.get(subscriberId(quoted))]).toEqual([[], undefined]);
    expect(JSON.stringify(mine[0])).toMatch(/https:\/\/watch\.example\.org\/confirm\?token=/);
    // The topic chosen, by the name the published tag list gives it.
    expect(mine[0]!.body?.text?.replace(/\s+/g, ' ')).toContain('digest of Test Watch, with the entries tagged Trade, at this address.');
    // The tag chosen is one the published tag list offers, so the confirm link carries it.
    const confirmToken = /confirm\?token=([A-Za-z0-9_.-]+)/.exec(JSON.stringify(mine[0]))![1]!;
    expect(verifyToken(confirmToken, 'confirm', SECRET, Date.parse('2014-05-12T09:00:00Z') / 1000, 'digest.watch.example.org').tags).toEqual(['trade']);
    // Through site.yml's configuration set, so that its bounce or complaint reaches the ses-feedback function.
    expect(configurationSets).toEqual(['broadsheet-test']);
    // As the stack's identity, the one its role may send as.
    expect(identities).toEqual(['arn:aws:ses:us-east-1:123456789012:identity/watch.example.org']);

    const unsubscribe = signToken({ address, purpose: 'unsubscribe' }, SECRET);
    const event = { ...form('/unsubscribe', 'List-Unsubscribe=One-Click'), rawQueryString: `token=${unsubscribe}` };
    expect((await handler(event, context)).statusCode).toBe(200);
    expect((await store.get(subscriberId(address)))?.subscriber.status).toBe('unsubscribed');
    // Signing up again within the hour, having left: a new confirmation goes.
    await handler(form('/subscribe', `email=${encodeURIComponent(address)}`), context);
    const after = (await (await fetch(sesStore, { signal: AbortSignal.timeout(5_000) })).json()) as { emails: unknown[] };
    expect(after.emails.filter((email) => JSON.stringify(email).includes(address))).toHaveLength(2);
  });

  it('takes a confirmation link posted again as it stands: the topics chosen since are kept; after an unsubscribe it is refused', async () => {
    const address = `replay-${contentBucket}@example.org`;
    const store = new StoreSubscriberStore(new S3Store(client, contentBucket, '_subscribers/'));
    // The pending record its signup writes before the link is sent: a link whose signup has no record is refused.
    const at = clock.toUTC().toISO()!;
    await store.put({ id: subscriberId(address), address, status: 'pending', tags: [], createdAt: at, updatedAt: at, confirmationSentAt: at, signupPage: '/' }, undefined);
    const confirmLink = signToken({ address, purpose: 'confirm', tags: ['trade'], expires: Math.floor(clock.toSeconds()) + CONFIRM_TOKEN_SECONDS }, SECRET);
    // A link whose topic the published tag list (tags/tags.json in the site bucket: Trade alone) no longer has confirms nothing as it is.
    const goneLink = signToken({ address, purpose: 'confirm', tags: ['markets'], expires: Math.floor(clock.toSeconds()) + CONFIRM_TOKEN_SECONDS }, SECRET);
    const gone = await handler(form('/confirm', `token=${goneLink}`), context);
    expect([gone.statusCode, (await store.get(subscriberId(address)))?.subscriber.status]).toEqual([409, 'pending']);
    expect(gone.body).toContain('The topic you signed up for, <bdi>markets</bdi>, is no longer on <bdi>Test Watch</bdi>: no digest would carry it.');
    expect((await handler(form('/confirm', `token=${confirmLink}`), context)).statusCode).toBe(200);
    clock = clock.plus({ minutes: 5 });
    const preferences = signToken({ address, purpose: 'preferences' }, SECRET);
    expect((await handler(form('/preferences', `token=${preferences}`), context)).statusCode).toBe(200); // no tags ticked: every entry
    clock = clock.plus({ minutes: 5 });
    const again = await handler(form('/confirm', `token=${confirmLink}`), context);
    expect(again.statusCode).toBe(200);
    expect((await store.get(subscriberId(address)))?.subscriber).toMatchObject({ status: 'confirmed', tags: [], consent: { at: '2014-05-12T09:00:00.000Z' } });

    clock = clock.plus({ minutes: 5 });
    const unsubscribe = { ...form('/unsubscribe', 'List-Unsubscribe=One-Click'), rawQueryString: `token=${signToken({ address, purpose: 'unsubscribe' }, SECRET)}` };
    expect((await handler(unsubscribe, context)).statusCode).toBe(200);
    clock = clock.plus({ minutes: 5 });
    // Clicked again: nothing is written, so the record still tells when the reader left.
    const left = await store.get(subscriberId(address));
    expect([(await handler(unsubscribe, context)).statusCode, await store.get(subscriberId(address))]).toEqual([200, left]);
    // The footer's link opened after leaving says so, with no button to press.
    const opened = await handler({ ...functionUrlEvent({ method: 'GET', path: '/unsubscribe', headers: { [ORIGIN_HEADER]: ORIGIN } }), rawQueryString: unsubscribe.rawQueryString }, context);
    expect(opened.body).toContain(`<bdi>${address}</bdi> is unsubscribed already: the digest is not sent to it.`);
    const replayed = await handler(form('/confirm', `token=${confirmLink}`), context);
    expect(replayed.statusCode).toBe(400);
    expect(replayed.body).toContain('the address unsubscribed after this link was sent');
    expect((await store.get(subscriberId(address)))?.subscriber.status).toBe('unsubscribed');
  });

  it("refuses a form on another site's page (Origin, Sec-Fetch-Site forwarded by CloudFront), and takes the site's own and a one-click unsubscribe from anywhere", async () => {
    const address = `csrf-${contentBucket}@example.org`;
    const store = new StoreSubscriberStore(new S3Store(client, contentBucket, '_subscribers/'));
    const foreign = { [ORIGIN_HEADER]: ORIGIN, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
    const refused = await handler(form('/subscribe', `email=${encodeURIComponent(address)}`, foreign), context);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Sent from another site');
    expect(await store.get(subscriberId(address))).toBeUndefined();
    // An older browser, with Origin alone.
    expect((await handler(form('/subscribe', `email=${encodeURIComponent(address)}`, { [ORIGIN_HEADER]: ORIGIN, Origin: 'https://evil.example' }), context)).statusCode).toBe(403);
    expect(await store.get(subscriberId(address))).toBeUndefined();
    // The site's own form (site.yml's url is https://watch.example.org/).
    const own = await handler(form('/subscribe', `email=${encodeURIComponent(address)}`, { [ORIGIN_HEADER]: ORIGIN, origin: 'https://watch.example.org', 'sec-fetch-site': 'same-origin' }), context);
    expect(own.statusCode).toBe(200);
    expect((await store.get(subscriberId(address)))?.subscriber.status).toBe('pending');
    const oneClick = { ...form('/unsubscribe', 'List-Unsubscribe=One-Click', foreign), rawQueryString: `token=${signToken({ address, purpose: 'unsubscribe' }, SECRET)}` };
    expect((await handler(oneClick, context)).statusCode).toBe(200);
    expect((await store.get(subscriberId(address)))?.subscriber.status).toBe('unsubscribed');
  });

  it('answers the eleventh signup of a client (an IPv4 address, an IPv6 /64) in ten minutes 429, with Retry-After and the headers of every page', async () => {
    const client = { [ORIGIN_HEADER]: ORIGIN, 'cloudfront-viewer-address': '203.0.113.9:40000' };
    // The honeypot filled: each signup is counted, and nothing is stored or sent.
    for (let i = 0; i < 10; i++) expect((await handler(form('/subscribe', `email=r${i}%40example.org&website=x`, client), context)).statusCode).toBe(200);
    const refused = await handler(form('/subscribe', 'email=r10%40example.org&website=x', client), context);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers).toMatchObject({ 'retry-after': '600', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    // An IPv6 client holds a whole /64: another address of it for each signup is the same client; the next /64 is another.
    const v6 = (address: string) => ({ [ORIGIN_HEADER]: ORIGIN, 'cloudfront-viewer-address': `${address}:443` });
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await handler(form('/subscribe', `email=v6-${i}%40example.org&website=x`, v6(`2001:db8:1:2::${(i + 1).toString(16)}`)), context)).statusCode);
    expect(statuses).toEqual([...Array<number>(10).fill(200), 429, 429]);
    expect((await handler(form('/subscribe', 'email=v6-12%40example.org&website=x', v6('2001:db8:1:3::1')), context)).statusCode).toBe(200);
  });

  it('answers a subscribed address no sooner than the floor after the request began, as it would a new one', async () => {
    const address = `floor-${contentBucket}@example.org`;
    await new StoreSubscriberStore(new S3Store(client, contentBucket, '_subscribers/')).put({ id: subscriberId(address), address, status: 'confirmed', tags: [], createdAt: '2014-05-01T00:00:00.000Z', updatedAt: '2014-05-01T00:00:00.000Z' }, undefined);
    const deps = depsBut(new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }))!;
    const floored = createSubscribeHandler(() => {
      const made = deps();
      return { ...made, config: { ...made.config, answerFloorMs: 300 } };
    });
    const started = performance.now();
    const response = await floored(form('/subscribe', `email=${encodeURIComponent(address)}`, { [ORIGIN_HEADER]: ORIGIN, 'cloudfront-viewer-address': '192.0.2.44:40000' }), context);
    const tookMs = performance.now() - started;
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Check your inbox');
    expect(tookMs).toBeGreaterThanOrEqual(300);
  });

  it('before the first publish (no tags/tags.json), the topics page says the digest holds every entry, with nothing to tick', async () => {
    const address = `first-${contentBucket}@example.org`;
    const unpublished = await freshBucket(client, 'subscribe-unpublished');
    const ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const early = createSubscribeHandler(depsBut(ses, unpublished));
    await new StoreSubscriberStore(new S3Store(client, contentBucket, '_subscribers/')).put({ id: subscriberId(address), address, status: 'confirmed', tags: [], createdAt: '2014-05-01T00:00:00.000Z', updatedAt: '2014-05-01T00:00:00.000Z' }, undefined);
    const event = { ...functionUrlEvent({ method: 'GET', path: '/preferences', headers: { [ORIGIN_HEADER]: ORIGIN } }), rawQueryString: `token=${signToken({ address, purpose: 'preferences' }, SECRET)}` };
    const shown = await early(event, context);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('<bdi>Test Watch</bdi> has no topics to choose from yet, so your digest holds every entry.');
    expect(shown.body).not.toContain('<form');
  });

  it('logs an SES refusal without the address it quotes, and answers 503 without it', async () => {
    const address = `refused-${contentBucket}@example.org`;
    const ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    // What SES answers in the sandbox for a recipient it has not verified (the emulator takes every address).
    ses.middlewareStack.add(
      () => async (args) => {
        const [to] = (args.input as { Destination: { ToAddresses: string[] } }).Destination.ToAddresses;
        throw new MessageRejected({ message: `Email address is not verified. The following identities failed the check in region US-EAST-1: ${to}`, $metadata: { httpStatusCode: 400 } });
      },
      { step: 'initialize' },
    );
    const logs = captureLogs();
    let response;
    try {
      response = await createSubscribeHandler(depsBut(ses))(form('/subscribe', `email=${encodeURIComponent(address)}`), context);
    } finally {
      logs.restore();
    }
    expect(response.statusCode).toBe(503);
    expect(response.body).not.toContain('@');
    expect(logs.raw()).not.toContain(address);
    expect(logs.lines().find((line) => line.message === 'request failed')).toMatchObject({
      error: { name: 'DeliveryError', message: 'AWS SES (us-east-1) refused the message (not delivered): MessageRejected (HTTP 400): Email address is not verified. The following identities failed the check in region US-EAST-1: <address>' },
    });
  });
  it("logs a damaged record's failure without the address's hash that names its key", async () => {
    const address = `damaged-${contentBucket}@example.org`;
    const id = subscriberId(address);
    await client.send(new PutObjectCommand({ Bucket: contentBucket, Key: `_subscribers/${id}/0000000001.json`, Body: 'not json' }));
    const logs = captureLogs();
    let response;
    try {
      response = await handler(form('/subscribe', `email=${encodeURIComponent(address)}`), context);
    } finally {
      logs.restore();
    }
    expect(response.statusCode).toBe(503);
    expect(response.body).not.toContain(id.slice(0, 16));
    expect(logs.raw()).not.toContain(id.slice(0, 16));
    expect(logs.lines().find((line) => line.message === 'request failed')).toMatchObject({
      error: { name: 'StoreError', message: `s3://${contentBucket}/_subscribers/<hash>/0000000001.json is not a subscriber record (not JSON): restore it or delete its folder` },
    });
  });
});

describe('the subscribe function when SES fails a confirmation', () => {
  const SEND = '/v2/email/outbound-emails';
  const stored = async (address: string) => {
    const { emails } = (await (await fetch(sesStore, { signal: AbortSignal.timeout(5_000) })).json()) as { emails: unknown[] };
    return emails.filter((email) => JSON.stringify(email).includes(address)).length;
  };
  const throughProxy = async (decide: FaultProxy['decide'], run: (handler: ReturnType<typeof createSubscribeHandler>, proxy: FaultProxy) => Promise<void>) => {
    const proxy = await FaultProxy.start(sesEndpoint);
    const logs = captureLogs();
    try {
      proxy.decide = decide;
      const ses = createSesClient({ region: 'us-east-1', endpoint: proxy.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, timeouts: { connection: 500, request: 500 } });
      await run(createSubscribeHandler(depsBut(ses)), proxy);
    } finally {
      logs.restore();
      await proxy.close();
    }
    return logs.lines().filter((line) => line.message === 'request failed').map((line) => (line.error as { message: string }).message);
  };

  it('down (503 on every attempt): answers 503, and the signup tried again once SES is back sends the confirmation', async () => {
    const address = `down-${contentBucket}@example.org`;
    let down = true;
    await throughProxy(({ url }) => (down && url.startsWith(SEND) ? SES_UNAVAILABLE : 'pass'), async (handler) => {
      expect((await handler(form('/subscribe', `email=${encodeURIComponent(address)}`), context)).statusCode).toBe(503);
      down = false;
      expect((await handler(form('/subscribe', `email=${encodeURIComponent(address)}`), context)).statusCode).toBe(200);
    });
    expect(await stored(address)).toBe(1);
  });

  it('its answer lost after SES took it: not sent again by the SDK, nor by the signup tried again', async () => {
    const address = `lost-${contentBucket}@example.org`;
    const failed = await throughProxy(({ url }) => (url.startsWith(SEND) ? 'lostAnswer' : 'pass'), async (handler, proxy) => {
      expect((await handler(form('/subscribe', `email=${encodeURIComponent(address)}`), context)).statusCode).toBe(503);
      expect(proxy.count('POST', SEND)).toBe(1);
      proxy.decide = () => 'pass';
      expect((await handler(form('/subscribe', `email=${encodeURIComponent(address)}`), context)).statusCode).toBe(200);
      expect(proxy.count('POST', SEND)).toBe(1);
    });
    expect(await stored(address)).toBe(1);
    expect(failed).toEqual([expect.stringContaining('it may have been delivered')]);
  });
});

// site.yml names the configuration set `broadsheet-test` and sends from digest@watch.example.org: a deployment whose stack's
// set is another sends no confirmation around the ses-feedback function, one whose identity is another none SES would
// refuse, and each says why in its log.
describe('the subscribe function in a stack whose configuration set or SES identity is not the one site.yml names', () => {
  it('answers 503, sends nothing and logs both names with the fix', async () => {
    const address = `other-set-${contentBucket}@example.org`;
    const logs = captureLogs();
    let response;
    try {
      const ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      response = await createSubscribeHandler(depsBut(ses, undefined, 'broadsheet-prod'))(form('/subscribe', `email=${encodeURIComponent(address)}`), context);
    } finally {
      logs.restore();
    }
    expect(response.statusCode).toBe(503);
    expect(logs.lines().find((line) => line.message === 'request failed')).toMatchObject({
      error: { name: 'ConfigError', message: 'site.yml: digest.ses.configurationSet is "broadsheet-test", but this deployment sends through "broadsheet-prod" (SES_CONFIGURATION_SET), whose bounces and complaints reach the ses-feedback function (write configurationSet: broadsheet-prod, or remove it)' },
    });
    const { emails } = (await (await fetch(sesStore, { signal: AbortSignal.timeout(5_000) })).json()) as { emails: unknown[] };
    expect(JSON.stringify(emails)).not.toContain(address);
  });

  it('deployed as another SES identity than the one site.yml sends from: answers 503, writes and sends nothing, and logs both with the fix', async () => {
    const address = `other-identity-${contentBucket}@example.org`;
    const logs = captureLogs();
    let response;
    try {
      const ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      response = await createSubscribeHandler(depsBut(ses, undefined, undefined, 'news.example.com'))(form('/subscribe', `email=${encodeURIComponent(address)}`), context);
    } finally {
      logs.restore();
    }
    expect(response.statusCode).toBe(503);
    expect(logs.lines().find((line) => line.message === 'request failed')).toMatchObject({
      error: { name: 'ConfigError', message: 'site.yml: digest.from is <address>, which the identity "news.example.com" this deployment sends as (SES_IDENTITY_ARN, the sesIdentity param) does not cover, and SES would refuse every message (deploy with --param sesIdentity=watch.example.org, a domain verified in SES, or write from: with an address at news.example.com)' },
    });
    expect(await new StoreSubscriberStore(new S3Store(client, contentBucket, '_subscribers/')).get(subscriberId(address))).toBeUndefined();
    const { emails } = (await (await fetch(sesStore, { signal: AbortSignal.timeout(5_000) })).json()) as { emails: unknown[] };
    expect(JSON.stringify(emails)).not.toContain(address);
  });
});

describe('the subscribe function with a site.yml that cannot be used', () => {
  it('unsubscribes (the page and its one-click POST) on plain pages, refuses a signup, and logs the problem as check names it', async () => {
    // An editor's site.yml with one mistake, the time zone misspelt, in a content bucket of its own.
    const good = siteYaml({}, { ...DIGEST, ses: { configurationSet: 'broadsheet-test' } });
    const broken = good.replace(/^timezone: .*$/m, 'timezone: Asia/Seol');
    const line = broken.split('\n').indexOf('timezone: Asia/Seol') + 1;
    const bucket = await freshBucket(client, 'subscribe-broken');
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'content/site.yml', Body: broken }));
    const store = new StoreSubscriberStore(new S3Store(client, bucket, '_subscribers/'));
    const address = 'leaving@example.org';
    await store.put({ id: subscriberId(address), address, status: 'confirmed', tags: [], createdAt: '2014-01-01T00:00:00.000Z', updatedAt: '2014-01-01T00:00:00.000Z' }, undefined);
    const deps = depsBut(new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }))!;
    const brokenSite = createSubscribeHandler(() => {
      const made = deps();
      return { ...made, config: { ...made.config, contentBucket: bucket } };
    });
    const query = `token=${signToken({ address, purpose: 'unsubscribe' }, SECRET)}`;
    const logs = captureLogs();
    let shown, left, signup;
    try {
      shown = await brokenSite({ ...functionUrlEvent({ method: 'GET', path: '/unsubscribe', headers: { [ORIGIN_HEADER]: ORIGIN } }), rawQueryString: query }, context);
      left = await brokenSite({ ...form('/unsubscribe', 'List-Unsubscribe=One-Click'), rawQueryString: query }, context);
      signup = await brokenSite(form('/subscribe', 'email=new%40example.org'), context);
    } finally {
      logs.restore();
    }
    expect([shown.statusCode, left.statusCode, signup.statusCode]).toEqual([200, 200, 503]);
    expect(shown.body).toContain('<button type="submit">Unsubscribe</button>');
    expect(left.body).toContain('<title>Unsubscribed · Home</title>');
    expect((await store.get(subscriberId(address)))?.subscriber.status).toBe('unsubscribed');
    // The problem as lib/content/site.ts words the timezone's, where check prints it: FILE:LINE: field: what (fix).
    const message = `site.yml in s3://${bucket}/content/ has 1 problem: site.yml:${line}: timezone: "Asia/Seol" is not an IANA time zone (write a zone such as Asia/Seoul, America/New_York or UTC)`;
    expect(logs.lines().filter((entry) => entry.level === 'WARN').map((entry) => (entry.error as { message: string }).message)).toEqual([message, message]);
    expect(logs.lines().find((entry) => entry.message === 'request failed')).toMatchObject({ error: { name: 'ConfigError', message }, path: '/subscribe' });
  });
});

// CloudFront caches what the origin does not forbid it to: an error for a URL that works a moment later must not be kept.
describe("the subscribe function's error answers: never cached, never sniffed", () => {
  const uncached = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'content-type': 'text/plain; charset=utf-8' };

  it('403: a request without the origin header', async () => {
    const response = await handler(form('/subscribe', 'email=ada%40example.org', {}), context);
    expect([response.statusCode, response.body]).toEqual([403, 'forbidden\n']);
    expect(response.headers).toMatchObject(uncached);
  });

  it("413: a form over 16 KiB, on the handler's page in the site's language, saying what to do", async () => {
    const response = await handler(form('/subscribe', `email=${'a'.repeat(17 * 1024)}`), context);
    expect(response.statusCode).toBe(413);
    expect(response.headers).toMatchObject({ ...uncached, 'content-type': 'text/html; charset=utf-8' });
    // site.yml's language (tests/support/digestFixtures.ts: en-GB) and title, as on the handler's 400 pages.
    expect(response.body).toContain('<html lang="en-GB">');
    expect(response.body).toContain('<title>Form too large · Test Watch</title>');
    expect(response.body).toContain('Go back and send it again with fewer topics ticked, or sign up again from any page of the site.');
  });

  it('503: a request that fails (site.yml missing from the content bucket)', async () => {
    const logs = captureLogs();
    let response;
    try {
      const empty = await freshBucket(client, 'subscribe-empty');
      const deps = depsBut(new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }))!;
      response = await createSubscribeHandler(() => {
        const made = deps();
        return { ...made, config: { ...made.config, contentBucket: empty } };
      })(form('/subscribe', 'email=ada%40example.org'), context);
    } finally {
      logs.restore();
    }
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject(uncached);
  });
});
