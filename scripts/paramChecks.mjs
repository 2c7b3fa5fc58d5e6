/**
 * An osls plugin (serverless.yml's plugins) that refuses, on every path that ships code or config (`osls package`,
 * `osls deploy`, which packages first, and `osls deploy function`), a param its functions would refuse only once
 * deployed: a subscribe function whose ANSWER_FLOOR_MS or SIGNUPS_PER_HOUR it cannot read answers every request 503,
 * a digest schedule in a zone EventBridge Scheduler may not know fails the deploy late or never fires, and a
 * ses-feedback function whose SES_CONTACT_LIST is no contact list's name fails every SES event, the digest functions
 * and the subscribe function whose SES_CONFIGURATION_SET is no configuration set's name fail every run and signup, a function whose SSM
 * parameter is named without its leading / fails every request it reads it for (its role is granted
 * `arn:…:parameter<name>`), a publish function whose SKIP_INVALID or SITE_URL it cannot read fails every run, an
 * invalidateCdn other than true or false turns the invalidation off without a word, and a sesIdentity that is empty,
 * or not written as a From is sent (its domain in lower case and in ASCII), is refused every send
 * (functions/sesIdentityArnOf.ts's rules, held to it by tests/unit/functions/sesIdentityParamCheck.test.ts). It refuses too a param CloudFormation would refuse midway
 * through a deploy, after the upload and with a rollback: a priceClass CloudFront does not have, a version expiry that
 * is not a whole number of days, a digestBatchReceives SQS does not take, an alertEmail SNS would not subscribe, a
 * siteBucket S3 would not name (osls's own rule for a bucket's name, which it holds contentBucket to), or a contentBucket
 * with a prefix or suffix S3 keeps for itself, which that rule lets through. Plain JavaScript,
 * since osls loads it before any build: the answerFloorMs and signupsPerHour rules are restated
 * (functions/subscribeConfig.ts, held to them by tests/unit/functions/paramChecks.test.ts); the zone rule is
 * lib/time's own, and the contact list's, the configuration set's, the identity ARN's, the parameter names' and the publish function's are functions/config.ts's,
 * an address's lib/shared/mailbox.ts's, each bundled from its source. Whether SES has the
 * list is the function's to find out (it logs an ERROR naming the param): packaging asks AWS nothing.
 */
import { fileURLToPath } from 'node:url';

/** ANSWER_FLOOR_MS's bounds, in ms: functions/subscribeConfig.ts reads the same. */
const ANSWER_FLOOR = { min: 0, max: 5_000 };
/** SIGNUPS_PER_HOUR's bounds: functions/subscribeConfig.ts reads the same (a slot's name has five digits). */
const SIGNUPS_PER_HOUR = { min: 1, max: 99_999 };

/** CloudFront's price classes (CloudFront API Reference, DistributionConfig: PriceClass). */
const PRICE_CLASSES = ['PriceClass_100', 'PriceClass_200', 'PriceClass_All'];
/** The days S3 keeps a noncurrent version (S3 API Reference, NoncurrentVersionExpiration: a positive integer). */
const VERSION_DAYS = { min: 1, max: Number.MAX_SAFE_INTEGER };
/** A redrive policy's maxReceiveCount (SQS Developer Guide, "Using dead-letter queues": 1 to 1,000). */
const BATCH_RECEIVES = { min: 1, max: 1_000 };
/**
 * The prefixes and suffixes S3 keeps for itself (S3 User Guide, "General purpose bucket naming rules"), which osls's
 * bucket-name pattern (its schema's awsS3BucketName, the one it holds contentBucket to) lets through.
 */
const RESERVED_BUCKET_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_BUCKET_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * The params naming a bucket, each with the name the README gives as its example: osls holds contentBucket (its
 * provider.s3 bucket) to awsS3BucketName, and nothing else holds siteBucket to it; neither checks the reserved ones.
 */
