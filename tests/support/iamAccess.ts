// What IAM authorises for each AWS SDK request a handler sends, recorded by a middleware on its clients, and an
// identity policy's answer to it. s3rver, the SES emulator and the loopback Lambda, SSM, SQS and CloudFront enforce
// no IAM: this is how a test sees an access a role does not grant before AWS answers it AccessDenied.

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- CloudFormation and SDK inputs are untyped here

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/** One authorisation: an IAM action on a resource ARN; a listing's prefix is its `s3:prefix` condition key. */
export interface Access {
  action: string;
  resource: string;
  prefix?: string;
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
      log.push(...accessesOf(context.clientName ?? '?', command, args.input));
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
function accessesOf(client: string, command: string, input: Json): Access[] {
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
      // Authorised on the sending identity and on the configuration set (SES Developer Guide, "Controlling access").
      const identity = input.FromEmailAddressIdentityArn ?? `arn:aws:ses:${REGION}:${ACCOUNT}:identity/${String(input.FromEmailAddress ?? '?').split('@').pop()!.replace(/>$/, '')}`;
      return [one('ses:SendEmail', identity), ...(input.ConfigurationSetName ? [one('ses:SendEmail', `arn:aws:ses:${REGION}:${ACCOUNT}:configuration-set/${input.ConfigurationSetName}`)] : [])];
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

export const wildcard = (pattern: string, text: string) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.?+^$()[\]{}|\\]/g, '\\$&')).join('.*')}$`).test(text);
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** A statement's conditions on the access: the s3:prefix listings alone are modelled; a key the request lacks fails. */
function conditionHolds(condition: Json, access: Access): boolean {
  return Object.entries(condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys as Record<string, string | string[]>).every(([key, values]) => {
      if (key !== 's3:prefix') throw new Error(`condition ${operator} ${key} is not modelled`);
      if (access.prefix === undefined) return false;
      if (operator === 'StringLike') return asArray(values).some((value) => wildcard(value, access.prefix!));
      if (operator === 'StringEquals') return asArray(values).includes(access.prefix);
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
