// What IAM authorises for each AWS SDK request a handler sends, recorded by a middleware on its clients, and an
// identity policy's answer to it. s3rver, the SES emulator and the loopback Lambda, SSM, SQS and CloudFront enforce
// no IAM: this is how a test sees an access a role does not grant before AWS answers it AccessDenied.

import { simpleParser } from 'mailparser';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- CloudFormation and SDK inputs are untyped here

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/**
 * One authorisation: an IAM action on a resource ARN; a listing's prefix is its `s3:prefix` condition key, a send's
 * From address its `ses:FromAddress`.
 */
export interface Access {
  action: string;
  resource: string;
  prefix?: string;
  fromAddress?: string;
  /** The SDK command that asked for it, and why when it is not the command's own action. */
  call: string;
}

interface Stacked {
  middlewareStack: { add(middleware: Json, options: { step: 'initialize'; name: string }): void };
}

/**
 * Records in `log` what IAM authorises for every command `client` sends (once a command, whatever its retries).
 * A GetObject answered 404 also needs s3:ListBucket: without it S3 answers a missing key 403 AccessDenied (S3 API
 * Reference, GetObject, "Permissions"). It is recorded with the key as its s3:prefix, as the stack's one-key listings
 * (tags/tags.json) take S3 to ask it; AWS does not document that case.
 */
