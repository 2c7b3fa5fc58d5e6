import { createServer, type Server } from 'node:http';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { publishFunctionNodeOptions } from '../../bench/harness.js';
import { publish } from '../../lib/publish/publish.js';
import { MemoryStore } from '../../lib/store/memoryStore.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { BROWSER_FEED_CONTENT_TYPE } from '../../lib/shared/contentTypes.js';
import { NOT_FOUND_PAGE } from '../../lib/shared/outputLayout.js';
import { LEDGER_PREFIX } from '../../lib/digest/ledgerRecords.js';
import { LocalStore } from '../../lib/store/localStore.js';
import { pushContent } from '../../cli/pushContent.js';
import { S3Store } from '../../lib/store/s3Store.js';
import { REPO } from '../support/cli.js';
import { oslsPackageLocked } from './bundles/oslsPackageLock.js';
import { PACKAGED, packagedStack } from './bundles/packagedStack.js';
import { runOsls } from './bundles/runOsls.js';
import { contentFolder, entry, entryText } from '../support/content.js';
import { lambdaContext, scheduledEvent } from '../support/lambda.js';
import { freshBucket, objectText, s3rverEnv, testS3Client } from '../support/s3.js';
import { readZip } from '../support/zip.js';
import { batchStreakKey } from '../../lib/delivery/batchStreak.js';
import { PENDING_TAGS } from '../../lib/subscribers/pendingTags.js';
import { CONFIRM_TOKEN_SECONDS } from '../../lib/subscribers/subscriberToken.js';
import { ANSWER_FLOOR_MS } from '../../functions/subscribeConfig.js';
import { SIGNUPS_PER_HOUR } from '../../lib/subscribers/signupCap.js';
import { LINK_PATHS, SIGNUP_PATHS } from '../../functions/subscribe.js';
import { anySecretMatches } from '../../functions/http/auth.js';
import { PENDING_PINGS_KEY } from '../../lib/publish/pendingPings.js';

// `osls package`, run once a test run (packagedStack, which tests/e2e/digest/serverlessDigest.test.ts reads too),
// offline and without AWS credentials; then the CloudFormation template it generates is read and checked, and the
// bundled publish function is run against s3rver.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- CloudFormation is untyped JSON
const { stage: STAGE, contentBucket: CONTENT_BUCKET, siteBucket: SITE_BUCKET, alertEmail: ALERT_EMAIL, sesIdentity: SES_IDENTITY } = PACKAGED;
const SCHEDULE = PACKAGED.schedule; // not the default, to show the param reaches the rule
const LEDGER_KEY = '_broadsheet/digest-ledger/2014-W19/0123456789abcdef0123456789abcdef/1.claim.json';

let out: string;
let template: Json;
let resources: Record<string, Json>;

beforeAll(async () => {
  ({ out, template } = await packagedStack());
  resources = template.Resources;
}, 360_000);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const statements = (role: string): Json[] => resources[role].Properties.Policies.flatMap((p: Json) => p.PolicyDocument.Statement);
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

