import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGED, packagedStack } from '../bundles/packagedStack.js';
import { PENDING_PINGS_KEY } from '../../../lib/publish/pendingPings.js';
import { LOCK_KEY } from '../../../lib/publish/publishLock.js';

// The digest's part of the CloudFormation template `osls package` makes offline with the digest params
// (packagedStack, the one packaging tests/e2e/serverlessPackage.test.ts reads too).
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- CloudFormation is untyped JSON
let resources: Record<string, Json>;
let template: Json;
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const sub = (value: Json): string => (typeof value === 'string' ? value : (value['Fn::Sub'] ?? JSON.stringify(value)));

beforeAll(async () => {
  ({ template } = await packagedStack());
  resources = template.Resources;
}, 360_000);

describe('the digest function in the template', () => {
  it('runs on EventBridge Scheduler at the local time in the given zone, through its own scheduler role', () => {
    const schedules = Object.values(resources).filter((r: Json) => r.Type === 'AWS::Scheduler::Schedule');
    expect(schedules).toHaveLength(1);
    const schedule = (schedules[0] as Json).Properties;
    expect(schedule.ScheduleExpression).toBe(PACKAGED.digestSchedule);
    expect(schedule.ScheduleExpressionTimezone).toBe(PACKAGED.digestTimezone);
    expect(schedule.Target.Arn).toEqual({ 'Fn::GetAtt': ['DigestLambdaFunction', 'Arn'] });
    expect(schedule.Target.RoleArn).toEqual({ 'Fn::GetAtt': ['DigestSchedulerRole', 'Arn'] });
    // The time the run was due, as EventBridge Scheduler fills it in: the digest checks it against site.yml's send time.
    expect(JSON.parse(schedule.Target.Input)).toEqual({ source: 'broadsheet.schedule', scheduledTime: '<aws.scheduler.scheduled-time>' });
    const scheduler = resources.DigestSchedulerRole.Properties;
    expect(scheduler.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: 'scheduler.amazonaws.com' });
    expect(scheduler.Policies.flatMap((p: Json) => p.PolicyDocument.Statement)).toEqual([
      { Sid: 'InvokeDigest', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': ['DigestLambdaFunction', 'Arn'] } },
      { Sid: 'SendFailedInvocations', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['FailedRunsQueue', 'Arn'] } },
    ]);
  });

  it('reads an SMTP URL only from the SSM parameter smtpUrlParameter names, granted to the digest-sender only when it is given (none by default)', () => {
    for (const fn of ['DigestLambdaFunction', 'DigestSenderLambdaFunction']) {
      const variables = resources[fn].Properties.Environment.Variables;
      expect(variables.SMTP_URL_PARAMETER, fn).toBe('');
      expect(variables, fn).not.toHaveProperty('SMTP_URL');
    }
    const policy = resources.DigestSmtpUrlPolicy;
    // The digest-sender's alone: the digest function queues the send, and reads neither it nor the token secret.
    expect(policy).toMatchObject({ Type: 'AWS::IAM::Policy', Condition: 'HasSmtpUrlParameter', Properties: { Roles: [{ Ref: 'DigestSenderRole' }] } });
    const digest: Json[] = resources.DigestRole.Properties.Policies.flatMap((p: Json) => p.PolicyDocument.Statement);
    expect(digest.flatMap((s) => asArray<string>(s.Action)).filter((a) => a.startsWith('ssm:'))).toEqual([]);
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{ Sid: 'ReadSmtpUrl', Effect: 'Allow', Action: 'ssm:GetParameter', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter' } }]);
    // Without the param the condition is false: no statement reaches either role.
    expect(template.Conditions.HasSmtpUrlParameter).toEqual({ 'Fn::Not': [{ 'Fn::Equals': ['', ''] }] });
  });

  it('hands an invocation the scheduler could not make to the failed-runs queue (and its alarm), as its execution role', () => {
    // EventBridge Scheduler User Guide, "Configuring a schedule's dead-letter queue": the execution role sends it.
    const schedule = (Object.values(resources).find((r: Json) => r.Type === 'AWS::Scheduler::Schedule') as Json).Properties;
    expect(schedule.Target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': ['FailedRunsQueue', 'Arn'] } });
    // Its alarm counts the queue's messages, visible and being read (metric math over the two SQS metrics).
    const onQueue = (r: Json) => (r.Properties.Metrics ?? []).some((query: Json) => query.MetricStat?.Metric?.Namespace === 'AWS/SQS');
    const alarm = Object.values(resources).find((r: Json) => r.Type === 'AWS::CloudWatch::Alarm' && onQueue(r)) as Json;
    const queues = (alarm.Properties.Metrics as Json[]).filter((query) => query.MetricStat).map((query) => query.MetricStat.Metric.Dimensions);
    expect(queues).toEqual([[{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['FailedRunsQueue', 'QueueName'] } }], [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['FailedRunsQueue', 'QueueName'] } }]]);
    expect(alarm.Properties.AlarmDescription).toMatch(/digest schedule/);
  });

  it('lets the digest-sender send only from the configured identity (through the feedback configuration set), and read no SES contact list, and the digest function not send at all', () => {
    const statements: Json[] = resources.DigestSenderRole.Properties.Policies.flatMap((p: Json) => p.PolicyDocument.Statement);
    const ses = statements.filter((s) => asArray<string>(s.Action).some((a) => a.startsWith('ses:')));
    const byAction = Object.fromEntries(ses.flatMap((s) => asArray<string>(s.Action).map((a) => [a, asArray(s.Resource).map(sub).sort()])));
    expect(Object.keys(byAction).sort()).toEqual(['ses:SendEmail']);
    expect(byAction['ses:SendEmail']).toEqual([
      `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:configuration-set/broadsheet-${PACKAGED.stage}`,
      `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:identity/${PACKAGED.sesIdentity}`,
    ]);
    // The store the grants are for is the one the function is told to read.
    expect(resources.DigestSenderLambdaFunction.Properties.Environment.Variables.SUBSCRIBERS_PREFIX).toBe('_subscribers/');
    // The digest function queues the send (its queue is always set): no SES grant.
    const digest: Json[] = resources.DigestRole.Properties.Policies.flatMap((p: Json) => p.PolicyDocument.Statement);
    expect(digest.flatMap((s) => asArray<string>(s.Action)).filter((a) => a.startsWith('ses:'))).toEqual([]);
    expect(resources.DigestLambdaFunction.Properties.Environment.Variables.FANOUT_QUEUE_URL).toEqual({ Ref: 'DigestBatchesQueue' });
    for (const statement of [...statements, ...digest]) {
      expect(statement.Effect).toBe('Allow');
      for (const action of asArray<string>(statement.Action)) expect(action).not.toMatch(/\*/);
      for (const resource of asArray(statement.Resource).map(sub)) expect(resource).not.toBe('*');
    }
    expect(resources.DigestLambdaFunction.Properties.Role).toEqual({ 'Fn::GetAtt': ['DigestRole', 'Arn'] });
    expect(resources.DigestLambdaFunction.Properties.ReservedConcurrentExecutions).toBe(1);
    expect(resources.DigestLambdaFunction.Properties.Environment.Variables.SES_IDENTITY_ARN).toEqual({ 'Fn::Sub': `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:identity/${PACKAGED.sesIdentity}` });
  });

  it('leaves the published files to the publish function: it may invoke only that and the digest-sender (asked whether it can read its parameters), and write only its send ledger, its run records and the record of its pending pings (holding the publish lock)', () => {
    const variables = resources.DigestLambdaFunction.Properties.Environment.Variables;
    expect(variables.PUBLISH_FUNCTION_NAME).toEqual({ Ref: 'PublishLambdaFunction' });
    expect(variables.SENDER_FUNCTION_NAME).toEqual({ Ref: 'DigestSenderLambdaFunction' });
    expect(variables).not.toHaveProperty('CACHE_CONTROL');
    const lockKeys = [`\${SiteBucket.Arn}/${LOCK_KEY}`, '${SiteBucket.Arn}/_broadsheet/publish-lock/*'];
    const statements: Json[] = resources.DigestRole.Properties.Policies.flatMap((p: Json) => p.PolicyDocument.Statement);
    const lambda = statements.filter((s) => asArray<string>(s.Action).some((a) => a.startsWith('lambda:')));
    expect(lambda.flatMap((s) => asArray<string>(s.Action))).toEqual(['lambda:InvokeFunction', 'lambda:InvokeFunction']);
    expect(lambda.flatMap((s) => asArray(s.Resource))).toEqual([{ 'Fn::GetAtt': ['PublishLambdaFunction', 'Arn'] }, { 'Fn::GetAtt': ['DigestSenderLambdaFunction', 'Arn'] }]);
    // Every S3 grant on the site bucket, as action -> resources (over every statement): nothing else.
    const site = statements.filter((s) => asArray(s.Resource).some((r) => JSON.stringify(r).includes('SiteBucket')));
    const grants: Record<string, string[]> = {};
    for (const s of site) for (const a of asArray<string>(s.Action)) grants[a] = [...(grants[a] ?? []), ...asArray(s.Resource).map(sub)].sort();
    expect(grants).toEqual({
      's3:ListBucket': ['{"Fn::GetAtt":["SiteBucket","Arn"]}'],
      // The tag list, for the warning about subscribers whose chosen tag the site no longer has.
      // The pending pings' record, read again and written holding the publish lock (lib/publish/pendingPings.ts), which
      // it takes, takes over, and releases (lib/publish/publishLock.ts).
      's3:GetObject': [...lockKeys, '${SiteBucket.Arn}/_broadsheet/manifest.json', `\${SiteBucket.Arn}/${PENDING_PINGS_KEY}`, '${SiteBucket.Arn}/tags/tags.json'].sort(),
      's3:PutObject': [...lockKeys, '${SiteBucket.Arn}/_broadsheet/digest-ledger/*', '${SiteBucket.Arn}/_broadsheet/runs/*', `\${SiteBucket.Arn}/${PENDING_PINGS_KEY}`].sort(),
      // The pending pings' record alone (lib/publish/pendingPings.ts), removed once every ping is delivered or given up, and the lock.
      's3:DeleteObject': [...lockKeys, `\${SiteBucket.Arn}/${PENDING_PINGS_KEY}`].sort(),
    });
    expect(statements.filter((s) => asArray<string>(s.Action).includes('s3:DeleteObject')).flatMap((s) => asArray(s.Resource).map(sub)).sort()).toEqual([...lockKeys, `\${SiteBucket.Arn}/${PENDING_PINGS_KEY}`].sort());
    // Listing only those keys: a missing one is a 404, and no other key's existence is told; the takeover markers' prefix.
    expect(site.filter((s) => s.Action === 's3:ListBucket').map((s) => s.Condition)).toEqual([{ StringEquals: { 's3:prefix': ['_broadsheet/manifest.json', 'tags/tags.json', PENDING_PINGS_KEY, LOCK_KEY, '_broadsheet/publish-lock/taken-over-'] } }]);
  });

  it('lets the trigger invoke it for POST /digest', () => {
    expect(resources.TriggerLambdaFunction.Properties.Environment.Variables.DIGEST_FUNCTION_NAME).toEqual({ Ref: 'DigestLambdaFunction' });
    const trigger: Json[] = resources.TriggerRole.Properties.Policies.flatMap((p: Json) => p.PolicyDocument.Statement);
    expect(trigger.filter((s) => s.Action === 'lambda:InvokeFunction').map((s) => s.Resource)).toContainEqual({ 'Fn::GetAtt': ['DigestLambdaFunction', 'Arn'] });
  });
});