export function recordAccesses(client: Stacked, log: Access[]): void {
  client.middlewareStack.add(
    (next: (args: Json) => Promise<Json>, context: { clientName?: string; commandName?: string }) => async (args: { input: Json }) => {
      const command = (context.commandName ?? '?').replace(/Command$/, '');
      log.push(...(await accessesOf(context.clientName ?? '?', command, args.input)));
      try {
        return await next(args);
      } catch (error) {
        if (command === 'GetObject' && (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) {
          log.push({ action: 's3:ListBucket', resource: `arn:aws:s3:::${args.input.Bucket}`, prefix: args.input.Key, call: 'GetObject answered 404' });
        }
        throw error;
      }
    },
    { step: 'initialize', name: 'recordIamAccess' },
  );
}

/** IAM's actions and resources for one command (Service Authorization Reference; S3 API Reference's "Permissions"). */
async function accessesOf(client: string, command: string, input: Json): Promise<Access[]> {
  const object = () => `arn:aws:s3:::${input.Bucket}/${input.Key}`;
  const one = (action: string, resource: string, prefix?: string): Access => ({ action, resource, call: command, ...(prefix !== undefined ? { prefix } : {}) });
  switch (`${client}.${command}`) {
    case 'S3Client.GetObject':
    case 'S3Client.HeadObject':
      return [one(input.VersionId ? 's3:GetObjectVersion' : 's3:GetObject', object())];
    case 'S3Client.PutObject':
      // x-amz-tagging on a PUT is authorised as s3:PutObjectTagging too.
      return [one('s3:PutObject', object()), ...(input.Tagging ? [{ ...one('s3:PutObjectTagging', object()), call: 'PutObject with Tagging' }] : [])];
    case 'S3Client.DeleteObject':
      return [one(input.VersionId ? 's3:DeleteObjectVersion' : 's3:DeleteObject', object())];
    case 'S3Client.ListObjectsV2':
      return [one('s3:ListBucket', `arn:aws:s3:::${input.Bucket}`, input.Prefix ?? '')];
    case 'SESv2Client.SendEmail': {
      // Authorised on the sending identity and on the configuration set, with the From address as ses:FromAddress (SES
      // Developer Guide, "Controlling access"; Service Authorization Reference, Amazon SES v2, SendEmail).
      const fromAddress = await fromAddressOf(input);
      const identity = input.FromEmailAddressIdentityArn ?? `arn:aws:ses:${REGION}:${ACCOUNT}:identity/${fromAddress?.split('@').pop() ?? '?'}`;
      const sent = (resource: string): Access => ({ ...one('ses:SendEmail', resource), ...(fromAddress !== undefined ? { fromAddress } : {}) });
      return [sent(identity), ...(input.ConfigurationSetName ? [sent(`arn:aws:ses:${REGION}:${ACCOUNT}:configuration-set/${input.ConfigurationSetName}`)] : [])];
    }
    case 'SESv2Client.UpdateContact':
      return [one('ses:UpdateContact', `arn:aws:ses:${REGION}:${ACCOUNT}:contact-list/${input.ContactListName}`)];
    case 'SESv2Client.GetContactList':
      return [one('ses:GetContactList', `arn:aws:ses:${REGION}:${ACCOUNT}:contact-list/${input.ContactListName}`)];
    case 'SQSClient.SendMessage':
    case 'SQSClient.SendMessageBatch': {
      const [, account, name] = new URL(input.QueueUrl).pathname.split('/');
      return [one('sqs:SendMessage', `arn:aws:sqs:${REGION}:${account}:${name}`)];
    }
    case 'LambdaClient.Invoke':
      return [one('lambda:InvokeFunction', String(input.FunctionName).startsWith('arn:') ? input.FunctionName : `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${input.FunctionName}`)];
    case 'SSMClient.GetParameter':
      return [one('ssm:GetParameter', `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${input.Name}`)];
    case 'CloudFrontClient.CreateInvalidation':
      return [one('cloudfront:CreateInvalidation', `arn:aws:cloudfront::${ACCOUNT}:distribution/${input.DistributionId}`)];
    default:
      // Not mapped yet: named so, and allowed by no policy, so that the test says which to add.
      return [one(`unmapped:${client}.${command}`, '*')];
  }
}

/**
 * A SendEmail's From address, without its display name (ses:FromDisplayName holds that): FromEmailAddress, else a raw
 * message's From header (SendEmail reference: FromEmailAddress may be left out of a raw message that has one).
 */
async function fromAddressOf(input: Json): Promise<string | undefined> {
  const raw = input.Content?.Raw?.Data;
  const header = input.FromEmailAddress !== undefined ? `From: ${input.FromEmailAddress}\r\n\r\n` : raw !== undefined ? Buffer.from(raw) : undefined;
  if (header === undefined) return undefined;
  const from = (await simpleParser(header)).from?.value[0]?.address;
  return from || undefined;
}

export const wildcard = (pattern: string, text: string) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.?+^$()[\]{}|\\]/g, '\\$&')).join('.*')}$`).test(text);
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** The condition keys modelled, and where an access holds each. */
const CONTEXT_KEYS: Record<string, (access: Access) => string | undefined> = { 's3:prefix': (access) => access.prefix, 'ses:FromAddress': (access) => access.fromAddress };

/**
 * A statement's conditions on the access: the keys of CONTEXT_KEYS alone are modelled, compared case-sensitively as
 * IAM's String operators do; a key the request lacks fails (IAM User Guide, "Condition operators").
 */
function conditionHolds(condition: Json, access: Access): boolean {
  return Object.entries(condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys as Record<string, string | string[]>).every(([key, values]) => {
      const valueOf = CONTEXT_KEYS[key];
      if (!valueOf) throw new Error(`condition ${operator} ${key} is not modelled`);
      const value = valueOf(access);
      if (value === undefined) return false;
      if (operator === 'StringLike') return asArray(values).some((pattern) => wildcard(pattern, value));
      if (operator === 'StringEquals') return asArray(values).includes(value);
      throw new Error(`condition operator ${operator} is not modelled`);
    }),
  );
}

/** The statements of `statements` that apply to the access (action, resource, conditions), their resources resolved. */
export function matchingStatements(statements: readonly Json[], access: Access, resolve: (value: Json) => string): Json[] {
  return statements.filter((s) => asArray<string>(s.Action).some((a) => wildcard(a, access.action)) && asArray(s.Resource).some((r) => wildcard(resolve(r), access.resource)) && conditionHolds(s.Condition, access));
}

/** An identity policy's answer: an explicit Deny wins, then any Allow (IAM User Guide, "Policy evaluation logic"). */
export function policyAllows(statements: readonly Json[], access: Access, resolve: (value: Json) => string): boolean {
  const matching = matchingStatements(statements, access, resolve);
  return !matching.some((s) => s.Effect === 'Deny') && matching.some((s) => s.Effect === 'Allow');
}
