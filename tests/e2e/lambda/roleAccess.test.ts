import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SNSEvent, SQSEvent } from 'aws-lambda';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readPublishConfig, readTriggerConfig, sesContactList } from '../../../functions/config.js';
import { createDigestHandler } from '../../../functions/digest.js';
import { readDeliveryConfig, readDigestFunctionConfig } from '../../../functions/digestEnv.js';
import { createDigestSenderHandler } from '../../../functions/digestSender.js';
import { createLambdaClient } from '../../../functions/lambdaClients.js';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler } from '../../../functions/publish.js';
import { createSesFeedbackHandler } from '../../../functions/sesFeedback.js';
import { SqsBatchQueue } from '../../../functions/sqsBatchQueue.js';
import { createSsmClient } from '../../../functions/ssmClient.js';
import { createSubscribeHandler, LINK_PATHS, ORIGIN_HEADER, SIGNUP_PATHS } from '../../../functions/subscribe.js';
import { readSubscribeConfig, readSubscriberStoreConfig } from '../../../functions/subscribeConfig.js';
import { createTriggerHandler } from '../../../functions/trigger.js';
import { createSesClient } from '../../../lib/delivery/sesTransport.js';
import { CloudFrontInvalidator, createCloudFrontClient } from '../../../lib/publish/cloudFrontInvalidator.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { recipientId } from '../../../lib/subscribers/recipient.js';
import { ledgerPrefix } from '../../../lib/digest/ledgerRecords.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { CONFIRM_TOKEN_SECONDS, signToken } from '../../../lib/subscribers/subscriberToken.js';
import { REPO } from '../../support/cli.js';
import { entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { ACCOUNT, matchingStatements, policyAllows, recordAccesses, REGION, type Access } from '../../support/iamAccess.js';
import { captureLogs, functionUrlEvent, lambdaContext, s3Event, scheduledEvent } from '../../support/lambda.js';
import { serveAws, type LoopbackAws } from '../../support/loopbackLambda.js';
import { s3rverEnv, testS3Client } from '../../support/s3.js';

// Every function serverless.yml deploys, run through its main paths with the environment the stack gives it, against
// s3rver, the SES emulator and loopback Lambda, SSM, SQS and CloudFront, none of which enforces IAM. Each request its
// clients send is recorded as IAM authorises it, and each must be allowed by the function's own role as the stack
// defines it (`osls print`: serverless.yml with its params resolved, the roles as CloudFormation gets them).
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the resolved serverless.yml is untyped JSON
const STAGE = 'ci';
const tag = randomBytes(4).toString('hex');
const CONTENT_BUCKET = `iam-content-${tag}`;
const SITE_BUCKET = `iam-site-${tag}`;
const NOW = DateTime.fromISO('2014-05-12T09:00:00+09:00');
// Before 2014-W19's issue was due (Monday 08:00 in Seoul): the readers consent by then, so the week is theirs.
const BEFORE_DUE = NOW.minus({ hours: 2 });
const SECRET = 'role-access-token-secret-long-enough';
const ORIGIN = 'role-access-origin-secret-0123456789';
const TOKEN = 'role-access-trigger-token-0123456789';
const DISTRIBUTION = 'E2EXAMPLE';
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
const admin = testS3Client(s3Endpoint);
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
// Given, so that the policy granting it (DigestSmtpUrlPolicy) is in the stack; the site sends through SES.
const SMTP_URL_PARAMETER = `/broadsheet/${STAGE}/smtp-url`;
// Given, so that the ses-feedback function's grant on it (SesFeedbackContactListPolicy) is in the stack.
const CONTACT_LIST = 'RoleAccessReaders';

let stack: Json;
let aws: LoopbackAws;
/** Each function's recorded accesses, by its key in serverless.yml. */
const accesses: Record<string, Access[]> = {};

function oslsPrint(): Promise<Json> {
  const env: NodeJS.ProcessEnv = { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' };
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete env[name];
  const args = [join(REPO, 'node_modules', 'osls', 'bin', 'serverless.js'), 'print', '--stage', STAGE, '--param', `contentBucket=${CONTENT_BUCKET}`, '--param', `siteBucket=${SITE_BUCKET}`, '--param', `smtpUrlParameter=${SMTP_URL_PARAMETER}`, '--param', `sesContactList=${CONTACT_LIST}`, '--format', 'json'];
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, { cwd: REPO, env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`osls print failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout.slice(stdout.indexOf('{'))));
    }),
  );
}

const resources = (): Record<string, Json> => stack.resources.Resources;
const functionKeys = (): string[] => Object.keys(stack.functions);
/** osls's logical id of a function: publish → PublishLambdaFunction. */
const logicalId = (key: string) => `${key.charAt(0).toUpperCase()}${key.slice(1)}LambdaFunction`;
const keyOf = (id: string) => functionKeys().find((key) => logicalId(key) === id);

/** CloudFormation's Ref of a resource of this stack, as it would deploy (names from the params, a made-up account). */
function ref(name: string): string {
  const pseudo: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT };
  if (pseudo[name]) return pseudo[name];
  const fn = keyOf(name);
  if (fn) return stack.functions[fn].name;
  if (name === 'S3BucketContent') return stack.provider.s3.content.name;
  const resource = resources()[name];
  if (resource?.Type === 'AWS::SQS::Queue') return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${resource.Properties.QueueName}`;
  if (resource?.Type === 'AWS::S3::Bucket') return resource.Properties.BucketName;
  if (resource?.Type === 'AWS::CloudFront::Distribution') return DISTRIBUTION;
  throw new Error(`cannot resolve Ref ${name}`);
}

function getAtt(name: string, attribute: string): string {
  if (attribute !== 'Arn') throw new Error(`cannot resolve ${name}.${attribute}`);
  if (keyOf(name)) return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${ref(name)}`;
  if (resources()[name]?.Type === 'AWS::SQS::Queue') return `arn:aws:sqs:${REGION}:${ACCOUNT}:${resources()[name].Properties.QueueName}`;
  if (name === 'S3BucketContent' || resources()[name]?.Type === 'AWS::S3::Bucket') return `arn:aws:s3:::${ref(name)}`;
  throw new Error(`cannot resolve ${name}.Arn`);
}

function condition(name: string): boolean {
  const evaluate = (value: Json): boolean => {
    if (value['Fn::Not']) return !evaluate(value['Fn::Not'][0]);
    if (value['Fn::Equals']) return resolve(value['Fn::Equals'][0]) === resolve(value['Fn::Equals'][1]);
    throw new Error(`cannot evaluate ${JSON.stringify(value)}`);
  };
  return evaluate(stack.resources.Conditions[name]);
}

/** A value of the resolved serverless.yml as CloudFormation would make it: Ref, Fn::GetAtt, Fn::Sub, Fn::If. */
function resolve(value: Json): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (value.Ref) return ref(value.Ref);
  if (value['Fn::GetAtt']) return getAtt(value['Fn::GetAtt'][0], value['Fn::GetAtt'][1]);
  if (value['Fn::Sub']) return (value['Fn::Sub'] as string).replace(/\$\{([^}]+)\}/g, (_, name: string) => (name.includes('.') && !name.startsWith('AWS::') ? getAtt(name.split('.')[0]!, name.split('.')[1]!) : ref(name)));
  if (value['Fn::If']) return resolve(condition(value['Fn::If'][0]) ? value['Fn::If'][1] : value['Fn::If'][2]);
  throw new Error(`cannot resolve ${JSON.stringify(value)}`);
}

/** A function's role: its inline policies, and every AWS::IAM::Policy attached to it whose condition holds. */
function roleStatements(fn: string): Json[] {
  const role = stack.functions[fn].role as string;
  const attached = Object.values(resources()).filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((each: Json) => each.Ref === role) && (!r.Condition || condition(r.Condition)));
  return [...resources()[role].Properties.Policies.map((p: Json) => p.PolicyDocument), ...attached.map((p) => p.Properties.PolicyDocument)].flatMap((document) => document.Statement);
}

/** The environment the stack gives the function, resolved, on loopback's endpoints and credentials. */
function environment(fn: string): Record<string, string> {
  const variables = { ...stack.provider.environment, ...stack.functions[fn].environment } as Record<string, Json>;
  // The signup's least answer time is no access, only time here.
  return { ...Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, resolve(value)])), ...s3rverEnv(s3Endpoint), SES_ENDPOINT: sesEndpoint, ...(variables.ANSWER_FLOOR_MS !== undefined ? { ANSWER_FLOOR_MS: '0' } : {}) };
}

/** `client`, recording what it sends under the function's name. */
function recordAccessesOf<T extends Parameters<typeof recordAccesses>[0]>(fn: string, client: T): T {
  recordAccesses(client, (accesses[fn] ??= []));
  return client;
}

/** The function's clients, each recording what it sends under the function's name. */
function clients(fn: string) {
  const recorded = <T extends Parameters<typeof recordAccesses>[0]>(client: T): T => recordAccessesOf(fn, client);
  return {
    s3: recorded(testS3Client(s3Endpoint)) as S3Client,
    ses: recorded(createSesClient({ region: REGION, endpoint: sesEndpoint, credentials })),
    ssm: recorded(createSsmClient(REGION, { endpoint: aws.url, credentials })),
    lambda: recorded(createLambdaClient(REGION, { endpoint: aws.url, credentials })),
    sqs: recorded(new SQSClient({ region: REGION, endpoint: aws.url, credentials })),
    cloudFront: recorded(createCloudFrontClient({ region: REGION, endpoint: aws.url, credentials, maxAttempts: 1 })),
  };
}

// Each handler made as its defaultDeps() makes it, from the function's environment, with the recording clients.
const clock = () => NOW;
function publishHandler() {
  const { s3, cloudFront } = clients('publish');
  const config = readPublishConfig(environment('publish'));
  const cdn = config.distributionId ? new CloudFrontInvalidator({ distributionId: config.distributionId, client: cloudFront }) : undefined;
  return createPublishHandler(() => ({ config, s3, logger: createLogger('broadsheet-publish'), clock, ...(cdn ? { cdn } : {}) }));
}
function digestHandler() {
  const { s3, ses, lambda, sqs, ssm } = clients('digest');
  const config = readDigestFunctionConfig(environment('digest'));
  // An SSM client whenever a parameter is named, where defaultDeps gives none with a queue: a queued send reads nothing all the same.
  return createDigestHandler(() => ({ config, s3, ses, lambda, ...(config.fanoutQueueUrl ? { queue: new SqsBatchQueue(sqs, config.fanoutQueueUrl) } : {}), ...(config.secretParameter || config.smtpUrlParameter ? { ssm } : {}), logger: createLogger('broadsheet-digest'), clock }));
}
function digestSenderHandler(sesClient?: ReturnType<typeof createSesClient>) {
  const { s3, ses: recordedSes, ssm } = clients('digestSender');
  const ses = sesClient ? recordAccessesOf('digestSender', sesClient) : recordedSes;
  const config = readDeliveryConfig(environment('digestSender'));
  return createDigestSenderHandler(() => ({ config, s3, ses, ...(config.secretParameter || config.smtpUrlParameter ? { ssm } : {}), logger: createLogger('broadsheet-digest-sender'), clock }));
}
function subscribeHandler(now = clock) {
  const { s3, ses, ssm } = clients('subscribe');
  return createSubscribeHandler(() => ({ config: readSubscribeConfig(environment('subscribe')), s3, ses, ssm, logger: createLogger('broadsheet-subscribe'), now }), SIGNUP_PATHS);
}
/** The mail's links (/confirm, /preferences, /unsubscribe): the same code as subscribe's, its own function and role. */
function subscriberLinksHandler(now = clock) {
  const { s3, ses, ssm } = clients('subscriberLinks');
  return createSubscribeHandler(() => ({ config: readSubscribeConfig(environment('subscriberLinks')), s3, ses, ssm, logger: createLogger('broadsheet-subscribe'), now }), LINK_PATHS);
}
function sesFeedbackHandler() {
  const { s3, ses } = clients('sesFeedback');
  const list = sesContactList(environment('sesFeedback'));
  return createSesFeedbackHandler(() => ({ config: readSubscriberStoreConfig(environment('sesFeedback')), s3, logger: createLogger('broadsheet-ses-feedback'), now: clock, ...(list ? { contacts: { list, ses, endpoint: sesEndpoint } } : {}) }));
}
function triggerHandler() {
  const { s3, lambda, ssm } = clients('trigger');
  const config = readTriggerConfig(environment('trigger'));
  return createTriggerHandler(() => ({ config, lambda, ssm, logger: createLogger('broadsheet-trigger'), ...(config.siteBucket ? { runs: new S3Store(s3, config.siteBucket, config.sitePrefix ?? '') } : {}) }));
}

const ADA = `ada-${tag}@example.org`;
const GRACE = `grace-${tag}@example.org`;
const LINUS = `linus-${tag}@example.org`;
const shardOf = (address: string) => subscriberId(address).slice(0, 2);
const form = (path: string, body: string, query = '') => ({
  ...functionUrlEvent({ method: 'POST', path, body, headers: { [ORIGIN_HEADER]: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', origin: 'https://watch.example.org', 'sec-fetch-site': 'same-origin', 'cloudfront-viewer-address': '198.51.100.7:51234' } }),
  rawQueryString: query,
});
const page = (path: string, query: string) => ({ ...functionUrlEvent({ method: 'GET', path, headers: { [ORIGIN_HEADER]: ORIGIN } }), rawQueryString: query });
const trigger = (method: string, path: string, body?: unknown) => functionUrlEvent({ method, path, headers: { authorization: `Bearer ${TOKEN}` }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
const sqsEvent = (bodies: string[]): SQSEvent => ({
  Records: bodies.map((body, i) => ({ messageId: `m-${i}`, receiptHandle: `h-${i}`, body, attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1399852800000', SenderId: 'AROA', ApproximateFirstReceiveTimestamp: '1399852800000' }, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:queue`, awsRegion: REGION })),
});
const snsEvent = (...messages: unknown[]): SNSEvent => ({
  Records: messages.map((message, i) => ({ EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: 'arn:aws:sns:us-east-1:123456789012:ses-events:0b4a', Sns: { Type: 'Notification', MessageId: `sns-${i}`, TopicArn: 'arn:aws:sns:us-east-1:123456789012:ses-events', Subject: '', Message: JSON.stringify(message), Timestamp: '2014-05-12T01:00:00.000Z', SignatureVersion: '1', Signature: 'x', SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/x.pem', UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/', MessageAttributes: {} } })),
});