const BUCKET_PARAMS = { contentBucket: 'example-broadsheet-content', siteBucket: 'example-broadsheet-site' };

/** The params naming an SSM parameter, each with the variable its functions read it as; smtpUrlParameter may be empty (none). */
const PARAMETER_PARAMS = { tokenParameter: 'TOKEN_PARAMETER', subscribeSecretParameter: 'SECRET_PARAMETER', originSecretParameter: 'ORIGIN_SECRET_PARAMETER', smtpUrlParameter: 'SMTP_URL_PARAMETER' };
/** The publish function's params, with the variables readPublishConfig reads them as. */
const PUBLISH_PARAMS = { skipInvalid: 'SKIP_INVALID', siteUrl: 'SITE_URL' };

/**
 * The hooks osls runs before a command builds or sends anything: `package` (which `deploy` spawns unless given
 * `--package`) and `deploy function`, whose first step already asks AWS for the function.
 */
const BEFORE_SHIPPING = { 'before:package:initialize': 'packaged', 'before:deploy:function:initialize': 'deployed' };

/**
 * The problems of the params as the functions receive them, one line each naming the param and its fix. Each bucket
 * param is held to `rules.bucketName`, osls's own definition of a bucket's name (its schema's awsS3BucketName), and to
 * S3's reserved prefixes and suffixes.
 * @param {{ answerFloorMs?: unknown, signupsPerHour?: unknown, digestTimezone?: unknown, sesIdentity?: unknown, sesContactList?: unknown, sesConfigurationSet?: unknown, tokenParameter?: unknown, subscribeSecretParameter?: unknown, originSecretParameter?: unknown, smtpUrlParameter?: unknown, skipInvalid?: unknown, siteUrl?: unknown, invalidateCdn?: unknown, priceClass?: unknown, contentVersionDays?: unknown, siteVersionDays?: unknown, digestBatchReceives?: unknown, alertEmail?: unknown, contentBucket?: unknown, siteBucket?: unknown }} params
 * @param {{ bucketName?: { pattern: string, minLength: number, maxLength: number } }} [rules]
 * @returns {Promise<string[]>}
 */