// Resolves the few intrinsic functions the bucket policies use, with a made-up account.
const FAKE = { 'AWS::Partition': 'aws', 'AWS::AccountId': '123456789012', 'AWS::Region': 'us-east-1', 'SiteBucket.Arn': `arn:aws:s3:::${SITE_BUCKET}`, 'S3BucketContent.Arn': `arn:aws:s3:::${CONTENT_BUCKET}`, SiteDistribution: 'E2EXAMPLE' } as Record<string, string>;
function resolve(value: Json): string {
  if (typeof value === 'string') return value;
  if (value['Fn::Sub']) return (value['Fn::Sub'] as string).replace(/\$\{([^}]+)\}/g, (_, name: string) => FAKE[name] ?? `<${name}>`);
  if (value['Fn::GetAtt']) return FAKE[value['Fn::GetAtt'].join('.')] ?? `<${value['Fn::GetAtt'].join('.')}>`;
  throw new Error(`cannot resolve ${JSON.stringify(value)}`);
}
const wildcard = (pattern: string, text: string) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.?+^$()[\]{}|\\]/g, '\\$&')).join('.*')}$`).test(text);

interface Request {
  service?: string;
  action: string;
  resource: string;
  sourceArn?: string;
  secureTransport: boolean;
}

/** A CloudFront function of the template, run from its own code as CloudFront runs it: a global `handler`. */
function handlerOf(name: string): (event: Json) => Json {
  const fn = resources[name];
  expect(fn.Type).toBe('AWS::CloudFront::Function');
  expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
  return runInNewContext(`${fn.Properties.FunctionCode}; handler`) as (event: Json) => Json;
}

/** A Content-Security-Policy header as directive -> sources. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(policy.split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...sources]) => [name!, sources]));
}

/**
 * A role's identity policy on one action and resource: an explicit Deny wins, then any Allow. Statements with
 * a condition (the prefix-bound listings) are never asked about here.
 */
function roleAllows(role: string, action: string, resource: string): boolean {
  const matching = statements(role).filter((s) => asArray<string>(s.Action).some((a) => wildcard(a, action)) && asArray(s.Resource).some((r) => wildcard(resolve(r), resource)));
  for (const s of matching) if (s.Condition) throw new Error(`${role} ${s.Sid}: conditions are not modelled here`);
  if (matching.some((s) => s.Effect === 'Deny')) return false;
  return matching.some((s) => s.Effect === 'Allow');
}

/** The SES identity a function sends as: the tail of its SES_IDENTITY_ARN (the sesIdentity param). */
function identityOf(fn: string): string {
  const arn = resolve(resources[fn].Properties.Environment.Variables.SES_IDENTITY_ARN);
  return arn.slice(arn.indexOf(':identity/') + ':identity/'.length);
}

/**
 * The condition that holds a send to the From addresses an identity covers (functions/sesIdentityArnOf.ts): an
 * address identity's one address, a domain's addresses and its subdomains'.
 */
const fromCoveredBy = (identity: string) => ({ StringLike: { 'ses:FromAddress': [identity, `*@${identity}`, `*@*.${identity}`] } });

/** CloudFormation's Fn::Equals and Fn::Not, on resolved values. */
function condition(value: Json): boolean {
  if (value['Fn::Not']) return !condition(value['Fn::Not'][0]);
  if (value['Fn::Equals']) return value['Fn::Equals'][0] === value['Fn::Equals'][1];
  throw new Error(`cannot evaluate ${JSON.stringify(value)}`);
}

/** IAM policy evaluation, reduced to what a bucket policy here uses: an explicit Deny wins, then any Allow. */
function bucketPolicyAllows(policy: Json, request: Request): boolean {
  const applies = (statement: Json) => {
    const principal = statement.Principal;
    const principalOk = principal === '*' || (request.service !== undefined && asArray(principal.Service).includes(request.service));
    const actionOk = asArray<string>(statement.Action).some((action) => wildcard(action, request.action));
    const resourceOk = asArray(statement.Resource).some((r) => wildcard(resolve(r), request.resource));
    const condition = statement.Condition ?? {};
    const transportOk = condition.Bool?.['aws:SecureTransport'] === undefined || condition.Bool['aws:SecureTransport'] === String(request.secureTransport);
    const sourceOk = condition.StringEquals?.['AWS:SourceArn'] === undefined || resolve(condition.StringEquals['AWS:SourceArn']) === request.sourceArn;
    return principalOk && actionOk && resourceOk && transportOk && sourceOk;
  };
  const matching = policy.Statement.filter(applies);
  if (matching.some((s: Json) => s.Effect === 'Deny')) return false;
  return matching.some((s: Json) => s.Effect === 'Allow');
}

describe('the CloudFormation template osls generates', () => {
  it('runs publish on the schedule given as a param', () => {
    // Other functions may have schedules of their own; publish has exactly one.
    const rules = ofType('AWS::Events::Rule').filter(([, r]) => JSON.stringify(r.Properties.Targets).includes('PublishLambdaFunction'));
    expect(rules).toHaveLength(1);
    const [, rule] = rules[0]!;
    expect(rule.Properties.ScheduleExpression).toBe(SCHEDULE);
    expect(rule.Properties.State).toBe('ENABLED');
    expect(rule.Properties.Targets).toEqual([expect.objectContaining({ Arn: { 'Fn::GetAtt': ['PublishLambdaFunction', 'Arn'] } })]);
  });

  it('runs publish on objects created and removed under the content prefix of the content bucket', () => {
    const bucket = resources.S3BucketContent;
    expect(bucket.Properties.BucketName).toBe(CONTENT_BUCKET);
    const configurations = bucket.Properties.NotificationConfiguration.LambdaConfigurations;
    expect(configurations.map((c: Json) => c.Event).sort()).toEqual(['s3:ObjectCreated:*', 's3:ObjectRemoved:*']);
    for (const c of configurations) {
      expect(c.Function).toEqual({ 'Fn::GetAtt': ['PublishLambdaFunction', 'Arn'] });
      expect(c.Filter.S3Key.Rules).toEqual([{ Name: 'prefix', Value: 'content/' }]);
    }
    const permission = ofType('AWS::Lambda::Permission').find(([, p]) => p.Properties.Principal === 's3.amazonaws.com')![1];
    expect(permission.Properties.SourceArn['Fn::Join'][1].join('')).toContain(`:s3:::${CONTENT_BUCKET}`);
  });

  it('gives only the trigger and the two subscription functions a Function URL, public at the URL level (each handler checks its own secret)', () => {
    const urls = ofType('AWS::Lambda::Url');
    expect(urls.map(([, url]) => url.Properties.TargetFunctionArn['Fn::GetAtt'][0]).sort()).toEqual(['SubscribeLambdaFunction', 'SubscriberLinksLambdaFunction', 'TriggerLambdaFunction']);
    for (const [, url] of urls) expect(url.Properties.AuthType).toBe('NONE');
    const invokeByUrl = ofType('AWS::Lambda::Permission').filter(([, p]) => p.Properties.FunctionUrlAuthType === 'NONE' || p.Properties.InvokedViaFunctionUrl);
    expect(invokeByUrl.length).toBeGreaterThan(0);
    for (const [, p] of invokeByUrl) expect(['TriggerLambdaFunction', 'SubscribeLambdaFunction', 'SubscriberLinksLambdaFunction']).toContain(p.Properties.FunctionName['Fn::GetAtt'][0]);
  });

  it('routes /subscribe on the site address to the subscribe function, and /confirm, /preferences and /unsubscribe to the subscriberLinks function, uncached, with the secret origin header', () => {
    const config = resources.SiteDistribution.Properties.DistributionConfig;
    for (const [id, fn] of [['subscribe', 'SubscribeLambdaFunction'], ['subscriberLinks', 'SubscriberLinksLambdaFunction']]) {
      const origin = config.Origins.find((o: Json) => o.Id === id);
      expect(origin.DomainName).toEqual({ 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [`${fn}Url`, 'FunctionUrl'] }] }] });
      expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
      expect(origin.OriginCustomHeaders).toEqual([{ HeaderName: 'x-broadsheet-origin', HeaderValue: `{{resolve:ssm:/broadsheet/${STAGE}/origin-secret}}` }]);
    }
    // Each path to the function whose handler answers it (functions/subscribe.ts: SIGNUP_PATHS, LINK_PATHS).
    expect(config.CacheBehaviors.map((b: Json) => [b.PathPattern, b.TargetOriginId])).toEqual([...SIGNUP_PATHS.map((path) => [path, 'subscribe']), ...LINK_PATHS.map((path) => [path, 'subscriberLinks'])]);
    expect(resources.SubscribeLambdaFunction.Properties.Handler).toBe('functions/subscribe.handler');
    expect(resources.SubscriberLinksLambdaFunction.Properties.Handler).toBe('functions/subscribe.linksHandler');
    for (const behaviour of config.CacheBehaviors) {
      expect(behaviour).toMatchObject({ ViewerProtocolPolicy: 'https-only', CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac' });
      expect(behaviour.AllowedMethods).toContain('POST');
      // The pages' CSP applies to the function's pages too; no viewer-request rewrite to index.html.
      expect(behaviour.FunctionAssociations.map((f: Json) => f.EventType)).toEqual(['viewer-response']);
    }
    expect(resources.SubscribeLambdaFunction.Properties.Environment.Variables).toMatchObject({ CONTENT_BUCKET, SITE_BUCKET, SUBSCRIBERS_PREFIX: '_subscribers/', SECRET_PARAMETER: `/broadsheet/${STAGE}/unsubscribe-secret`, ORIGIN_SECRET_PARAMETER: `/broadsheet/${STAGE}/origin-secret` });
    // A param, so that a deploy keeps the operator's floor; its default is the function's own.
    expect(resources.SubscribeLambdaFunction.Properties.Environment.Variables.ANSWER_FLOOR_MS).toBe(String(ANSWER_FLOOR_MS));
    // The hourly signup cap, a param too, on the one function that takes signups; its default is the function's own.
    const capped = Object.entries(resources).filter(([, resource]: [string, Json]) => resource.Type === 'AWS::Lambda::Function' && resource.Properties.Environment?.Variables?.SIGNUPS_PER_HOUR !== undefined);
    expect(capped.map(([name, resource]: [string, Json]) => [name, resource.Properties.Environment.Variables.SIGNUPS_PER_HOUR])).toEqual([['SubscribeLambdaFunction', String(SIGNUPS_PER_HOUR)]]);
    // The links function: the same store and secrets; no floor (it answers no signup), no SES identity (it sends nothing).
    const linksEnv = resources.SubscriberLinksLambdaFunction.Properties.Environment.Variables;
    expect(linksEnv).toMatchObject({ CONTENT_BUCKET, CONTENT_PREFIX: 'content/', SITE_BUCKET, SUBSCRIBERS_PREFIX: '_subscribers/', SECRET_PARAMETER: `/broadsheet/${STAGE}/unsubscribe-secret`, ORIGIN_SECRET_PARAMETER: `/broadsheet/${STAGE}/origin-secret` });
    for (const name of ['ANSWER_FLOOR_MS', 'SES_IDENTITY_ARN', 'SES_CONFIGURATION_SET']) expect(linksEnv[name], name).toBeUndefined();
  });

  it('lets the subscriberLinks function touch only the records under _subscribers/, site.yml, the tag list and its secrets: no tagging, no SES', () => {
    const links = statements('SubscriberLinksRole');
    const byAction: Record<string, string[]> = {};
    for (const statement of links) for (const action of asArray<string>(statement.Action)) byAction[action] = [...(byAction[action] ?? []), ...asArray(statement.Resource).map(resolve)];
    expect(Object.keys(byAction).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 's3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject', 'ssm:GetParameter']);
    expect(byAction['s3:PutObject']).toEqual([`arn:aws:s3:::${CONTENT_BUCKET}/_subscribers/*`]);
    expect(byAction['s3:DeleteObject']).toEqual([`arn:aws:s3:::${CONTENT_BUCKET}/_subscribers/*`]);
    expect(byAction['s3:GetObject']!.sort()).toEqual([`arn:aws:s3:::${CONTENT_BUCKET}/_subscribers/*`, `arn:aws:s3:::${CONTENT_BUCKET}/content/site.yml`, `arn:aws:s3:::${SITE_BUCKET}/tags/tags.json`].sort());
    expect(links.filter((s) => s.Action === 's3:ListBucket').map((s) => s.Condition.StringLike?.['s3:prefix'] ?? s.Condition.StringEquals['s3:prefix']).sort()).toEqual(['_subscribers/*', 'content/site.yml', 'tags/tags.json']);
    expect(byAction['ssm:GetParameter']!.sort()).toEqual([`arn:aws:ssm:us-east-1:123456789012:parameter/broadsheet/${STAGE}/origin-secret`, `arn:aws:ssm:us-east-1:123456789012:parameter/broadsheet/${STAGE}/unsubscribe-secret`]);
    expect(resources.SubscriberLinksLambdaFunction.Properties.Role).toEqual({ 'Fn::GetAtt': ['SubscriberLinksRole', 'Arn'] });
  });

  it('sends SES bounces, complaints and deliveries of the configuration set through SNS to the ses-feedback function, which may touch only _subscribers/', () => {
    const destination = resources.SesConfigurationSetEvents.Properties;
    expect(destination.ConfigurationSetName).toEqual({ Ref: 'SesConfigurationSet' });
    expect(resources.SesConfigurationSet.Properties.Name).toBe(`broadsheet-${STAGE}`);
    expect(destination.EventDestination).toMatchObject({ Enabled: true, MatchingEventTypes: ['bounce', 'complaint', 'delivery'], SnsDestination: { TopicARN: { Ref: 'SesEventsTopic' } } });
    const subscription = ofType('AWS::SNS::Subscription').find(([, sub]) => JSON.stringify(sub.Properties.Endpoint).includes('SesFeedbackLambdaFunction'))![1];
    expect(subscription.Properties).toMatchObject({ Protocol: 'lambda', TopicArn: { Ref: 'SesEventsTopic' } });
    const [publish, ...others] = resources.SesEventsTopicPolicy.Properties.PolicyDocument.Statement;
    expect(publish).toMatchObject({ Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: 'SesEventsTopic' } });
    // SES publishes for this stack's configuration set alone, named by its ARN (SES Developer Guide, "Set up an Amazon
    // SNS event destination for event publishing"): another set in the account cannot suppress this list's subscribers.
    expect(Object.keys(publish.Condition)).toEqual(['StringEquals']);
    expect(Object.keys(publish.Condition.StringEquals).sort()).toEqual(['aws:SourceAccount', 'aws:SourceArn']);
    expect(publish.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
    expect(resolve(publish.Condition.StringEquals['aws:SourceArn'])).toBe(`arn:aws:ses:us-east-1:123456789012:configuration-set/${resources.SesConfigurationSet.Properties.Name}`);
    // The events name recipients: no publish over plain HTTP, as for the queues. Unencrypted at rest: SES publishes
    // only to a topic under a customer managed key, since the aws/sns key's policy cannot let it.
    expect(others).toEqual([{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: { Ref: 'SesEventsTopic' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }]);
    expect(resources.SesEventsTopic.Properties.KmsMasterKeyId).toBeUndefined();
    const feedback = statements('SesFeedbackRole');
    const s3Resources = feedback.filter((s) => asArray<string>(s.Action).some((a) => a.startsWith('s3:'))).flatMap((s) => asArray(s.Resource).map(resolve));
    expect([...new Set(s3Resources)].sort()).toEqual([`arn:aws:s3:::${CONTENT_BUCKET}`, `arn:aws:s3:::${CONTENT_BUCKET}/_subscribers/*`]);
    expect(feedback.find((s) => s.Action === 's3:ListBucket').Condition).toEqual({ StringLike: { 's3:prefix': '_subscribers/*' } });
    // A soft bounce of a pending signup writes it again, still pending, so tagged.
    expect(roleAllows('SesFeedbackRole', 's3:PutObjectTagging', `arn:aws:s3:::${CONTENT_BUCKET}/_subscribers/0123/0000000001.json`)).toBe(true);
    expect(resources.SesFeedbackLambdaFunction.Properties.ReservedConcurrentExecutions).toBe(2);
    // Every function that sends through SES is told that set, so that no send goes around it (functions/configurationSetOf.ts).
    for (const fn of ['DigestLambdaFunction', 'DigestSenderLambdaFunction', 'SubscribeLambdaFunction']) {
      expect(resources[fn].Properties.Environment.Variables.SES_CONFIGURATION_SET, fn).toBe(resources.SesConfigurationSet.Properties.Name);
      // And as the one identity, which each checks site.yml against (functions/sesIdentityArnOf.ts).
      expect(JSON.stringify(resources[fn].Properties.Environment.Variables.SES_IDENTITY_ARN), fn).toContain(':identity/');
      expect(resources[fn].Properties.Environment.Variables.SES_IDENTITY_ARN, fn).toEqual(resources.DigestLambdaFunction.Properties.Environment.Variables.SES_IDENTITY_ARN);
    }
  });

  it("holds every SES send grant to a From its function's identity covers (ses:FromAddress): the digest-sender's and the subscribe function's", () => {
    const grants = Object.entries(resources)
      .filter(([, r]) => r.Type === 'AWS::IAM::Role' || r.Type === 'AWS::IAM::Policy')
      .flatMap(([name, r]) => (r.Type === 'AWS::IAM::Role' ? (r.Properties.Policies ?? []).map((p: Json) => p.PolicyDocument) : [r.Properties.PolicyDocument]).flatMap((d: Json) => d.Statement.map((s: Json) => [name, s] as const)))
      .filter(([, s]) => s.Effect === 'Allow' && asArray<string>(s.Action).some((a) => a.startsWith('ses:Send')));
    expect(grants.map(([name]) => name).sort()).toEqual(['DigestSenderRole', 'SubscribeRole']);
    for (const [name, statement] of grants) {
      const fn = name === 'SubscribeRole' ? 'SubscribeLambdaFunction' : 'DigestSenderLambdaFunction';
      expect(statement.Condition, name).toEqual(fromCoveredBy(identityOf(fn)));
    }
    // The identity of the sesIdentity param given, a domain: its addresses and its subdomains', nothing else.
    expect(identityOf('SubscribeLambdaFunction')).toBe(SES_IDENTITY);
    const patterns = fromCoveredBy(identityOf('SubscribeLambdaFunction')).StringLike['ses:FromAddress'];
    const allowed = (address: string) => patterns.some((pattern: string) => wildcard(pattern, address));
    expect([`digest@${SES_IDENTITY}`, `news@letters.${SES_IDENTITY}`].map(allowed)).toEqual([true, true]);
    expect(['ceo@example.org', `news@evil${SES_IDENTITY}`, `news@${SES_IDENTITY}.evil.example`].map(allowed)).toEqual([false, false, false]);
  });

  it('lets the digest function neither read a subscriber record, the token secret or the SMTP URL, nor send: it queues the send for the digest-sender', () => {
    const digest = resources.DigestRole.Properties.Policies.flatMap((p: Json) => p.PolicyDocument.Statement);
    const onRecords = digest.filter((s: Json) => asArray(s.Resource).some((r: Json) => resolve(r).includes('_subscribers')) || s.Condition?.StringLike?.['s3:prefix'] === '_subscribers/*');
    expect(onRecords).toEqual([]);
    // Of the content, site.yml alone: never an entry (a draft, an embargoed one), which the publish function reads.
    const onContent = digest.filter((s: Json) => asArray(s.Resource).some((r: Json) => resolve(r).includes(CONTENT_BUCKET)));
    expect(onContent.filter((s: Json) => s.Action === 's3:GetObject').flatMap((s: Json) => asArray(s.Resource).map(resolve))).toEqual([`arn:aws:s3:::${CONTENT_BUCKET}/content/site.yml`]);
    expect(onContent.filter((s: Json) => s.Action === 's3:ListBucket').map((s: Json) => s.Condition)).toEqual([{ StringEquals: { 's3:prefix': ['content/site.yml', 'content/site', 'content/Site', 'content/SITE'] } }]);
    expect(onContent.flatMap((s: Json) => asArray<string>(s.Action)).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(digest.flatMap((s: Json) => asArray<string>(s.Action)).filter((a: string) => a.startsWith('ses:'))).toEqual([]);
    expect(resources.DigestLambdaFunction.Properties.Environment.Variables.FANOUT_QUEUE_URL).toEqual({ Ref: 'DigestBatchesQueue' });
    // The secret's parameter named only, for the check before the send is queued; the digest-sender reads it.
    expect(digest.flatMap((s: Json) => asArray<string>(s.Action)).filter((a: string) => a.startsWith('ssm:'))).toEqual([]);
    expect(statements('DigestSenderRole').filter((s: Json) => s.Action === 'ssm:GetParameter').map((s: Json) => resolve(s.Resource))).toEqual([`arn:aws:ssm:us-east-1:123456789012:parameter/broadsheet/${STAGE}/unsubscribe-secret`]);
    expect(resources.DigestLambdaFunction.Properties.Environment.Variables).toMatchObject({ SUBSCRIBERS_PREFIX: '_subscribers/', SECRET_PARAMETER: `/broadsheet/${STAGE}/unsubscribe-secret` });
  });

  it('lets the subscribe function touch only its records under _subscribers/, site.yml, the tag list, its secrets and SendEmail', () => {
    const subscribe = statements('SubscribeRole');
    const byAction: Record<string, string[]> = {};
    for (const statement of subscribe) for (const action of asArray<string>(statement.Action)) byAction[action] = [...(byAction[action] ?? []), ...asArray(statement.Resource).map(resolve)];
    expect(byAction['s3:PutObject']).toEqual([`arn:aws:s3:::${CONTENT_BUCKET}/_subscribers/*`]);
    // A pending record is written tagged, which S3 allows only with s3:PutObjectTagging too.
    expect(byAction['s3:PutObjectTagging']).toEqual([`arn:aws:s3:::${CONTENT_BUCKET}/_subscribers/*`]);
    expect(byAction['s3:DeleteObject']).toEqual([`arn:aws:s3:::${CONTENT_BUCKET}/_subscribers/*`]);
    expect(byAction['s3:GetObject']!.sort()).toEqual([`arn:aws:s3:::${CONTENT_BUCKET}/_subscribers/*`, `arn:aws:s3:::${CONTENT_BUCKET}/content/site.yml`, `arn:aws:s3:::${SITE_BUCKET}/tags/tags.json`].sort());
    // Its own records, and site.yml and the tag list (exactly those keys: a missing one is a 404, nothing else is listed).
    expect(subscribe.filter((s) => s.Action === 's3:ListBucket').map((s) => s.Condition.StringLike?.['s3:prefix'] ?? s.Condition.StringEquals['s3:prefix']).sort()).toEqual(['_subscribers/*', 'content/site.yml', 'tags/tags.json']);
    expect(byAction['ssm:GetParameter']!.sort()).toEqual([`arn:aws:ssm:us-east-1:123456789012:parameter/broadsheet/${STAGE}/origin-secret`, `arn:aws:ssm:us-east-1:123456789012:parameter/broadsheet/${STAGE}/unsubscribe-secret`]);
    expect(Object.keys(byAction).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 's3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject', 's3:PutObjectTagging', 'ses:SendEmail', 'ssm:GetParameter']);
    // From the site's identity, through the stack's configuration set (a confirmation's bounce is fed back too).
    expect(byAction['ses:SendEmail']!.sort()).toEqual([`arn:aws:ses:us-east-1:123456789012:configuration-set/broadsheet-${STAGE}`, `arn:aws:ses:us-east-1:123456789012:identity/${SES_IDENTITY}`].sort());
    expect(subscribe.filter((s) => asArray<string>(s.Action).includes('ses:SendEmail')).map((s) => s.Condition)).toEqual([fromCoveredBy(identityOf('SubscribeLambdaFunction'))]);
    expect(resources.SubscribeLambdaFunction.Properties.Role).toEqual({ 'Fn::GetAtt': ['SubscribeRole', 'Arn'] });
  });

  it('reserves a concurrency of 1 for publish, and runs every function on nodejs22.x, arm64', () => {
    expect(resources.PublishLambdaFunction.Properties.ReservedConcurrentExecutions).toBe(1);
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
    }
    const invokeConfig = ofType('AWS::Lambda::EventInvokeConfig').find(([, c]) => JSON.stringify(c.Properties.FunctionName).includes('PublishLambdaFunction'))![1];
    expect(invokeConfig.Properties).toMatchObject({ MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 3600 });
  });

  it('gives publish and digest one full vCPU (1,769 MB: Lambda gives CPU in proportion to memory)', () => {
    expect(resources.PublishLambdaFunction.Properties.MemorySize).toBe(1769);
    expect(resources.DigestLambdaFunction.Properties.MemorySize).toBe(1769);
  });

  it("gives publish the scratch space its spool of built files needs, and a first publish's time to write them all", () => {
    // lib/publish/builtFiles.ts spools every changed file to /tmp: a first publish of 100,000 entries is about 2 GB.
    expect(resources.PublishLambdaFunction.Properties.EphemeralStorage).toEqual({ Size: 4096 });
    expect(resources.PublishLambdaFunction.Properties.Timeout).toBe(900);
    // A heap limit under the function's memory, so V8 collects before Lambda's limit ends the run.
    expect(resources.PublishLambdaFunction.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps --max-old-space-size=1024 --max-semi-space-size=32');
    // `npm run bench` measures publishes with the same flags as well (its "function's V8 flags" runs).
    expect(publishFunctionNodeOptions()).toBe(resources.PublishLambdaFunction.Properties.Environment.Variables.NODE_OPTIONS);
  });

  it('configures the functions through their environment', () => {
    expect(resources.PublishLambdaFunction.Properties.Environment.Variables).toMatchObject({
      CONTENT_BUCKET: CONTENT_BUCKET,
      CONTENT_PREFIX: 'content/',
      SITE_BUCKET: SITE_BUCKET,
      CACHE_CONTROL: 'public, max-age=300',
      SKIP_INVALID: 'false',
      SITE_URL: '', // no check until the address is known
    });
    expect(resources.TriggerLambdaFunction.Properties.Environment.Variables).toMatchObject({
      PUBLISH_FUNCTION_NAME: { Ref: 'PublishLambdaFunction' },
      TOKEN_PARAMETER: `/broadsheet/${STAGE}/trigger-token`,
    });
  });

  it('gives each function its own role, scoped to the buckets, the function and the parameter, with no * resource', () => {
    expect(resources.IamRoleLambdaExecution).toBeUndefined();
    expect(resources.PublishLambdaFunction.Properties.Role).toEqual({ 'Fn::GetAtt': ['PublishRole', 'Arn'] });
    expect(resources.TriggerLambdaFunction.Properties.Role).toEqual({ 'Fn::GetAtt': ['TriggerRole', 'Arn'] });
    for (const role of ['PublishRole', 'TriggerRole', 'SubscribeRole', 'SubscriberLinksRole', 'SesFeedbackRole', 'DigestSenderRole']) {
      // Denies only narrow what the Allows grant (the send ledger, below); they may name actions by wildcard.
      for (const statement of statements(role).filter((s) => s.Effect !== 'Deny')) {
        expect(statement.Effect).toBe('Allow');
        for (const resource of asArray(statement.Resource).map(resolve)) {
          // A wildcard only at the end, after a named bucket, prefix or log group of this stage.
          if (resource.includes('*')) expect(resource, `${role} ${statement.Sid}`).toMatch(new RegExp(`^[^*]*broadsheet-${STAGE}[^*]*[/:]\\*$`));
        }
        for (const action of asArray<string>(statement.Action)) expect(action).not.toMatch(/\*$/);
      }
    }
    const publish = statements('PublishRole');
    const s3Resources = publish.filter((s) => s.Effect === 'Allow' && asArray<string>(s.Action).some((a) => a.startsWith('s3:'))).flatMap((s) => asArray(s.Resource).map(resolve));
    expect(s3Resources.sort()).toEqual(
      [`arn:aws:s3:::${CONTENT_BUCKET}`, `arn:aws:s3:::${CONTENT_BUCKET}/content/*`, `arn:aws:s3:::${SITE_BUCKET}`, `arn:aws:s3:::${SITE_BUCKET}/*`].sort(),
    );
    // Read-only on the content bucket; listing it only under the prefix.
    const onContent = publish.filter((s) => asArray(s.Resource).some((r) => resolve(r).includes(CONTENT_BUCKET)));
    expect(onContent.flatMap((s) => s.Action).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(onContent.find((s) => s.Action === 's3:ListBucket').Condition).toEqual({ StringLike: { 's3:prefix': 'content/*' } });
    expect(publish.flatMap((s) => asArray<string>(s.Action)).filter((a) => !a.startsWith('s3:') && !a.startsWith('logs:'))).toEqual(['sqs:SendMessage']);

    const trigger = statements('TriggerRole');
    const byAction = Object.fromEntries(trigger.flatMap((s) => asArray<string>(s.Action).map((a) => [a, asArray(s.Resource).map(resolve)])));
    expect(Object.keys(byAction).sort()).toEqual(['lambda:InvokeFunction', 'logs:CreateLogStream', 'logs:PutLogEvents', 's3:GetObject', 's3:ListBucket', 'ssm:GetParameter']);
    // GET /runs: the run records alone, read and listed only under their prefix.
    expect(byAction['s3:GetObject']).toEqual([`arn:aws:s3:::${SITE_BUCKET}/_broadsheet/runs/*`]);
    expect(byAction['s3:ListBucket']).toEqual([`arn:aws:s3:::${SITE_BUCKET}`]);
    expect(trigger.find((s) => s.Action === 's3:ListBucket').Condition).toEqual({ StringLike: { 's3:prefix': '_broadsheet/runs/*' } });
    expect(trigger.find((s) => s.Action === 'lambda:InvokeFunction').Resource).toEqual({ 'Fn::GetAtt': ['PublishLambdaFunction', 'Arn'] });
    expect(byAction['ssm:GetParameter']).toEqual([`arn:aws:ssm:us-east-1:123456789012:parameter/broadsheet/${STAGE}/trigger-token`]);
    expect(byAction['logs:PutLogEvents']).toEqual([`arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/broadsheet-${STAGE}-trigger:*`]);
  });

  it('blocks all public access to both buckets, encrypts them and keeps versions', () => {
    for (const name of ['S3BucketContent', 'SiteBucket']) {
      const p = resources[name].Properties;
      expect(p.PublicAccessBlockConfiguration, name).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm, name).toBe('AES256');
      expect(p.VersioningConfiguration, name).toEqual({ Status: 'Enabled' });
    }
  });

  it('refuses plain HTTP to both buckets', () => {
    for (const [policy, arn] of [['ContentBucketPolicy', `arn:aws:s3:::${CONTENT_BUCKET}/content/site.yml`], ['SiteBucketPolicy', `arn:aws:s3:::${SITE_BUCKET}/rss.xml`]] as const) {
      const document = resources[policy].Properties.PolicyDocument;
      const deny = document.Statement.find((s: Json) => s.Effect === 'Deny' && s.Principal === '*');
      expect(deny.Condition, policy).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
      expect(bucketPolicyAllows(document, { service: 'cloudfront.amazonaws.com', action: 's3:GetObject', resource: arn, sourceArn: 'arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE', secureTransport: false }), policy).toBe(false);
    }
  });

  it('lets only this CloudFront distribution read the site, and never _broadsheet/ (index of drafts and embargoes)', () => {
    const policy = resources.SiteBucketPolicy.Properties.PolicyDocument;
    const distribution = 'arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE';
    const read = (key: string, extra: Partial<Request> = {}) =>
      bucketPolicyAllows(policy, { service: 'cloudfront.amazonaws.com', action: 's3:GetObject', resource: `arn:aws:s3:::${SITE_BUCKET}/${key}`, sourceArn: distribution, secureTransport: true, ...extra });
    expect(read('rss.xml')).toBe(true);
    expect(read('tags/trade/feed.json')).toBe(true);
    expect(read('_broadsheet/index.json')).toBe(false);
    expect(read('_broadsheet/manifest.json')).toBe(false);
    expect(read('rss.xml', { sourceArn: 'arn:aws:cloudfront::999999999999:distribution/EOTHER' })).toBe(false);
    expect(read('rss.xml', { service: 'lambda.amazonaws.com' })).toBe(false);
    expect(policy.Statement.filter((s: Json) => s.Effect === 'Allow' && s.Principal === '*')).toEqual([]);
    // The Deny is explicit, so no later Allow can override it.
    expect(policy.Statement.find((s: Json) => s.Effect === 'Deny' && s.Principal?.Service === 'cloudfront.amazonaws.com').Resource).toEqual({ 'Fn::Sub': '${SiteBucket.Arn}/_broadsheet/*' });
  });

  it('answers a missing file 404, not 403: this distribution alone may list the site bucket, and no viewer request lists it', () => {
    const policy = resources.SiteBucketPolicy.Properties.PolicyDocument;
    const distribution = 'arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE';
    // S3 answers a GET of a missing key 404 only to a caller that may s3:ListBucket (else 403 AccessDenied).
    const list = (extra: Partial<Request> = {}) => bucketPolicyAllows(policy, { service: 'cloudfront.amazonaws.com', action: 's3:ListBucket', resource: `arn:aws:s3:::${SITE_BUCKET}`, sourceArn: distribution, secureTransport: true, ...extra });
    expect(list()).toBe(true);
    expect(list({ sourceArn: 'arn:aws:cloudfront::999999999999:distribution/EOTHER' })).toBe(false);
    expect(list({ secureTransport: false })).toBe(false);
    // A listing is a GET of the bucket's root: the request function never forwards one, and no query reaches S3.
    const request = handlerOf('SiteRequestFunction');
    for (const uri of ['/', '//', '/tags/', '/tags', '/.', '/%2F', '/?list-type=2']) {
      const forwarded = request({ request: { uri, querystring: { 'list-type': { value: '2' } } } }).uri as string;
      expect(forwarded.split('/').pop(), uri).toMatch(/\.[A-Za-z0-9]+$/);
    }
    const cachePolicy = resources.SiteDistribution.Properties.DistributionConfig.DefaultCacheBehavior.CachePolicyId;
    expect(cachePolicy).toBe('658327ea-f89d-4fab-a63d-7e88639e58f6'); // Managed-CachingOptimized: no query string forwarded
    expect(resources.SiteDistribution.Properties.DistributionConfig.DefaultCacheBehavior.OriginRequestPolicyId).toBeUndefined();
  });

  it("shows a reader the site's own 404.html at a missing address, still as 404, and lets the error go after a minute", () => {
    const config = resources.SiteDistribution.Properties.DistributionConfig;
    // The site is the bucket's root (no OriginPath), where publish writes the page.
    expect(config.Origins[0].OriginPath).toBeUndefined();
    expect(config.CustomErrorResponses).toEqual([{ ErrorCode: 404, ResponseCode: 404, ResponsePagePath: `/${NOT_FOUND_PAGE}`, ErrorCachingMinTTL: 60 }]);
    // CloudFront fetches it through the default behaviour, from the site bucket, not the subscribe function.
    for (const behaviour of config.CacheBehaviors) expect(wildcard(behaviour.PathPattern, `/${NOT_FOUND_PAGE}`), behaviour.PathPattern).toBe(false);
  });

  it('serves the site through CloudFront with Origin Access Control, over HTTPS only', () => {
    const config = resources.SiteDistribution.Properties.DistributionConfig;
    // The site bucket, and the two subscription functions (their own test, below).
    expect(config.Origins.map((o: Json) => o.Id)).toEqual(['site', 'subscribe', 'subscriberLinks']);
    expect(config.Origins[0]).toMatchObject({ DomainName: { 'Fn::GetAtt': ['SiteBucket', 'RegionalDomainName'] }, OriginAccessControlId: { 'Fn::GetAtt': ['SiteOriginAccessControl', 'Id'] } });
    expect(config.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'] });
    expect(resources.SiteOriginAccessControl.Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    expect(template.Outputs.SiteUrl.Value).toEqual({ 'Fn::Sub': 'https://${SiteDistribution.DomainName}/' });
  });

  describe('CloudFront functions', () => {
    const associations = () => resources.SiteDistribution.Properties.DistributionConfig.DefaultCacheBehavior.FunctionAssociations.map((a: Json) => [a.EventType, a.FunctionARN['Fn::GetAtt'][0]]);

    it('are attached to the distribution', () => {
      expect(associations()).toEqual([['viewer-request', 'SiteRequestFunction'], ['viewer-response', 'SiteResponseFunction']]);
    });

    it('serve index.html for folder URLs, and leave files alone', () => {
      const handler = handlerOf('SiteRequestFunction');
      const uri = (path: string) => handler({ request: { uri: path, headers: {} } }).uri;
      expect(uri('/tags/trade/')).toBe('/tags/trade/index.html');
      expect(uri('/digests')).toBe('/digests/index.html');
      expect(uri('/tags/trade/rss.xml')).toBe('/tags/trade/rss.xml');
      expect(uri('/')).toBe('/index.html');
    });

    it('give browsers RSS and Atom as application/xml, and feed readers the feed types', () => {
      const handler = handlerOf('SiteResponseFunction');
      const respond = (type: string, accept?: string) =>
        handler({ request: { uri: '/rss.xml', headers: accept ? { accept: { value: accept } } : {} }, response: { statusCode: 200, headers: { 'content-type': { value: type } } } }).headers;
      const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
      expect(respond('application/rss+xml; charset=utf-8', browser)['content-type'].value).toBe(BROWSER_FEED_CONTENT_TYPE);
      expect(respond('application/atom+xml; charset=utf-8', browser)['content-type'].value).toBe(BROWSER_FEED_CONTENT_TYPE);
      expect(respond('application/rss+xml; charset=utf-8', 'application/rss+xml, */*')['content-type'].value).toBe('application/rss+xml; charset=utf-8');
      expect(respond('application/rss+xml; charset=utf-8')['vary'].value).toBe('Accept');
      expect(respond('application/feed+json; charset=utf-8', browser)['content-type'].value).toBe('application/feed+json; charset=utf-8');
    });

    const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    const respond = (uri: string, type: string, accept = BROWSER_ACCEPT) =>
      handlerOf('SiteResponseFunction')({
        request: { uri, headers: { accept: { value: accept } } },
        response: { statusCode: 200, headers: { 'content-type': { value: type }, 'cache-control': { value: 'public, max-age=300' }, etag: { value: '"abc"' } } },
      }).headers as Record<string, { value: string }>;

    it('give the pages a Content-Security-Policy with no script: inline styles, the site’s own and https images only, forms to the site itself, never framed', () => {
      for (const uri of ['/index.html', '/tags/trade/index.html', '/digests/index.html', '/digests/2014-W19.html']) {
        const headers = respond(uri, 'text/html; charset=utf-8');
        expect(directives(headers['content-security-policy']!.value), uri).toEqual({
          'default-src': ["'none'"],
          'style-src': ["'unsafe-inline'"],
          'img-src': ["'self'", 'https:'],
          'base-uri': ["'none'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
        });
        // The headers the page already had are kept.
        expect(headers['cache-control']!.value).toBe('public, max-age=300');
        expect(headers.etag!.value).toBe('"abc"');
        expect(headers['content-type']!.value).toBe('text/html; charset=utf-8');
      }
      // The managed security headers (HSTS, nosniff, frame options, referrer policy) stay on every response.
      expect(resources.SiteDistribution.Properties.DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId).toBe('67f7725c-6f97-4210-82d7-5512b31e9d03');
    });

    it('give RSS and Atom a policy under which only feed.xsl (XSLT is script-like), feed.css and the site icon the XSLT page links load, with its inline styles', () => {
      for (const [type, accept] of [['application/rss+xml; charset=utf-8', BROWSER_ACCEPT], ['application/atom+xml; charset=utf-8', BROWSER_ACCEPT], ['application/rss+xml; charset=utf-8', 'application/rss+xml, */*']] as const) {
        const headers = respond('/rss.xml', type, accept);
        expect(directives(headers['content-security-policy']!.value), `${type} ${accept}`).toEqual({
          'default-src': ["'none'"],
          'script-src': ["'self'"],
          // Chromium's XSLT banner's close button, by the hash of its handler (lib/shared/contentSecurityPolicy.ts).
          'script-src-attr': ["'unsafe-hashes'", "'sha256-TXA+6usvAyONGFuiE99/kgV7JxYXAtQaottQ4sJDSIw='"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'https:'],
          'base-uri': ["'none'"],
          'form-action': ["'none'"],
          'frame-ancestors': ["'none'"],
        });
        expect(headers.vary!.value).toBe('Accept');
      }
      // Files no browser renders as a page are left as they are.
      for (const [uri, type] of [['/feed.json', 'application/feed+json; charset=utf-8'], ['/feed.xsl', 'text/xsl; charset=utf-8'], ['/feeds.opml', 'text/x-opml; charset=utf-8'], ['/digests/2014-W19.txt', 'text/plain; charset=utf-8']]) {
        expect(respond(uri!, type!)['content-security-policy'], uri).toBeUndefined();
      }
    });
  });

  it('reserves a small concurrency for the trigger: a flood through its public URL gets 429s and cannot use up the account', () => {
    expect(resources.TriggerLambdaFunction.Properties.ReservedConcurrentExecutions).toBe(3);
    // What the stack reserves in all (README, Prerequisites: Lambda keeps 100 of the quota unreserved).
    const reserved = ofType('AWS::Lambda::Function').map(([, fn]) => fn.Properties.ReservedConcurrentExecutions ?? 0);
    expect(reserved.reduce((a: number, b: number) => a + b, 0)).toBe(17);
    expect(resources.SubscribeLambdaFunction.Properties.ReservedConcurrentExecutions).toBe(5);
    // The mail's links have instances of their own, which no flood of signups (each held for the answer floor) takes.
    expect(resources.SubscriberLinksLambdaFunction.Properties.ReservedConcurrentExecutions).toBe(3);
  });

  it('lets publish invalidate the site distribution, and nothing else in CloudFront, unless invalidateCdn is false', () => {
    expect(template.Conditions.InvalidateCdn).toEqual({ 'Fn::Equals': ['true', 'true'] }); // the default param
    expect(resources.PublishLambdaFunction.Properties.Environment.Variables.DISTRIBUTION_ID).toEqual({ 'Fn::If': ['InvalidateCdn', { Ref: 'SiteDistribution' }, ''] });
    const policies = ofType('AWS::IAM::Policy').filter(([, p]) => JSON.stringify(p).includes('cloudfront:'));
    expect(policies.map(([name]) => name)).toEqual(['PublishInvalidateCdnPolicy']);
    const [, policy] = policies[0]!;
    expect(policy.Condition).toBe('InvalidateCdn');
    expect(policy.Properties.Roles).toEqual([{ Ref: 'PublishRole' }]);
    expect(policy.Properties.PolicyDocument.Statement).toHaveLength(1);
    const [statement] = policy.Properties.PolicyDocument.Statement;
    expect(statement).toMatchObject({ Effect: 'Allow', Action: 'cloudfront:CreateInvalidation' });
    expect(resolve(statement.Resource)).toBe('arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE');
    // No role's own policies mention CloudFront.
    for (const [name] of ofType('AWS::IAM::Role')) expect(JSON.stringify(resources[name].Properties.Policies ?? []), name).not.toContain('cloudfront:');
  });

  it('expires noncurrent versions in both buckets (subscribers.txt included), after 30 days by default', () => {
    for (const name of ['S3BucketContent', 'SiteBucket']) {
      const rules = resources[name].Properties.LifecycleConfiguration.Rules;
      expect(rules[0], name).toEqual({ Id: 'ExpireOldVersions', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } });
    }
    // The subscriber records' earlier versions (each holds its address) and a forget's delete markers go after a day.
    const [forget, unconfirmed, ...others] = resources.S3BucketContent.Properties.LifecycleConfiguration.Rules.slice(1);
    expect(forget).toEqual({ Id: 'ForgetSubscriberVersions', Status: 'Enabled', Prefix: '_subscribers/', NoncurrentVersionExpiration: { NoncurrentDays: 1 }, ExpiredObjectDeleteMarker: true });
    // A signup nobody confirmed (its object tagged as the store tags a pending record) goes once its confirm link has expired.
    expect(unconfirmed).toMatchObject({ Id: 'ExpireUnconfirmedSignups', Status: 'Enabled', Prefix: '_subscribers/', TagFilters: Object.entries(PENDING_TAGS).map(([Key, Value]) => ({ Key, Value })) });
    expect(unconfirmed.ExpirationInDays).toBeGreaterThan(CONFIRM_TOKEN_SECONDS / 86_400);
    expect(others).toEqual([]);
    // Run records (GET /runs, broadsheet status) expire after 30 days, README "Editing day to day".
    expect(resources.SiteBucket.Properties.LifecycleConfiguration.Rules.slice(1)).toEqual([{ Id: 'ExpireRunRecords', Status: 'Enabled', Prefix: '_broadsheet/runs/', ExpirationInDays: 30, NoncurrentVersionExpiration: { NoncurrentDays: 1 } }]);
    // The first rule has no prefix or filter: subscribers.txt, beside content/, is covered too.
    expect(resources.S3BucketContent.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  it('lets only the digest function write its send ledger: the publish role may neither overwrite nor delete it', () => {
    const site = (key: string) => `arn:aws:s3:::${SITE_BUCKET}/${key}`;
    expect(LEDGER_KEY.startsWith(LEDGER_PREFIX)).toBe(true);
    // publish writes and deletes the site, its manifest and its index...
    for (const key of ['rss.xml', 'tags/trade/atom.xml', '_broadsheet/manifest.json', '_broadsheet/index.json']) {
      expect(roleAllows('PublishRole', 's3:PutObject', site(key)), key).toBe(true);
      expect(roleAllows('PublishRole', 's3:DeleteObject', site(key)), key).toBe(true);
    }
    // ...but nothing under the ledger, by an explicit Deny that no later Allow can override.
    for (const action of ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectTagging', 's3:PutObjectAcl']) {
      expect(roleAllows('PublishRole', action, site(LEDGER_KEY)), action).toBe(false);
    }
    const deny = statements('PublishRole').find((s) => s.Effect === 'Deny');
    expect(resolve(deny.Resource)).toBe(site(`${LEDGER_PREFIX}*`));
    // The digest role writes the ledger, its run records and the pending pings' record (which it also removes), and nothing else on the site.
    expect(roleAllows('DigestRole', 's3:PutObject', site(LEDGER_KEY))).toBe(true);
    expect(roleAllows('DigestRole', 's3:PutObject', site('_broadsheet/runs/8599545999999-digest-1.json'))).toBe(true);
    for (const action of ['s3:PutObject', 's3:DeleteObject']) expect(roleAllows('DigestRole', action, site(PENDING_PINGS_KEY)), action).toBe(true);
    for (const key of ['rss.xml', 'digests/2014-W19.html', '_broadsheet/manifest.json']) expect(roleAllows('DigestRole', 's3:PutObject', site(key)), key).toBe(false);
    expect(roleAllows('DigestRole', 's3:DeleteObject', site(LEDGER_KEY))).toBe(false);
    expect(roleAllows('TriggerRole', 's3:PutObject', site(LEDGER_KEY))).toBe(false);
  });

  describe('the digest fan-out', () => {
    const BATCHES = '<DigestBatchesQueue.Arn>';

    it('queues batches from the digest function only, to a TLS-only encrypted queue whose visibility timeout is six times the sender timeout, with the failed-runs queue after 5 receives', () => {
      expect(resources.DigestLambdaFunction.Properties.Environment.Variables).toMatchObject({ FANOUT_QUEUE_URL: { Ref: 'DigestBatchesQueue' }, SENDER_CONCURRENCY: '2' });
      expect(roleAllows('DigestRole', 'sqs:SendMessage', BATCHES)).toBe(true);
      for (const role of ['PublishRole', 'TriggerRole', 'SubscribeRole', 'SubscriberLinksRole', 'SesFeedbackRole', 'DigestSenderRole']) expect(roleAllows(role, 'sqs:SendMessage', BATCHES), role).toBe(false);
      const queue = resources.DigestBatchesQueue.Properties;
      // At least six times the consumer's timeout (AWS Lambda developer guide, SQS event sources): time for
      // Lambda to retry a throttled invocation before the batch is visible to another sender.
      expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * resources.DigestSenderLambdaFunction.Properties.Timeout);
      expect(queue.VisibilityTimeout).toBeLessThanOrEqual(43_200);
      expect(queue).toMatchObject({ SqsManagedSseEnabled: true, RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['FailedRunsQueue', 'Arn'] }, maxReceiveCount: 5 } });
      expect(resources.DigestBatchesQueuePolicy.Properties.PolicyDocument.Statement).toEqual([expect.objectContaining({ Effect: 'Deny', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]);
    });

    it('feeds the digest-sender one batch at a time, at most 2 at once, retrying only the batches it reports failed', () => {
      const sender = resources.DigestSenderLambdaFunction.Properties;
      expect(sender.Role).toEqual({ 'Fn::GetAtt': ['DigestSenderRole', 'Arn'] });
      expect(sender.Timeout).toBe(900);
      expect(sender.ReservedConcurrentExecutions).toBe(2);
      const mappings = ofType('AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties);
      expect(mappings).toHaveLength(1);
      expect(mappings[0]).toMatchObject({ EventSourceArn: { 'Fn::GetAtt': ['DigestBatchesQueue', 'Arn'] }, FunctionName: { 'Fn::GetAtt': ['DigestSenderLambdaFunction', 'Arn'] }, BatchSize: 1, ScalingConfig: { MaximumConcurrency: 2 }, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    });

    it('lets the sender read the archive state and subscribers and write only the send ledger', () => {
      const site = (key: string) => `arn:aws:s3:::${SITE_BUCKET}/${key}`;
      expect(roleAllows('DigestSenderRole', 'sqs:ReceiveMessage', BATCHES)).toBe(true);
      expect(roleAllows('DigestSenderRole', 'sqs:DeleteMessage', BATCHES)).toBe(true);
      expect(roleAllows('DigestSenderRole', 's3:GetObject', site('_broadsheet/manifest.json'))).toBe(true);
      expect(roleAllows('DigestSenderRole', 's3:GetObject', site('_broadsheet/digest-ledger/2014-W19/model-0123456789abcdef.json'))).toBe(true);
      expect(roleAllows('DigestSenderRole', 's3:PutObject', site('_broadsheet/digest-ledger/2014-W19/0123/1.claim.json'))).toBe(true);
      // The transport's failures in a row, kept across batches (lib/delivery/batchStreak.ts).
      for (const action of ['s3:GetObject', 's3:PutObject']) expect(roleAllows('DigestSenderRole', action, site(batchStreakKey('2014-W19'))), action).toBe(true);
      expect(roleAllows('DigestSenderRole', 's3:PutObject', site('_broadsheet/manifest.json'))).toBe(false);
      expect(roleAllows('DigestSenderRole', 's3:PutObject', site('index.html'))).toBe(false);
      expect(roleAllows('DigestSenderRole', 's3:DeleteObject', site('_broadsheet/digest-ledger/2014-W19/0123/1.claim.json'))).toBe(false);
      expect(roleAllows('DigestSenderRole', 's3:PutObject', `arn:aws:s3:::${CONTENT_BUCKET}/_subscribers/0123/0000000001.json`)).toBe(false);
      expect(roleAllows('DigestSenderRole', 's3:GetObject', `arn:aws:s3:::${CONTENT_BUCKET}/_subscribers/0123/0000000001.json`)).toBe(true);
      expect(roleAllows('DigestSenderRole', 'lambda:InvokeFunction', '<PublishLambdaFunction.Arn>')).toBe(false);
    });
  });

  describe('failures someone hears about', () => {
    const QUEUE_ARN = '<FailedRunsQueue.Arn>';
    const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);

    it('alarms on a scheduled or S3-triggered publish refused for its content or by the site bucket, counted from the publish function\'s log line', () => {
      const filters = ofType('AWS::Logs::MetricFilter').map(([, f]) => f.Properties);
      const filter = filters.find((f) => f.MetricTransformations[0].MetricName === 'PublishRefused')!;
      expect(filter.LogGroupName).toEqual({ Ref: 'PublishLogGroup' });
      expect(resources.PublishLogGroup.Properties.LogGroupName).toMatch(/-publish$/);
      // The messages functions/publish.ts logs for invalid content and for changed ids; an editor's own run is answered directly.
      // And the line of a refusal by the site bucket (files no publish wrote, another site's publish): the next run
      // is refused alike until a person acts.
      for (const message of ['invalid content: nothing was written', 'published ids would change: nothing was written', 'publish refused']) expect(filter.FilterPattern).toContain(`$.message = "${message}"`);
      expect(filter.FilterPattern).toContain('$.outcome.trigger != "manual"');
      const [transformation] = filter.MetricTransformations;
      const alarm = alarms().find((a) => a.MetricName === 'PublishRefused')!;
      expect(alarm).toMatchObject({ Namespace: transformation.MetricNamespace, Statistic: 'Sum', Threshold: 1, AlarmActions: [{ Ref: 'AlertsTopic' }] });
    });

    it('alarms on a setting the subscribe function cannot use, which it answers with its 503 page and Lambda counts as no error', () => {
      const filters = ofType('AWS::Logs::MetricFilter').map(([, f]) => f.Properties);
      // One filter on each function's log group, counting into one metric.
      const both = filters.filter((f) => f.MetricTransformations[0].MetricName === 'SubscribeConfigErrors');
      expect(both.map((f) => f.LogGroupName)).toEqual([{ Ref: 'SubscribeLogGroup' }, { Ref: 'SubscriberLinksLogGroup' }]);
      expect(resources.SubscribeLogGroup.Properties.LogGroupName).toMatch(/-subscribe$/);
      expect(resources.SubscriberLinksLogGroup.Properties.LogGroupName).toMatch(/-subscriberLinks$/);
      const [filter] = both;
      // functions/subscribe.ts logs 'request failed' at ERROR with the error's name (functions/loggedError.ts), and an SSM
      // parameter's whether it is transient (tests/unit/functions/subscribeConfigAlarm.test.ts matches the real lines).
      for (const each of both) expect(each.FilterPattern).toBe('{ $.level = "ERROR" && ($.error.name = "ConfigError" || ($.error.name = "ParameterError" && $.error.transient IS FALSE)) }');
      expect(both[1]!.MetricTransformations).toEqual(filter!.MetricTransformations);
      const [transformation] = filter!.MetricTransformations;
      const alarm = alarms().find((a) => a.MetricName === 'SubscribeConfigErrors')!;
      expect(alarm).toMatchObject({ AlarmName: expect.stringMatching(/-subscribe-config-errors$/), Namespace: transformation.MetricNamespace, Statistic: 'Sum', Threshold: 1, AlarmActions: [{ Ref: 'AlertsTopic' }] });
    });

    it('alarms on requests the subscription functions answer with their 503 page for a service failing, 3 in 15 minutes across both', () => {
      const filters = ofType('AWS::Logs::MetricFilter').map(([, f]) => f.Properties);
      const both = filters.filter((f) => f.MetricTransformations[0].MetricName === 'SubscribeRequestsFailed');
      expect(both.map((f) => f.LogGroupName)).toEqual([{ Ref: 'SubscribeLogGroup' }, { Ref: 'SubscriberLinksLogGroup' }]);
      // tests/e2e/lambda/subscribeRequestsFailedAlarm.test.ts matches this pattern against the functions' real lines.
      for (const each of both) expect(each.FilterPattern).toBe('{ $.level = "ERROR" && $.message = "request failed" && $.error.name != "ConfigError" && ($.error.name != "ParameterError" || $.error.transient IS TRUE) }');
      expect(both[1]!.MetricTransformations).toEqual(both[0]!.MetricTransformations);
      const alarm = alarms().find((a) => a.MetricName === 'SubscribeRequestsFailed')!;
      expect(alarm).toMatchObject({ AlarmName: expect.stringMatching(/-subscribe-requests-failed$/), Namespace: both[0]!.MetricTransformations[0].MetricNamespace, Statistic: 'Sum', Period: 900, Threshold: 3, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [{ Ref: 'AlertsTopic' }] });
    });

    it('alarms on a setting the trigger cannot use (its token parameter, say), which it answers 500 and Lambda counts as no error', () => {
      const filters = ofType('AWS::Logs::MetricFilter').map(([, f]) => f.Properties);
      const filter = filters.find((f) => f.MetricTransformations[0].MetricName === 'TriggerConfigErrors')!;
      expect(filter.LogGroupName).toEqual({ Ref: 'TriggerLogGroup' });
      expect(resources.TriggerLogGroup.Properties.LogGroupName).toMatch(/-trigger$/);
      // tests/unit/functions/triggerConfigAlarm.test.ts matches this pattern against the trigger's real lines.
      expect(filter.FilterPattern).toBe('{ $.level = "ERROR" && $.message = "request failed" && ($.error.name = "ConfigError" || ($.error.name = "ParameterError" && $.error.transient IS FALSE)) }');
      const alarm = alarms().find((a) => a.MetricName === 'TriggerConfigErrors')!;
      expect(alarm).toMatchObject({ AlarmName: expect.stringMatching(/-trigger-config-errors$/), Namespace: filter.MetricTransformations[0].MetricNamespace, Statistic: 'Sum', Threshold: 1, AlarmActions: [{ Ref: 'AlertsTopic' }] });
    });

    it('alarms on a digest batch that logged an error (stopped, failed, refused or dropped), which SQS counts as no Lambda error', () => {
      const filters = ofType('AWS::Logs::MetricFilter').map(([, f]) => f.Properties);
      const filter = filters.find((f) => f.MetricTransformations[0].MetricName === 'DigestBatchErrors')!;
      expect(filter.LogGroupName).toEqual({ Ref: 'DigestSenderLogGroup' });
      expect(resources.DigestSenderLogGroup.Properties.LogGroupName).toMatch(/-digestSender$/);
      // Powertools' JSON lines carry the level; functions/digestSender.ts logs a stopped or failed batch at ERROR.
      expect(filter.FilterPattern).toBe('{ $.level = "ERROR" }');
      const [transformation] = filter.MetricTransformations;
      const alarm = alarms().find((a) => a.MetricName === 'DigestBatchErrors')!;
      expect(alarm).toMatchObject({ AlarmName: expect.stringMatching(/-digest-batch-errors$/), Namespace: transformation.MetricNamespace, Statistic: 'Sum', Threshold: 1, AlarmActions: [{ Ref: 'AlertsTopic' }] });
    });

    it('sends a publish or digest run that fails after Lambda\'s retries to the failed-runs queue (14 days, encrypted, TLS only)', () => {
      const configs: Record<string, Json> = Object.fromEntries(ofType('AWS::Lambda::EventInvokeConfig').map(([, c]) => [c.Properties.FunctionName.Ref, c.Properties]));
      expect(Object.keys(configs).sort()).toEqual(['DigestLambdaFunction', 'PublishLambdaFunction', 'SesFeedbackLambdaFunction']);
      for (const config of Object.values(configs)) expect(config.DestinationConfig).toEqual({ OnFailure: { Destination: { 'Fn::GetAtt': ['FailedRunsQueue', 'Arn'] } } });
      expect(configs.DigestLambdaFunction).toMatchObject({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 });
      // Lambda delivers to the destination as the function's own role.
      expect(roleAllows('PublishRole', 'sqs:SendMessage', QUEUE_ARN)).toBe(true);
      expect(roleAllows('DigestRole', 'sqs:SendMessage', QUEUE_ARN)).toBe(true);
      expect(roleAllows('TriggerRole', 'sqs:SendMessage', QUEUE_ARN)).toBe(false);
      const queue = resources.FailedRunsQueue;
      expect(queue.Type).toBe('AWS::SQS::Queue');
      expect(queue.Properties).toMatchObject({ MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true });
      const policy = resources.FailedRunsQueuePolicy.Properties;
      expect(policy.Queues).toEqual([{ Ref: 'FailedRunsQueue' }]);
      expect(policy.PolicyDocument.Statement).toEqual([expect.objectContaining({ Effect: 'Deny', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]);
      expect(template.Outputs.FailedRunsQueueUrl.Value).toEqual({ Ref: 'FailedRunsQueue' });
    });

    it('keeps an SES bounce or complaint event the ses-feedback function failed to record: retried by Lambda, then in the failed-runs queue', () => {
      // SNS invokes the function asynchronously (its delivery ends when Lambda accepts the event): without an
      // on-failure destination Lambda would drop the event after its retries, and the address be mailed again.
      const subscription = ofType('AWS::SNS::Subscription').find(([, sub]) => sub.Properties.TopicArn.Ref === 'SesEventsTopic')![1];
      expect(subscription.Properties).toMatchObject({ Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': ['SesFeedbackLambdaFunction', 'Arn'] } });
      const config = ofType('AWS::Lambda::EventInvokeConfig').map(([, c]) => c.Properties).find((c) => c.FunctionName.Ref === 'SesFeedbackLambdaFunction');
      expect(config).toMatchObject({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600, DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['FailedRunsQueue', 'Arn'] } } } });
      expect(roleAllows('SesFeedbackRole', 'sqs:SendMessage', QUEUE_ARN)).toBe(true);
      // Sending there and nothing else of SQS.
      expect(roleAllows('SesFeedbackRole', 'sqs:ReceiveMessage', QUEUE_ARN)).toBe(false);
      expect(roleAllows('SesFeedbackRole', 'sqs:SendMessage', '<DigestBatchesQueue.Arn>')).toBe(false);
      expect(resources.FailedRunsAlarm.Properties.AlarmDescription).toMatch(/bounce or complaint/);
    });

    it('alarms on the Errors of every function and on any message in the failed-runs queue', () => {
      const functions = ofType('AWS::Lambda::Function').map(([id]) => id).sort();
      expect(functions).toEqual(['DigestLambdaFunction', 'DigestSenderLambdaFunction', 'PublishLambdaFunction', 'SesFeedbackLambdaFunction', 'SubscribeLambdaFunction', 'SubscriberLinksLambdaFunction', 'TriggerLambdaFunction']);
      const onErrors = alarms().filter((a) => a.Namespace === 'AWS/Lambda');
      expect(onErrors.map((a) => a.Dimensions[0].Value.Ref).sort()).toEqual(functions);
      for (const alarm of onErrors) {
        expect(alarm).toMatchObject({ MetricName: 'Errors', Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1, TreatMissingData: 'notBreaching' });
        expect(alarm.Dimensions).toHaveLength(1);
        expect(alarm.Dimensions[0].Name).toBe('FunctionName');
        expect(alarm.Period).toBeLessThanOrEqual(300);
      }
      // On the messages visible plus those being read: a message someone received (hidden for its visibility
      // timeout) still counts, so reading the queue does not send the alarm back to OK.
      const onQueue = alarms().filter((a) => (a.Metrics ?? []).some((m: { MetricStat?: { Metric: { Namespace: string } } }) => m.MetricStat?.Metric.Namespace === 'AWS/SQS'));
      expect(onQueue).toHaveLength(1);
      expect(onQueue[0]).toEqual(resources.FailedRunsAlarm.Properties);
      expect(onQueue[0]).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1, TreatMissingData: 'notBreaching' });
      expect(onQueue[0]).not.toHaveProperty('MetricName');
      const queueMetric = (MetricName: string) => ({ Metric: { Namespace: 'AWS/SQS', MetricName, Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['FailedRunsQueue', 'QueueName'] } }] }, Period: 300, Stat: 'Maximum' });
      const byId = Object.fromEntries(onQueue[0].Metrics.map((m: { Id: string }) => [m.Id, m]));
      const returned = onQueue[0].Metrics.filter((m: { ReturnData: boolean }) => m.ReturnData);
      expect(returned).toHaveLength(1);
      // The one series returned adds the two, each read where a minute lacks it as 0.
      const terms = [...returned[0].Expression.matchAll(/FILL\((\w+), 0\)/g)].map((m) => m[1]!);
      expect(returned[0].Expression.replace(/FILL\((\w+), 0\)/g, 'x')).toBe('x + x');
      expect(terms.map((id) => byId[id].MetricStat).sort((a, b) => a.Metric.MetricName.localeCompare(b.Metric.MetricName))).toEqual([queueMetric('ApproximateNumberOfMessagesNotVisible'), queueMetric('ApproximateNumberOfMessagesVisible')]);
      // One on the Errors of each function, one on the queue, one on publishes refused for their content, one on digest
      // batches' error lines, one on the subscription functions' unusable settings, one on their requests failed, one on
      // the hourly signup cap reached, one on a contact list SES does not have (its condition, HasSesContactList, left
      // to CloudFormation), one on the trigger's unusable settings.
      expect(alarms()).toHaveLength(functions.length + 8);
      for (const alarm of alarms()) expect(alarm.AlarmDescription, alarm.AlarmName).toBeTruthy();
    });

    it("notifies the alerts topic, which only this stack's alarms may publish to (no other stage's), and nobody over plain HTTP", () => {
      const policy = resources.AlertsTopicPolicy.Properties;
      expect(policy.Topics).toEqual([{ Ref: 'AlertsTopic' }]);
      const [statement, ...others] = policy.PolicyDocument.Statement;
      // The one Deny names plain HTTP alone, so CloudWatch's publishes (over TLS) are still let through.
      expect(others).toEqual([{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: { Ref: 'AlertsTopic' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }]);
      expect(statement).toMatchObject({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: 'AlertsTopic' } });
      const { StringEquals, ...onSource } = statement.Condition;
      expect(StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
      // One ARN condition on the alarm's ARN; ArnEquals and ArnLike both take * and ? (IAM User Guide, "IAM JSON
      // policy elements: Condition operators", ARN condition operators).
      expect(Object.keys(onSource)).toHaveLength(1);
      const [operator, keys] = Object.entries(onSource)[0] as [string, Json];
      expect(['ArnEquals', 'ArnLike']).toContain(operator);
      expect(Object.keys(keys)).toEqual(['aws:SourceArn']);
      const alarmArn = (name: string) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`;
      // The patterns allowed, with the template's conditions holding as `holds` says: an alarm's Fn::GetAtt Arn is its ARN.
      const patterns = (holds: Record<string, boolean>): string[] =>
        asArray(keys['aws:SourceArn']).flatMap(function resolved(value: Json): string[] {
          if (value['Fn::If']) return resolved(value['Fn::If'][holds[value['Fn::If'][0]] ? 1 : 2]);
          if (value.Ref === 'AWS::NoValue') return [];
          if (value['Fn::GetAtt']?.[1] === 'Arn' && resources[value['Fn::GetAtt'][0]]?.Type === 'AWS::CloudWatch::Alarm') return [alarmArn(resources[value['Fn::GetAtt'][0]].Properties.AlarmName)];
          return [resolve(value)];
        });
      const named = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => ({ name: String(alarm.Properties.AlarmName), condition: alarm.Condition as string | undefined }));
      const conditions = [...new Set(named.flatMap(({ condition }) => (condition ? [condition] : [])))];
      expect(conditions).toEqual(['HasSesContactList']);
      // A stage whose name starts with this one's and a "-" (prod-eu beside prod).
      const sibling = (name: string) => name.replace(`broadsheet-${STAGE}-`, `broadsheet-${STAGE}-eu-`);
      for (const held of [true, false]) {
        const holds = { HasSesContactList: held };
        const allows = (arn: string) => patterns(holds).some((pattern) => wildcard(pattern, arn));
        for (const { name, condition } of named) {
          // A name outside the condition would deploy cleanly and never notify anyone.
          expect(allows(alarmArn(name)), `${name} when ${JSON.stringify(holds)}`).toBe(condition === undefined || holds[condition as keyof typeof holds]);
          expect(allows(alarmArn(sibling(name))), sibling(name)).toBe(false);
        }
        expect(allows(alarmArn('someone-elses-alarm'))).toBe(false);
      }
      for (const alarm of alarms()) expect(alarm.AlarmActions).toEqual([{ Ref: 'AlertsTopic' }]);
      // No two stages' alarms share a name, so no stage's ARNs take another's: broadsheet-A-x is broadsheet-B-y for a
      // stage B = A-p only if the alarm x is p-y, another alarm's name after a "-". Stage names are letters, digits and "-".
      for (const { name } of named) expect(name.startsWith(`broadsheet-${STAGE}-`), name).toBe(true);
      const kinds = named.map(({ name }) => name.slice(`broadsheet-${STAGE}-`.length));
      for (const x of kinds) for (const y of kinds) expect(x.endsWith(`-${y}`), `${x} and ${y}`).toBe(false);
      // Unencrypted on purpose: CloudWatch cannot publish to a topic under the AWS-managed key.
      expect(resources.AlertsTopic.Properties.KmsMasterKeyId).toBeUndefined();
      expect(template.Outputs.AlertsTopicArn.Value).toEqual({ Ref: 'AlertsTopic' });
    });

    it('subscribes the alertEmail param to the topic by e-mail', () => {
      expect(resources.AlertsEmailSubscription).toMatchObject({ Type: 'AWS::SNS::Subscription', Condition: 'HasAlertEmail', Properties: { TopicArn: { Ref: 'AlertsTopic' }, Protocol: 'email', Endpoint: ALERT_EMAIL } });
      expect(condition(template.Conditions.HasAlertEmail)).toBe(true);
      // The alerts topic has that one subscription (the other subscription is the ses-feedback function's, to SES's events).
      expect(ofType('AWS::SNS::Subscription').filter(([, sub]) => sub.Properties.TopicArn.Ref === 'AlertsTopic')).toHaveLength(1);
    });

    it('subscribes nobody without the alertEmail param: its default, empty, makes the condition leave the subscription out', async () => {
      // The condition as packaged holds the param given; the same condition holding serverless.yml's default instead.
      const yml = await readFile(join(REPO, 'serverless.yml'), 'utf8');
      const byDefault = /\n {4}alertEmail: (.*)\n/.exec(yml.slice(yml.indexOf('\n  default:\n'), yml.indexOf('\nprovider:')))![1]!.replace(/^'(.*)'$/, '$1');
      expect(byDefault).toBe('');
      const packaged = JSON.stringify(template.Conditions.HasAlertEmail);
      expect(packaged.split(JSON.stringify(ALERT_EMAIL))).toHaveLength(2);
      const withDefault = JSON.parse(packaged.replace(JSON.stringify(ALERT_EMAIL), JSON.stringify(byDefault)));
      expect(withDefault).toEqual({ 'Fn::Not': [{ 'Fn::Equals': ['', ''] }] });
      expect(condition(withDefault)).toBe(false);
      expect(resources.AlertsEmailSubscription.Condition).toBe('HasAlertEmail');
    });
  });

  describe("the README's deploy section", () => {
    const deploySection = async () => {
      const readme = await readFile(join(REPO, 'README.md'), 'utf8');
      return readme.slice(readme.indexOf('## Deploy to AWS'), readme.indexOf('<!-- /section:deploy -->'));
    };

    it('lists every alarm the stack makes in its Alerts table', async () => {
      const section = await deploySection();
      const names = ofType('AWS::CloudWatch::Alarm').map(([, a]) => String(a.Properties.AlarmName).replace(`broadsheet-${STAGE}-`, 'broadsheet-<stage>-'));
      for (const name of names) expect(section, name).toContain(`| \`${name}\` |`);
    });

    it('gives every param with a default a row of a params table, the deploy table those that set when the digest goes out', async () => {
      const readme = await readFile(join(REPO, 'README.md'), 'utf8');
      const yml = await readFile(join(REPO, 'serverless.yml'), 'utf8');
      const defaults = yml.slice(yml.indexOf('\n  default:\n'), yml.indexOf('\nprovider:'));
      const params = [...defaults.matchAll(/^ {4}([A-Za-z]+):/gm)].map((m) => m[1]!);
      expect(params).toEqual(expect.arrayContaining(['contentPrefix', 'digestSchedule', 'digestTimezone']));
      for (const param of params) expect(readme, param).toContain(`\n| \`${param}\` |`);
      const section = await deploySection();
      for (const param of ['digestSchedule', 'digestTimezone']) expect(section, param).toMatch(new RegExp(`\\| \`${param}\` \\| [^\\n]*site\\.yml`));
    });

    it("quotes the pages' Content-Security-Policy as CloudFront sends it", async () => {
      const section = await deploySection();
      const code = String(resources.SiteResponseFunction.Properties.FunctionCode);
      const policy = /var PAGE_POLICY = "([^"]+)"/.exec(code)![1]!;
      const quoted = /- pages \(`text\/html`\): `([^`]+)`/.exec(section)![1]!.replace(/\s+/g, ' ');
      expect(directives(quoted)).toEqual(directives(policy));
    });

    it('says to delete every version before removing the stack, since both buckets keep versions', async () => {
      const section = await deploySection();
      for (const name of ['S3BucketContent', 'SiteBucket']) expect(resources[name].Properties.VersioningConfiguration, name).toEqual({ Status: 'Enabled' });
      const removal = section.slice(section.indexOf('To remove the stack'));
      expect(removal).toMatch(/old versions and delete markers included/);
      expect(removal).toContain('`aws s3 rm --recursive` leaves them');
    });

    it('names every function the stack deploys', async () => {
      const section = await deploySection();
      const intro = section.slice(0, section.indexOf('`serverless.yml` also creates'));
      for (const name of Object.keys(template.Resources).filter((id) => resources[id].Type === 'AWS::Lambda::Function').map((id) => id.replace(/LambdaFunction$/, ''))) {
        expect(intro, name).toContain(`**${name.charAt(0).toLowerCase()}${name.slice(1)}**`);
      }
    });

    it('changes the origin secret by a new parameter name, the one change CloudFormation reads into the distribution again, so that CloudFront and the functions share a value at every step', async () => {
      // CloudFront's header is the parameter as CloudFormation resolved it, by name and unversioned: a stack update
      // reads it again only when that reference changes, never for a new value under the same name.
      const origins = resources.SiteDistribution.Properties.DistributionConfig.Origins as Json[];
      const headers = origins.flatMap((origin) => origin.OriginCustomHeaders ?? []).filter((header: Json) => header.HeaderName === 'x-broadsheet-origin');
      expect(headers.map((header: Json) => header.HeaderValue)).toEqual([`{{resolve:ssm:/broadsheet/${STAGE}/origin-secret}}`, `{{resolve:ssm:/broadsheet/${STAGE}/origin-secret}}`]);
      expect(resources.SubscribeLambdaFunction.Properties.Environment.Variables.ORIGIN_SECRET_PARAMETER).toBe(`/broadsheet/${STAGE}/origin-secret`);
      const readme = await readFile(join(REPO, 'README.md'), 'utf8');
      const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('To change the origin secret')))![1]!.replace(/\\\n\s*/g, ' ');
      // The README's commands run against SSM, the distribution and the functions as they behave: SSM refuses to create
      // a name that exists without --overwrite; a deploy changes the header and the functions' parameter only with a new name.
      const DEFAULT = '/broadsheet/prod/origin-secret';
      const FIRST = 'first-origin-secret-0123456789abcdef';
      const ssm = new Map([[DEFAULT, FIRST]]);
      let deployed = DEFAULT;
      let header = FIRST;
      const vars: Record<string, string> = {};
      const expand = (text: string) => text.replace(/\$\{?(\w+)\}?/g, (_, name: string) => vars[name] ?? `<${name} unset>`);
      const stored = (name: string) => {
        const value = ssm.get(name);
        if (value === undefined) throw new Error(`ParameterNotFound: ${name}`);
        return value;
      };
      for (const raw of block.split('\n')) {
        const line = raw.replace(/\s+#.*$/, '').trim();
        let m: RegExpExecArray | null;
        if (!line) continue;
        if ((m = /^(\w+)=\$\(aws ssm get-parameter .*--name (\S+) .*\)$/.exec(line))) vars[m[1]!] = stored(expand(m[2]!));
        else if ((m = /^(\w+)=\$\(openssl rand -hex 32\)$/.exec(line))) vars[m[1]!] = `${m[1]!.toLowerCase()}-origin-secret-0123456789abcdef`;
        else if ((m = /^(\w+)=(\S+)$/.exec(line))) vars[m[1]!] = expand(m[2]!);
        else if ((m = /^printf '([^']*)'((?: "\$\w+")+) \| aws ssm put-parameter .*--value file:\/\/\/dev\/stdin\b/.exec(line))) {
          // The value on the AWS CLI's standard input, as printf writes it: each %s an argument.
          const args = [...m[2]!.matchAll(/"([^"]*)"/g)].map((arg) => expand(arg[1]!));
          const name = expand(/--name (\S+)/.exec(line)![1]!);
          const value = m[1]!.replace(/%s/g, () => args.shift()!);
          expect(args, line).toEqual([]);
          if (ssm.has(name) && !line.includes('--overwrite')) throw new Error(`ParameterAlreadyExists: ${name}`);
          // A warm function holds the value it read for up to a minute: the old one and the new one must both match.
          if (name === deployed) expect(anySecretMatches(header, stored(name)), line).toBe(true);
          ssm.set(name, value);
        } else if ((m = /^aws ssm delete-parameter .*--name (\S+)/.exec(line))) ssm.delete(expand(m[1]!));
        else if (/^npx osls deploy /.test(line)) {
          const name = expand(/--param originSecretParameter=(\S+)/.exec(line)?.[1] ?? DEFAULT);
          if (name !== deployed) {
            const next = stored(name);
            // While the distribution's change spreads and the functions' new configuration starts, old and new meet both ways.
            expect(anySecretMatches(header, next), `${line}: the old header, the new parameter`).toBe(true);
            expect(anySecretMatches(next, stored(deployed)), `${line}: the new header, the old parameter`).toBe(true);
            [deployed, header] = [name, next];
          }
        } else throw new Error(`a command this test does not model: ${line}`);
        expect(anySecretMatches(header, stored(deployed)), line).toBe(true);
      }
      // The old value alone is refused from then on, and a deploy that forgets the new name fails rather than going back to it.
      expect(anySecretMatches(FIRST, stored(deployed))).toBe(false);
      expect(ssm.has(DEFAULT)).toBe(false);
    });

    it('gives every osls command it shows the stage, the region and each param without a default, without which osls refuses to start (info, logs and remove too)', async () => {
      const readme = await readFile(join(REPO, 'README.md'), 'utf8');
      const yml = await readFile(join(REPO, 'serverless.yml'), 'utf8');
      const defaults = yml.slice(yml.indexOf('\n  default:\n'), yml.indexOf('\nprovider:'));
      const withDefault = new Set([...defaults.matchAll(/^ {4}([A-Za-z]+):/gm)].map((m) => m[1]!));
      const required = [...new Set([...yml.matchAll(/\$\{param:([A-Za-z]+)\}/g)].map((m) => m[1]!))].filter((param) => !withDefault.has(param));
      expect(required.sort()).toEqual(['contentBucket', 'siteBucket']);
      const complete = (words: string) => ['--stage ', '--region ', ...required.map((param) => `--param ${param}=`)].every((flag) => words.includes(flag));
      // The list step 1 defines, which the other commands give as "${OSLS[@]}".
      const list = /^OSLS=\(([^)]*)\)$/m.exec(readme)?.[1]?.replace(/\s+/g, ' ');
      expect(list !== undefined && complete(`${list} `), `step 1's OSLS=(${list})`).toBe(true);
      const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.replace(/\\\n\s*/g, ' ').split('\n'));
      const commands = [...blocks.map((line) => line.trim()).filter((line) => line.startsWith('npx osls ')), ...[...readme.matchAll(/`(npx osls [^`]*)`/g)].map((m) => m[1]!)];
      expect(commands.length).toBeGreaterThanOrEqual(10);
      for (const command of commands) expect(command.includes('"${OSLS[@]}"') || complete(`${command} `), command).toBe(true);
    });

    it("says what each source of the failed-runs queue leaves there: Lambda's record of a run, a digest batch as queued, the schedule's input", async () => {
      const section = await deploySection();
      const queue = section.slice(section.indexOf('The failed-runs queue (SQS'));
      const row = section.slice(section.indexOf('| `broadsheet-<stage>-failed-runs` |')).split('\n')[0]!;
      const sends = (value: Json) => JSON.stringify(value ?? {}).includes('"FailedRunsQueue"');
      // Whatever refers to the queue but grants, guards or watches it is a source of its messages.
      const sources = Object.entries(resources).filter(([id, r]) => id !== 'FailedRunsQueue' && sends(r.Properties) && !['AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::SQS::QueuePolicy', 'AWS::CloudWatch::Alarm'].includes(r.Type));
      expect([...new Set(sources.map(([, r]) => r.Type))].sort()).toEqual(['AWS::Lambda::EventInvokeConfig', 'AWS::SQS::Queue', 'AWS::Scheduler::Schedule']);
      expect(queue).toContain('the event (`requestPayload`) and the error (`responsePayload`)');
      expect(sources.filter(([, r]) => r.Type === 'AWS::SQS::Queue').map(([id, r]) => [id, sends(r.Properties.RedrivePolicy)])).toEqual([['DigestBatchesQueue', true]]);
      expect(queue).toContain('"kind": "broadsheet.digest-shard"');
      expect(row).toContain('`digestBatchReceives`');
      const schedules = sources.filter(([, r]) => r.Type === 'AWS::Scheduler::Schedule');
      expect(schedules).toHaveLength(1);
      expect(queue).toContain(`"source": "${JSON.parse(schedules[0]![1].Properties.Target.Input).source}"`);
      expect(row).toContain("the digest's schedule could not invoke the digest function");
    });

    it("gives each param's default in its row as serverless.yml has it", async () => {
      const readme = await readFile(join(REPO, 'README.md'), 'utf8');
      const yml = await readFile(join(REPO, 'serverless.yml'), 'utf8');
      const defaults = yml.slice(yml.indexOf('\n  default:\n'), yml.indexOf('\nprovider:'));
      const params = [...defaults.matchAll(/^ {4}([A-Za-z]+): ?(.*)$/gm)].map((m) => [m[1]!, m[2]!.replace(/^'(.*)'$/, '$1')] as const);
      expect(params.length).toBeGreaterThan(20);
      for (const [param, value] of params) {
        const shown = new RegExp(`\\n\\| \`${param}\` \\| ([^|]*) \\|`).exec(readme)![1]!.trim();
        // The stage is written <stage> or STAGE; an empty default, (none).
        const expected = value === '' ? '(none)' : `\`${value}\``;
        expect([shown.replace('<stage>', '${sls:stage}'), shown.replace('STAGE', '${sls:stage}')], param).toContain(expected);
      }
    });
  });

  it('refuses to package an answerFloorMs the subscribe function cannot read, a digestTimezone not spelled as its IANA name, an sesIdentity in capitals, or a priceClass, version expiry, digestBatchReceives or content bucket CloudFormation would refuse, naming each', async () => {
    const refused = await mkdtemp(join(tmpdir(), 'broadsheet-sls-refused-'));
    // A suffix S3 keeps for its Object Lambda access points, which osls's own rule for the bucket's name lets through.
    const reservedContentBucket = `${CONTENT_BUCKET}--ol-s3`;
    const bad = await oslsPackageLocked(() => runOsls(['package', '--stage', STAGE, '--param', `contentBucket=${reservedContentBucket}`, '--param', `siteBucket=${SITE_BUCKET}`, '--param', 'answerFloorMs=9000', '--param', 'digestTimezone=asia/seoul', '--param', 'tokenParameter=broadsheet-token', '--param', 'invalidateCdn=True', '--param', 'sesIdentity=Watch.Example.org', '--param', 'priceClass=PriceClass_50', '--param', 'contentVersionDays=0', '--param', 'siteVersionDays=0', '--param', 'digestBatchReceives=0', '--package', refused])).finally(() => rm(refused, { recursive: true, force: true }));
    expect(bad.code).not.toBe(0);
    expect(bad.output).toContain('--param answerFloorMs=9000 is not a whole number of ms from 0 to 5000');
    // Read by lib/time's own rule, which the plugin bundles from its source inside osls.
    expect(bad.output).toContain('--param digestTimezone=asia/seoul is not spelled as the zone\'s IANA name');
    expect(bad.output).toContain('(give --param digestTimezone=Asia/Seoul)');
    // Read from the trigger's environment and the InvalidateCdn condition, where serverless.yml puts them.
    expect(bad.output).toContain('--param tokenParameter=broadsheet-token names no parameter its functions could read: TOKEN_PARAMETER: "broadsheet-token" is not an SSM parameter path');
    expect(bad.output).toContain('--param invalidateCdn=True is neither true nor false');
    // Read from the digest-sender's SES_IDENTITY_ARN, a !Sub: its domain in lower case is the fix.
    expect(bad.output).toContain('--param sesIdentity=Watch.Example.org has capital letters in its domain');
    expect(bad.output).toContain('(give --param sesIdentity=watch.example.org, ');
    // Read from the resources CloudFormation would refuse midway through a deploy (osls's content bucket's extensions too).
    for (const param of ['priceClass=PriceClass_50 is not one of', 'contentVersionDays=0 is not', 'siteVersionDays=0 is not', 'digestBatchReceives=0 is not', `contentBucket=${reservedContentBucket} is not an S3 bucket name`]) expect(bad.output).toContain(`--param ${param}`);
    expect(bad.output).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("refuses, by osls's own schema of serverless.yml, a logRetentionDays CloudWatch Logs does not offer and a senderConcurrency below SQS's least, which CloudFormation would refuse midway through a deploy", async () => {
    const refused = await mkdtemp(join(tmpdir(), 'broadsheet-sls-refused-'));
    const bad = await oslsPackageLocked(() => runOsls(['package', '--stage', STAGE, '--param', `contentBucket=${CONTENT_BUCKET}`, '--param', `siteBucket=${SITE_BUCKET}`, '--param', 'logRetentionDays=10', '--param', 'senderConcurrency=1', '--package', refused])).finally(() => rm(refused, { recursive: true, force: true }));
    expect(bad.code).not.toBe(0);
    expect(bad.output).toContain("'provider.logRetentionInDays': must be equal to one of the allowed values");
    expect(bad.output).toContain("'functions.digestSender.events.0.sqs.maximumConcurrency': must be >= 2");
    // osls's message, no stack frame.
    expect(bad.output).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/);
  }, 60_000);

  it('keeps the logs of every function for the retention given', () => {
    const groups = ofType('AWS::Logs::LogGroup').map(([, g]) => g.Properties);
    expect(groups.map((g) => g.LogGroupName)).toEqual(expect.arrayContaining([`/aws/lambda/broadsheet-${STAGE}-publish`, `/aws/lambda/broadsheet-${STAGE}-trigger`]));
    expect(groups).toHaveLength(ofType('AWS::Lambda::Function').length);
    for (const g of groups) expect(g.RetentionInDays).toBe(30);
  });
});