beforeAll(async () => {
  stack = await oslsPrint();
  for (const bucket of [CONTENT_BUCKET, SITE_BUCKET]) await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  const put = (key: string, body: string) => admin.send(new PutObjectCommand({ Bucket: CONTENT_BUCKET, Key: key, Body: body }));
  // The loopback's Lambda, SSM, SQS and CloudFront; the functions the trigger and the digest function invoke are
  // made once its address is known.
  let publish: ReturnType<typeof publishHandler> | undefined;
  let digest: ReturnType<typeof digestHandler> | undefined;
  let senderCheck: ReturnType<typeof digestSenderHandler> | undefined;
  aws = await serveAws({ [ref('PublishLambdaFunction')]: ((event: never, context: never) => publish!(event, context)) as never, [ref('DigestLambdaFunction')]: ((event: never, context: never) => digest!(event, context)) as never, [ref('DigestSenderLambdaFunction')]: ((event: never, context: never) => senderCheck!(event, context)) as never }, { [`/broadsheet/${STAGE}/unsubscribe-secret`]: SECRET, [`/broadsheet/${STAGE}/origin-secret`]: ORIGIN, [`/broadsheet/${STAGE}/trigger-token`]: TOKEN });
  publish = publishHandler();
  digest = digestHandler();
  senderCheck = digestSenderHandler();
  const logs = captureLogs();
  try {
    const subscribe = subscribeHandler();
    const links = subscriberLinksHandler();
    const context = lambdaContext('subscribe', 'sub-1');
    // Before the content is pushed, site.yml missing: an unsubscribe link still answers (functions/subscribe.ts), and a
    // digest asked for by hand is refused, saying so.
    expect((await links(page('/unsubscribe', `token=${signToken({ address: LINUS, purpose: 'unsubscribe' }, SECRET)}`), context)).statusCode).toBe(200);
    // A signup then is answered 503 (the log says to upload site.yml), which the signup function learns by listing that key.
    expect((await subscribe(form('/subscribe', `email=${encodeURIComponent(LINUS)}`), context)).statusCode).toBe(503);
    const early = await digest({ source: 'broadsheet.trigger', action: 'digest', send: false }, lambdaContext('digest', 'dig-0'));
    expect(early).toMatchObject({ ok: false, problems: [expect.stringContaining('site.yml')] });
    await put('content/site.yml', siteYaml({}, { from: 'Test Watch <digest@watch.example.org>', unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' } }));
    await put('content/entries/2014/trade.md', entryText(entry({ title: 'Trade this week', url: 'https://news.example.com/t', date: '2014-05-07', tags: ['trade'] })));

    // Signups before the first publish (no tag list yet), a confirmation, and a subscriber added by the editor, all
    // before W19's issue was due. A tag chosen before the first publish wrote the tag list is none that exists;
    // without one, the signup is made.
    const signup = subscribeHandler(() => BEFORE_DUE);
    const confirming = subscriberLinksHandler(() => BEFORE_DUE);
    expect((await signup(form('/subscribe', `email=${encodeURIComponent(ADA)}&tags=trade`), context)).statusCode).toBe(400);
    expect((await signup(form('/subscribe', `email=${encodeURIComponent(ADA)}`), context)).statusCode).toBe(200);
    const confirm = signToken({ address: ADA, purpose: 'confirm', expires: Math.floor(BEFORE_DUE.toSeconds()) + CONFIRM_TOKEN_SECONDS }, SECRET);
    // Each function answers its own paths only: CloudFront routes the others elsewhere.
    expect((await signup(page('/confirm', `token=${confirm}`), context)).statusCode).toBe(404);
    expect((await confirming(form('/subscribe', `email=${encodeURIComponent(ADA)}`), context)).statusCode).toBe(404);
    expect((await confirming(page('/confirm', `token=${confirm}`), context)).statusCode).toBe(200);
    expect((await confirming(form('/confirm', `token=${confirm}`), context)).statusCode).toBe(200);
    // Its topics page before the first publish: no tag list yet, which the links function learns by listing that key.
    expect((await confirming(page('/preferences', `token=${signToken({ address: ADA, purpose: 'preferences' }, SECRET)}`), context)).body).toContain('no topics to choose from yet');
    await addSubscriber(new StoreSubscriberStore(new S3Store(admin, CONTENT_BUCKET, '_subscribers/')), GRACE, { method: 'added', now: BEFORE_DUE });

    // Publish: scheduled (the first: every file, the CDN invalidated), then a content change.
    const published = publishHandler();
    expect(await published(scheduledEvent(), lambdaContext('publish', 'pub-1'))).toMatchObject({ ok: true, invalidated: expect.any(Array) });
    await put('content/entries/2014/rail.md', entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/r', date: '2014-05-08', tags: ['trade', 'transport'] })));
    expect(await published(s3Event(CONTENT_BUCKET, ['content/entries/2014/rail.md']), lambdaContext('publish', 'pub-2'))).toMatchObject({ ok: true });

    // The trigger: a publish, a dry run, the runs, a digest archive and a send (checked, then handed on and queued).
    const triggered = triggerHandler();
    const tc = () => lambdaContext('trigger', `trig-${Math.random()}`);
    expect((await triggered(trigger('POST', '/publish', {}), tc())).statusCode).toBe(202);
    expect((await triggered(trigger('POST', '/publish', { dryRun: true }), tc())).statusCode).toBe(200);
    await aws.idle();
    const runs = JSON.parse((await triggered(trigger('GET', '/runs'), tc())).body!) as { runs: { id: string }[] };
    expect(runs.runs.length).toBeGreaterThan(0);
    expect((await triggered(trigger('GET', `/runs/${runs.runs[0]!.id}`), tc())).statusCode).toBe(200);
    expect((await triggered(trigger('POST', '/digest', { week: '2014-W19' }), tc())).statusCode).toBe(200);
    expect((await triggered(trigger('POST', '/digest', { week: '2014-W19', send: true }), tc())).statusCode).toBe(202);
    await aws.idle();
    expect(aws.queued.length).toBe(256);

    // The sender: the subscribers' batches, one of them with a claim a sender that died mid-send never concluded (the
    // ledger reads it, and takes it over), and an empty shard's; then one delivered again (sent already).
    const crashed = `crashed-${tag}@example.org`;
    await addSubscriber(new StoreSubscriberStore(new S3Store(admin, CONTENT_BUCKET, '_subscribers/')), crashed, { method: 'added', now: BEFORE_DUE });
    await admin.send(new PutObjectCommand({ Bucket: SITE_BUCKET, Key: `${ledgerPrefix('2014-W19')}${recipientId(crashed)}/1.claim.json`, Body: JSON.stringify({ runId: 'died', handover: true }) }));
    const sender = digestSenderHandler();
    const batchOf = (shard: string) => aws.queued.find((body) => (JSON.parse(body) as { shard: string }).shard === shard)!;
    const full = new Set([ADA, GRACE, crashed].map(shardOf));
    const empty = [...Array(256).keys()].map((n) => n.toString(16).padStart(2, '0')).find((shard) => !full.has(shard))!;
    const batches = [...full, empty].map(batchOf);
    const sendsBefore = (accesses.digestSender ?? []).filter((access) => access.action === 'ses:SendEmail').length;
    expect((await sender(sqsEvent(batches), lambdaContext('digestSender', 'snd-1'))).batchItemFailures).toEqual([]);
    // The readers were mailed: the sender's SES path ran, so its grants are checked below.
    expect(accesses.digestSender!.filter((access) => access.action === 'ses:SendEmail').length).toBeGreaterThan(sendsBefore);
    expect((await sender(sqsEvent(batches.slice(0, 1)), lambdaContext('digestSender', 'snd-2'))).batchItemFailures).toEqual([]);
    // A batch whose transport is down stops and is reported failed (kept for status, and counted in the streak).
    const late = `late-${tag}@example.org`;
    await addSubscriber(new StoreSubscriberStore(new S3Store(admin, CONTENT_BUCKET, '_subscribers/')), late, { method: 'added', now: BEFORE_DUE });
    const down = digestSenderHandler(createSesClient({ region: REGION, endpoint: 'http://127.0.0.1:9', credentials, timeouts: { attempts: 1 } }));
    expect((await down(sqsEvent([batchOf(shardOf(late))]), lambdaContext('digestSender', 'snd-3'))).batchItemFailures).toHaveLength(1);

    // A publish after the week was mailed (it reads the week's ledger, to warn of an entry added to it).
    await put('content/entries/2014/late.md', entryText(entry({ title: 'Late in W19', url: 'https://news.example.com/l', date: '2014-05-09', tags: ['trade'] })));
    expect(await published(s3Event(CONTENT_BUCKET, ['content/entries/2014/late.md']), lambdaContext('publish', 'pub-3'))).toMatchObject({ ok: true });

    // A signup not confirmed yet, whose confirmation SES reports soft-bounced: its record stays pending, so is written
    // tagged again (the lifecycle rule ExpireUnconfirmedSignups).
    const PENDING = `pending-${tag}@example.org`;
    expect((await subscribe(form('/subscribe', `email=${encodeURIComponent(PENDING)}`), context)).statusCode).toBe(200);

    // SES's feedback: a soft bounce, a delivery, a hard bounce, a complaint for an address with no record, and a soft
    // bounce of the pending signup's confirmation.
    const feedback = sesFeedbackHandler();
    const result = await feedback(
      snsEvent(
        { eventType: 'Bounce', mail: { timestamp: '2014-05-12T00:10:00.000Z' }, bounce: { bounceType: 'Transient', feedbackId: 'fb-1', bouncedRecipients: [{ emailAddress: ADA }] } },
        { eventType: 'Delivery', mail: { timestamp: '2014-05-12T00:11:00.000Z' }, delivery: { recipients: [ADA] } },
        { eventType: 'Bounce', mail: { timestamp: '2014-05-12T00:12:00.000Z' }, bounce: { bounceType: 'Permanent', feedbackId: 'fb-2', bouncedRecipients: [{ emailAddress: GRACE }] } },
        { eventType: 'Complaint', mail: { timestamp: '2014-05-12T00:13:00.000Z' }, complaint: { feedbackId: 'fb-3', complainedRecipients: [{ emailAddress: LINUS }] } },
        { eventType: 'Bounce', mail: { timestamp: '2014-05-12T00:14:00.000Z' }, bounce: { bounceType: 'Transient', feedbackId: 'fb-4', bouncedRecipients: [{ emailAddress: PENDING }] } },
      ),
      lambdaContext('sesFeedback', 'fb-1'),
    );
    expect(result).toEqual({ suppressed: 2 });

    // After the publish: a signup choosing a tag, the preferences and an unsubscribe (its page, then one click).
    expect((await subscribe(form('/subscribe', `email=${encodeURIComponent(LINUS.replace('linus', 'linda'))}&tags=trade`), context)).statusCode).toBe(200);
    const preferences = signToken({ address: ADA, purpose: 'preferences' }, SECRET);
    expect((await links(page('/preferences', `token=${preferences}`), context)).statusCode).toBe(200);
    expect((await links(form('/preferences', `token=${preferences}&tags=trade`), context)).statusCode).toBe(200);
    const unsubscribe = signToken({ address: ADA, purpose: 'unsubscribe' }, SECRET);
    expect((await links(page('/unsubscribe', `token=${unsubscribe}`), context)).statusCode).toBe(200);
    expect((await links(form('/unsubscribe', 'List-Unsubscribe=One-Click', `token=${unsubscribe}`), context)).statusCode).toBe(200);

    // A batch received after the site bucket lost its manifest: it fails, and SQS delivers it again. A shard that still
    // holds a subscriber (crashed's): an empty shard's first delivery reads no manifest, having nobody to send to.
    await admin.send(new DeleteObjectCommand({ Bucket: SITE_BUCKET, Key: '_broadsheet/manifest.json' }));
    expect((await sender(sqsEvent([batchOf(shardOf(crashed))]), lambdaContext('digestSender', 'snd-4'))).batchItemFailures).toHaveLength(1);
  } finally {
    logs.restore();
  }
}, 120_000);

afterAll(async () => {
  await aws?.close();
});

describe("each function's requests, as IAM authorises them, against its role in serverless.yml", () => {
  it('runs every function the stack deploys, the digest function always with its queue', () => {
    expect(Object.keys(accesses).sort()).toEqual(functionKeys().sort());
    // Its send without the queue (lib/delivery/deliverByShard.ts) is not reached on AWS: its role need not allow it.
    expect(environment('digest').FANOUT_QUEUE_URL).toBe(`https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/broadsheet-${STAGE}-digest-batches`);
    // Before queueing, it asked the digest-sender whether it can read its parameters.
    expect(accesses.digest!.filter((access) => access.action === 'lambda:InvokeFunction').map((access) => access.resource)).toContain(getAtt('DigestSenderLambdaFunction', 'Arn'));
  });

  it.each(['publish', 'trigger', 'digest', 'digestSender', 'subscribe', 'subscriberLinks', 'sesFeedback'])('%s: every access it made is allowed by its role', (fn) => {
    const statements = roleStatements(fn);
    const denied = [...new Map(accesses[fn]!.filter((access) => !policyAllows(statements, access, resolve)).map((a) => [`${a.action} ${a.resource}${a.prefix !== undefined ? ` (prefix ${a.prefix})` : ''}${a.fromAddress !== undefined ? ` (from ${a.fromAddress})` : ''} by ${a.call}`, a])).keys()];
    expect(denied).toEqual([]);
  });

  it.each(['digestSender', 'subscribe'])('%s: may send only from an address the stack identity covers (ses:FromAddress), whichever identity SES takes it for', (fn) => {
    const statements = roleStatements(fn);
    const sends = accesses[fn]!.filter((access) => access.action === 'ses:SendEmail');
    // site.yml's digest.from, without its display name: the address each digest and confirmation was sent from.
    expect([...new Set(sends.map((access) => access.fromAddress))]).toEqual(['digest@watch.example.org']);
    const identity = `arn:aws:ses:${REGION}:${ACCOUNT}:identity/watch.example.org`;
    const sendFrom = (fromAddress: string) => sends.map((access) => ({ ...access, fromAddress })).every((access) => policyAllows(statements, access, resolve));
    // The stack identity (the sesIdentity param's default, watch.example.org) covers its addresses and its subdomains' (functions/sesIdentityArnOf.ts).
    expect(sends.map((access) => access.resource)).toContain(identity);
    expect(sendFrom('news@watch.example.org')).toBe(true);
    expect(sendFrom('news@letters.watch.example.org')).toBe(true);
    // Any other From is refused even on the stack's identity and configuration set: another domain, one that only ends
    // alike, a parent domain, or no From at all.
    for (const other of ['ceo@example.org', 'news@evilwatch.example.org', 'news@watch.example.org.evil.example', 'watch.example.org@example.org']) expect(sendFrom(other), other).toBe(false);
    const withoutFrom = sends.map((access) => {
      const without = { ...access };
      delete without.fromAddress;
      return without;
    });
    expect(withoutFrom.some((access) => policyAllows(statements, access, resolve))).toBe(false);
  });

  it('lets only the digest-sender read the token secret and the SMTP URL: the digest function, given an SSM client all the same, reads nothing there', () => {
    expect(accesses.digest!.filter((access) => access.action.startsWith('ssm:'))).toEqual([]);
    const ssmGrants = (fn: string) => roleStatements(fn).filter((statement) => [statement.Action].flat().some((action: string) => action.startsWith('ssm:'))).flatMap((statement) => [statement.Resource].flat().map(resolve)).sort();
    expect(ssmGrants('digest')).toEqual([]);
    expect(ssmGrants('digestSender')).toEqual([`arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${SMTP_URL_PARAMETER}`, `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/broadsheet/${STAGE}/unsubscribe-secret`]);
  });

  it('lets the ses-feedback function change one contact list, the one it is given, and ask whether it exists', () => {
    const sesGrants = (fn: string) => roleStatements(fn).filter((statement) => [statement.Action].flat().some((action: string) => action.startsWith('ses:'))).flatMap((statement) => [statement.Action].flat().map((action: string) => `${action} ${[statement.Resource].flat().map(resolve).join(' ')}`));
    const list = `arn:aws:ses:${REGION}:${ACCOUNT}:contact-list/${CONTACT_LIST}`;
    expect(sesGrants('sesFeedback')).toEqual([`ses:UpdateContact ${list}`, `ses:GetContactList ${list}`]);
    // The hard bounce's and the complaint's addresses (the soft-bounced address's record was not suppressed); the list,
    // never created on the SES emulator, answers NotFound, and whether it exists is asked once.
    expect(accesses.sesFeedback!.filter((access) => access.action.startsWith('ses:')).map((access) => `${access.action} ${access.resource}`)).toEqual([`ses:UpdateContact ${list}`, `ses:GetContactList ${list}`, `ses:UpdateContact ${list}`]);
  });

  it('uses every action of every grant, but for the paths this test does not take, each named with why', () => {
    // Used by Lambda itself as the role, not by the code: the logs, the on-failure destination, the SQS event source.
    const byLambda = (statement: Json) => ['logs:CreateLogStream', 'sqs:ReceiveMessage'].some((action) => [statement.Action].flat().includes(action)) || [statement.Resource].flat().map(resolve).includes(getAtt('FailedRunsQueue', 'Arn'));
    const unused = functionKeys().flatMap((fn) =>
      roleStatements(fn)
        .filter((statement) => statement.Effect === 'Allow' && !byLambda(statement))
        .flatMap((statement) => [statement.Action].flat().filter((action: string) => !accesses[fn]!.some((access) => matchingStatements([{ ...statement, Action: action }], access, resolve).length > 0)).map((action: string) => `${fn}: ${statement.Sid} ${action}`)),
    );
    // Each action apart: a grant of several actions, one of which the code never asks for, shows too.
    expect(unused).toEqual([
      // A missing manifest or tag list answered 404, not 403: the publish this run asks for has written both.
      'digest: ListManifest s3:ListBucket',
      // The pings a run left undelivered, read again and written holding the publish lock: this site names no WebSub
      // hub (tests/e2e/subscribers/digestFanout.test.ts keeps them; tests/e2e/digest/serverlessDigest.test.ts checks
      // this grant covers their key and the lock's).
      'digest: KeepPendingPings s3:GetObject',
      'digest: KeepPendingPings s3:PutObject',
      'digest: KeepPendingPings s3:DeleteObject',
      // The SMTP URL, granted since the param is given: this site sends through SES.
      'digestSender: ReadSmtpUrl ssm:GetParameter',
    ]);
  });
});