export async function paramProblems(params, rules = {}) {
  const problems = [];
  if (params.answerFloorMs !== undefined) {
    if (!wholeNumberIn(params.answerFloorMs, ANSWER_FLOOR)) {
      problems.push(`--param answerFloorMs=${params.answerFloorMs} is not a whole number of ms from ${ANSWER_FLOOR.min} to ${ANSWER_FLOOR.max}: the subscribe function would answer every request 503 (give e.g. --param answerFloorMs=1500, the default)`);
    }
  }
  if (params.signupsPerHour !== undefined && !wholeNumberIn(params.signupsPerHour, SIGNUPS_PER_HOUR)) {
    problems.push(`--param signupsPerHour=${params.signupsPerHour} is not a whole number from ${SIGNUPS_PER_HOUR.min} to ${SIGNUPS_PER_HOUR.max}: the subscribe function would answer every request 503 (give e.g. --param signupsPerHour=100, the default)`);
  }
  if (params.digestTimezone !== undefined) {
    const zone = String(params.digestTimezone);
    const { isValidZone, canonicalZone } = await zoneRules();
    if (!isValidZone(zone)) {
      problems.push(`--param digestTimezone=${zone} is not a time zone (an IANA name such as Europe/Riga or Asia/Seoul; the same as site.yml's timezone)`);
    } else if (canonicalZone(zone) !== zone) {
      // EventBridge Scheduler is given the param as written, and documents IANA names; site.yml's timezone is read
      // as the canonical name, which the digest's schedule check names in its fix.
      const canonical = canonicalZone(zone);
      problems.push(`--param digestTimezone=${zone} is not spelled as the zone's IANA name, which EventBridge Scheduler is given and site.yml's timezone is read as (give --param digestTimezone=${canonical})`);
    }
  }
  if (params.sesIdentity !== undefined) {
    const { sesIdentityArn } = await configRules();
    try {
      // The functions' own reader of the ARN serverless.yml makes of the param (an account and region of any).
      sesIdentityArn({ SES_IDENTITY_ARN: `arn:aws:ses:us-east-1:123456789012:identity/${params.sesIdentity}` });
      const problem = await sesIdentityProblem(String(params.sesIdentity));
      if (problem) problems.push(problem);
    } catch {
      problems.push(`--param sesIdentity=${params.sesIdentity} is empty: the digest, digest-sender and subscribe functions would refuse their SES_IDENTITY_ARN (arn:…:identity/, no identity) at every run and signup (give the domain or address SES verified, e.g. --param sesIdentity=watch.example.org, the default)`);
    }
  }
  if (params.sesContactList !== undefined) {
    const { sesContactList } = await contactListRule();
    try {
      sesContactList({ SES_CONTACT_LIST: String(params.sesContactList) });
    } catch (error) {
      problems.push(`--param sesContactList=${params.sesContactList} would fail every event of the ses-feedback function: ${error.message}`);
    }
  }
  if (params.sesConfigurationSet !== undefined) {
    const { sesConfigurationSet } = await configRules();
    try {
      // Empty is none to the functions, which then send through no configuration set: serverless.yml always makes one.
      if (sesConfigurationSet({ SES_CONFIGURATION_SET: String(params.sesConfigurationSet) }) === undefined) {
        problems.push(`--param sesConfigurationSet=${params.sesConfigurationSet} is empty: the digest, digest-sender and subscribe functions would send through no configuration set, and no bounce or complaint would reach the ses-feedback function to unsubscribe the address (give --param sesConfigurationSet=broadsheet-STAGE, the default with your stage, or leave it out)`);
      }
    } catch (error) {
      problems.push(`--param sesConfigurationSet=${params.sesConfigurationSet} would fail every digest run, digest batch and signup: ${error.message}`);
    }
  }
  for (const [param, variable] of Object.entries(PARAMETER_PARAMS)) {
    const value = params[param];
    if (value === undefined || (param === 'smtpUrlParameter' && String(value).trim() === '')) continue;
    const { parameterName } = await configRules();
    try {
      parameterName(variable, String(value).trim());
    } catch (error) {
      problems.push(`--param ${param}=${value} names no parameter its functions could read: ${error.message}`);
    }
  }
  const publishParams = Object.entries(PUBLISH_PARAMS).filter(([param]) => params[param] !== undefined);
  for (const [param, variable] of publishParams) {
    const { readPublishConfig } = await configRules();
    try {
      // The publish function's own reader, given valid buckets: only this variable can be what it refuses.
      readPublishConfig({ CONTENT_BUCKET: 'content-bucket', SITE_BUCKET: 'site-bucket', [variable]: String(params[param]) });
    } catch (error) {
      problems.push(`--param ${param}=${params[param]} would fail every run of the publish function: ${error.message}`);
    }
  }
  if (params.invalidateCdn !== undefined && !['true', 'false'].includes(String(params.invalidateCdn))) {
    // serverless.yml's InvalidateCdn condition compares with 'true' as written: anything else is false, said nowhere.
    problems.push(`--param invalidateCdn=${params.invalidateCdn} is neither true nor false, and would turn the CDN's invalidation off (give --param invalidateCdn=true, the default, or false)`);
  }
  if (params.priceClass !== undefined && !PRICE_CLASSES.includes(String(params.priceClass))) {
    problems.push(`--param priceClass=${params.priceClass} is not one of CloudFront's price classes (${PRICE_CLASSES.join(', ')}), and CloudFormation would refuse the distribution midway through the deploy (give --param priceClass=PriceClass_100, the default)`);
  }
  for (const param of ['contentVersionDays', 'siteVersionDays']) {
    if (params[param] !== undefined && !wholeNumberFrom(params[param], VERSION_DAYS)) {
      problems.push(`--param ${param}=${params[param]} is not a whole number of days from 1, and CloudFormation would refuse the bucket's lifecycle rule midway through the deploy (give e.g. --param ${param}=30, the default)`);
    }
  }
  if (params.digestBatchReceives !== undefined && !wholeNumberFrom(params.digestBatchReceives, BATCH_RECEIVES)) {
    problems.push(`--param digestBatchReceives=${params.digestBatchReceives} is not a whole number from ${BATCH_RECEIVES.min} to ${BATCH_RECEIVES.max}, SQS's bounds of a redrive policy, and CloudFormation would refuse the digest's queue midway through the deploy (give e.g. --param digestBatchReceives=5, the default)`);
  }
  if (params.alertEmail !== undefined && String(params.alertEmail).trim() !== '') {
    const problem = await alertEmailProblem(String(params.alertEmail));
    if (problem) problems.push(problem);
  }
  for (const [param, example] of Object.entries(BUCKET_PARAMS)) {
    if (params[param] === undefined) continue;
    if (rules.bucketName === undefined) throw new Error(`paramProblems: a ${param} is checked by osls's awsS3BucketName, which was not given`);
    const problem = bucketNameProblem(param, String(params[param]), rules.bucketName, example);
    if (problem) problems.push(problem);
  }
  return problems;
}