// The published sample site, served on loopback through the template's two CloudFront functions (run from
// their own code), opened in Chromium: the pages and the feeds rendered by feed.xsl work under their policies.
describe.skipIf(!chromiumAvailable('tests/e2e/serverlessPackage.test.ts'))('the site under its Content-Security-Policy, in Chromium', () => {
  const NOW = '2014-06-01T00:00:00+09:00';
  const site = new MemoryStore();
  let server: Server;
  let base: string;
  let browser: Browser;
  let page: Page;
  let messages: string[];

  beforeAll(async () => {
    // The sample content, and one entry with an image, which only digests show.
    const folder = await mkdtemp(join(tmpdir(), 'broadsheet-csp-'));
    await cp(join(REPO, 'content'), folder, { recursive: true });
    await writeFile(join(folder, 'entries', '2014', 'zz-csp-image.md'), entryText(entry({ title: 'A picture of the pier', url: 'https://news.example.com/pier', date: '2014-05-21', tags: ['Trade'], image: 'https://127.0.0.1:9/pier.jpg' })));
    await publish({ content: new LocalStore(folder), output: site, now: DateTime.fromISO(NOW), websub: false });
    await rm(folder, { recursive: true, force: true });

    const viewerRequest = handlerOf('SiteRequestFunction');
    const viewerResponse = handlerOf('SiteResponseFunction');
    server = createServer((req, res) => {
      const accept = req.headers.accept;
      const request = viewerRequest({ request: { uri: decodeURIComponent(new URL(req.url!, 'http://x').pathname), headers: accept ? { accept: { value: accept } } : {} } });
      const object = site.objects.get(request.uri.slice(1));
      if (!object) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const response = viewerResponse({ request, response: { statusCode: 200, headers: { 'content-type': { value: object.contentType } } } });
      res.writeHead(200, Object.fromEntries(Object.entries(response.headers as Record<string, { value: string }>).map(([name, header]) => [name, header.value]))).end(object.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (message) => messages.push(message.text()));
  });
  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** Opens the path; answers with the policy it came with and what the policy blocked. */
  async function open(path: string): Promise<{ policy: string; blocked: string[] }> {
    messages = [];
    const response = await page.goto(`${base}${path}`);
    expect(response!.status(), path).toBe(200);
    await page.waitForLoadState('load');
    // Chromium's own banner on XSLT pages (it deprecates XSLT) has an inline handler the feeds' policy lets run by its hash.
    const blocked = messages.filter((m) => /Content Security Policy/.test(m));
    return { policy: (await response!.allHeaders())['content-security-policy'] ?? '', blocked };
  }
  /** Whether an inline script added to the page runs. */
  const scriptRuns = () =>
    page.evaluate<boolean>(`(() => {
      const script = document.createElement('script');
      script.textContent = 'document.documentElement.dataset.ran = "yes"';
      document.head.append(script);
      return document.documentElement.dataset.ran === 'yes';
    })()`);

  it('the pages keep their inline styles and images, and no script runs', async () => {
    const digest = [...site.objects.keys()].find((key) => /^digests\/2014-W21\.html$/.test(key));
    expect(digest).toBeDefined();
    for (const path of ['/', '/tags/trade/', '/digests/', `/${digest}`]) {
      const { policy, blocked } = await open(path);
      expect(blocked, path).toEqual([]);
      expect(policy, path).toContain("default-src 'none'");
      // The <style> element applied.
      expect(await page.evaluate<number>('document.styleSheets.length'), path).toBeGreaterThan(0);
      expect(await scriptRuns(), path).toBe(false);
    }
    // The digest's style attributes applied, and its https image was let through (it fails only to connect).
    const hero = page.locator('img.hero');
    expect(await hero.count()).toBe(1);
    expect(await page.evaluate<string>("getComputedStyle(document.querySelector('img.hero')).maxWidth")).toBe('552px');
    const { blocked } = await open(`/${digest}`);
    expect(blocked.filter((m) => m.includes('pier.jpg'))).toEqual([]);
  });

  it('a feed opened in the browser is rendered by feed.xsl, with its styles, and no script runs', async () => {
    for (const [path, title] of [['/rss.xml', 'Peninsula Economy Watch'], ['/atom.xml', 'Peninsula Economy Watch'], ['/tags/trade/rss.xml', 'Trade']] as const) {
      const { policy, blocked } = await open(path);
      expect(blocked, path).toEqual([]);
      expect(policy, path).toContain("script-src 'self'");
      expect(await page.locator('h1').textContent(), path).toContain(title);
      expect(await page.locator('article').count(), path).toBeGreaterThan(0);
      // The stylesheet's <style> applied to its output (the output keeps the feed's policy).
      expect(await page.evaluate<string>("getComputedStyle(document.querySelector('.subscribe')).borderTopWidth"), path).toBe('2px');
      expect(await scriptRuns(), path).toBe(false);
    }
    // The stylesheet itself has no script and no inline handlers to block.
    const xsl = site.objects.get('feed.xsl')!.body.toString('utf8');
    expect(xsl).not.toMatch(/<script|\son[a-z]+=/i);
  });
});

describe('the bundles', () => {
  it('are minified ESM with the AWS SDK inside, and nothing else in the zip', async () => {
    for (const name of ['publish', 'trigger', 'digest']) {
      const files = readZip(await readFile(join(out, `${name}.zip`)));
      expect([...files.keys()].filter((f) => !f.endsWith('.map'))).toEqual([`functions/${name}.mjs`]);
      const code = files.get(`functions/${name}.mjs`)!.toString('utf8');
      expect(code).toMatch(/export\s*\{[^}]*\bas handler\b|export\s*\{\s*handler\b/);
      expect(code).not.toMatch(/from\s*["']@aws-sdk\//); // bundled, not imported from the runtime
      // custom.esbuild's aliases took effect (tests/e2e/bundles/ has the details): no default credential
      // chain, and no cheerio full build (undici comes only with it).
      expect(code, name).not.toContain('defaultProvider::fromSSO');
      expect(code, name).not.toContain('undici');
      // Minified: long lines (the few line breaks left are inside template literals).
      expect(code.length / code.split('\n').length, name).toBeGreaterThan(1000);
    }
  });

  it('the bundled publish function runs on Node and publishes to s3rver', async () => {
    const endpoint = inject('s3Endpoint');
    const client = testS3Client(endpoint);
    const contentBucket = await freshBucket(client, 'bundle-content');
    const siteBucket = await freshBucket(client, 'bundle-site');
    await pushContent({
      from: new LocalStore(await contentFolder({ entries: { 'a.md': entryText(entry({ title: 'Bundled publish works', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['Trade'] })) } })),
      to: new S3Store(client, contentBucket, 'content/'),
    });
    const files = readZip(await readFile(join(out, 'publish.zip')));
    // Beside the shared packaging, not in it.
    const file = join(await mkdtemp(join(tmpdir(), 'broadsheet-bundle-')), 'publish.mjs');
    await writeFile(file, files.get('functions/publish.mjs')!);
    await writeFile(`${file}.map`, files.get('functions/publish.mjs.map')!);
    Object.assign(process.env, s3rverEnv(endpoint), { CONTENT_BUCKET: contentBucket, SITE_BUCKET: siteBucket });
    const bundle = (await import(pathToFileURL(file).href)) as { handler: (e: unknown, c: unknown) => Promise<{ ok: boolean; counts: { new: number } }> };
    const outcome = await bundle.handler(scheduledEvent(), lambdaContext('broadsheet-ci-publish', 'bundle-req-1'));
    expect(outcome.ok).toBe(true);
    expect(outcome.counts.new).toBeGreaterThan(0);
    expect(await objectText(client, siteBucket, 'rss.xml')).toContain('Bundled publish works');
  });
});