/**
 * An alertEmail that is not one address, which SNS refuses as an email subscription's endpoint midway through the
 * deploy: read as the digest reads an address (lib/shared/mailbox.ts), with no display name.
 */
async function alertEmailProblem(value) {
  const { parseMailbox } = await mailboxRules();
  const parsed = parseMailbox(value);
  const refusal = (why, fix) => `--param alertEmail=${value} is not an e-mail address: ${why}; SNS would refuse the alarms' e-mail subscription midway through the deploy (${fix})`;
  if (!parsed.ok) return refusal(parsed.reason, 'give one address, e.g. --param alertEmail=ops@example.org, or leave it out for no subscription');
  if (parsed.mailbox.name !== undefined || value.trim() !== value) return refusal('it holds more than the address', `give --param alertEmail=${parsed.mailbox.address}`);
  return undefined;
}

/**
 * A bucket name osls's awsS3BucketName (length and pattern) refuses, or that has a prefix or suffix S3 keeps for
 * itself: CloudFormation would refuse the bucket midway through the deploy. The fix is the name in lower case with
 * the characters S3 does not take as hyphens, when that is a name.
 */
function bucketNameProblem(param, value, rule, example) {
  const ok = (name) =>
    name.length >= rule.minLength && name.length <= rule.maxLength && new RegExp(rule.pattern).test(name) && !RESERVED_BUCKET_PREFIXES.some((prefix) => name.startsWith(prefix)) && !RESERVED_BUCKET_SUFFIXES.some((suffix) => name.endsWith(suffix));
  if (ok(value)) return undefined;
  const mended = value.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '');
  const fix = mended !== value && ok(mended) ? `give e.g. --param ${param}=${mended}` : `give e.g. --param ${param}=${example}`;
  return `--param ${param}=${value} is not an S3 bucket name (${rule.minLength} to ${rule.maxLength} lower-case letters, digits, dots and hyphens, each part between dots starting and ending with a letter or digit, not an IP address, not starting with ${RESERVED_BUCKET_PREFIXES.join(', ')} nor ending with ${RESERVED_BUCKET_SUFFIXES.join(', ')}): CloudFormation would refuse the bucket midway through the deploy (${fix})`;
}

/**
 * A sesIdentity no From Broadsheet sends can match: every From is sent as lib/shared/mailbox.ts reads it (asciiMailbox),
 * its domain in lower case and in its ASCII form (IDNA's punycode, `xn--…`: SES takes only ASCII addresses, SES API
 * Reference, SendEmail), and the roles' ses:FromAddress patterns (the identity, `*@identity`, `*@*.identity`) are
 * matched as written and case-sensitively (IAM User Guide, "Condition operators": StringLike), so an identity is
 * refused unless written as a From is sent; an address identity's local part is sent as written, and may have capitals.
 */
async function sesIdentityProblem(identity) {
  const { parseMailbox } = await mailboxRules();
  const isAddress = identity.includes('@');
  const parsed = parseMailbox(isAddress ? identity : `postmaster@${identity}`);
  if (!parsed.ok || parsed.mailbox.name !== undefined) {
    const why = parsed.ok ? 'it holds more than the address' : parsed.reason;
    return `--param sesIdentity=${identity} is neither a domain nor an address a digest could be sent from (${why}), and every digest and confirmation would be refused (give the domain or address SES verified, e.g. --param sesIdentity=watch.example.org, the default)`;
  }
  const asSent = isAddress ? parsed.mailbox.address : parsed.mailbox.address.slice('postmaster@'.length);
  if (asSent === identity) return undefined;
  const domain = identity.slice(identity.lastIndexOf('@') + 1);
  if (/[^\x00-\x7f]/.test(domain)) {
    return `--param sesIdentity=${identity} has a domain not in ASCII: every From is sent with its domain in ASCII (punycode), the functions compare the identity with it and the roles' ses:FromAddress condition compares it as written, and every digest and confirmation would be refused (give --param sesIdentity=${asSent}, the same identity in ASCII, as the From is sent and SES takes it)`;
  }
  if (domain !== domain.toLowerCase()) {
    return `--param sesIdentity=${identity} has capital letters in its domain: every From is sent with its domain in lower case, the roles' ses:FromAddress condition compares letter case, and every digest and confirmation would be refused AccessDenied (give --param sesIdentity=${asSent}, the identity SES verified, in lower case)`;
  }
  return `--param sesIdentity=${identity} is not written as a From is sent, which the roles' ses:FromAddress condition compares it with as written, and every digest and confirmation would be refused (give --param sesIdentity=${asSent})`;
}

/** The identity an SES_IDENTITY_ARN (serverless.yml's !Sub, as osls reads it) names: the sesIdentity param. */
function identityOf(arn) {
  const text = typeof arn === 'string' ? arn : arn?.['Fn::Sub'];
  if (typeof text !== 'string' || !text.includes(':identity/')) return undefined;
  return text.slice(text.indexOf(':identity/') + ':identity/'.length);
}

/**
 * Whether a param is read by functions/config.ts's `integer` within bounds. Empty is the function's default, as
 * `integer` reads it.
 */
function wholeNumberIn(param, { min, max }) {
  const value = String(param).trim();
  const parsed = Number(value);
  return value === '' || (Number.isInteger(parsed) && parsed >= min && parsed <= max);
}

/** Whether a param CloudFormation is given as a number is a whole number within bounds (empty is none). */
function wholeNumberFrom(param, { min, max }) {
  const value = String(param).trim();
  const parsed = Number(value);
  return value !== '' && Number.isInteger(parsed) && parsed >= min && parsed <= max;
}

/** The days a bucket's ExpireOldVersions lifecycle rule (serverless.yml) keeps a noncurrent version. */
function versionDaysOf(bucket) {
  return bucket?.Properties?.LifecycleConfiguration?.Rules?.find((rule) => rule.Id === 'ExpireOldVersions')?.NoncurrentVersionExpiration?.NoncurrentDays;
}

/** lib/time's isValidZone and canonicalZone, which site.yml's timezone is read by, bundled from their source. */
let zoneRulesLoaded;
function zoneRules() {
  zoneRulesLoaded ??= fromSource("export { isValidZone } from './isValidZone.ts'; export { canonicalZone } from './canonicalZone.ts';", '../lib/time/');
  return zoneRulesLoaded;
}

/** functions/config.ts's sesContactList, which the ses-feedback function reads SES_CONTACT_LIST by, bundled from its source. */
function contactListRule() {
  return configRules();
}

/** functions/config.ts's readers the params are checked by (sesContactList, sesConfigurationSet, sesIdentityArn, parameterName, readPublishConfig), bundled from its source. */
let configRulesLoaded;
function configRules() {
  configRulesLoaded ??= fromSource("export { sesContactList, sesConfigurationSet, sesIdentityArn, parameterName, readPublishConfig } from './config.ts';", '../functions/');
  return configRulesLoaded;
}

/** lib/shared/mailbox.ts's parseMailbox, which the digest and the signups read an address by, bundled from its source. */
let mailboxRulesLoaded;
function mailboxRules() {
  mailboxRulesLoaded ??= fromSource("export { parseMailbox } from './mailbox.ts';", '../lib/shared/');
  return mailboxRulesLoaded;
}

/** The module `contents` (TypeScript, its imports relative to `folder` of this repository), bundled by esbuild and loaded. */
async function fromSource(contents, folder) {
  const { build } = await import('esbuild');
  const { outputFiles } = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL(folder, import.meta.url)), loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
}

export default class ParamChecks {
  constructor(serverless) {
    const check = async (nothingWas) => {
      const functions = serverless.service.functions ?? {};
      const schedule = (functions.digest?.events ?? []).find((event) => event.schedule)?.schedule;
      const resources = serverless.service.resources ?? {};
      const invalidateCdn = resources.Conditions?.InvalidateCdn?.['Fn::Equals']?.[0];
      const problems = await paramProblems({
        answerFloorMs: functions.subscribe?.environment?.ANSWER_FLOOR_MS,
        signupsPerHour: functions.subscribe?.environment?.SIGNUPS_PER_HOUR,
        digestTimezone: schedule?.timezone,
        // The digest's and the subscribe function's are the same (tests/e2e/serverlessPackage.test.ts).
        sesIdentity: identityOf(functions.digestSender?.environment?.SES_IDENTITY_ARN),
        sesContactList: functions.sesFeedback?.environment?.SES_CONTACT_LIST,
        sesConfigurationSet: functions.digestSender?.environment?.SES_CONFIGURATION_SET,
        tokenParameter: functions.trigger?.environment?.TOKEN_PARAMETER,
        subscribeSecretParameter: functions.subscribe?.environment?.SECRET_PARAMETER,
        originSecretParameter: functions.subscribe?.environment?.ORIGIN_SECRET_PARAMETER,
        smtpUrlParameter: functions.digestSender?.environment?.SMTP_URL_PARAMETER,
        skipInvalid: functions.publish?.environment?.SKIP_INVALID,
        siteUrl: functions.publish?.environment?.SITE_URL,
        invalidateCdn,
        priceClass: resources.Resources?.SiteDistribution?.Properties?.DistributionConfig?.PriceClass,
        // The content bucket is osls's (provider.s3), its lifecycle rule under resources.extensions.
        contentVersionDays: versionDaysOf(resources.extensions?.S3BucketContent),
        siteVersionDays: versionDaysOf(resources.Resources?.SiteBucket),
        digestBatchReceives: resources.Resources?.DigestBatchesQueue?.Properties?.RedrivePolicy?.maxReceiveCount,
        alertEmail: resources.Resources?.AlertsEmailSubscription?.Properties?.Endpoint,
        // The content bucket is osls's provider.s3 bucket (serverless.yml), the site bucket one of its resources.
        contentBucket: serverless.service.provider?.s3?.content?.name,
        siteBucket: resources.Resources?.SiteBucket?.Properties?.BucketName,
      }, { bucketName: serverless.configSchemaHandler?.schema?.definitions?.awsS3BucketName });
      if (problems.length > 0) throw new serverless.classes.Error(`Nothing was ${nothingWas}:\n${problems.join('\n')}`);
    };
    this.hooks = Object.fromEntries(Object.entries(BEFORE_SHIPPING).map(([hook, nothingWas]) => [hook, () => check(nothingWas)]));
  }
}
