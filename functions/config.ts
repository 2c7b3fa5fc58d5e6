import { ConfigError } from '../lib/shared/errors.js';
import type { S3ClientOptions } from '../lib/store/s3Client.js';
import { prefixOverlap } from '../lib/store/prefixOverlap.js';

/**
 * The Lambda functions' settings, read from their environment once per cold start (serverless.yml sets
 * the variables). Every reader fails fast with a ConfigError naming the variable and what would fix it.
 */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Settings of S3 clients, shared by every function. */
export interface S3Settings {
  /** AWS_REGION (Lambda sets it). Default: the SDK's resolution. */
  region?: string;
  /** S3_ENDPOINT: an S3-compatible endpoint, for tests and local runs. Default: AWS. */
  endpoint?: string;
  /** S3_MAX_ATTEMPTS: attempts per request with standard retries. Default 5. */
  maxAttempts: number;
  /** S3_REQUEST_TIMEOUT_MS: a request with no response after this long, or whose body stops for as long, is cut off and retried. Default 10 000. */
  requestTimeoutMs: number;
}

export interface PublishConfig {
  /** CONTENT_BUCKET (required): holds site.yml and entries/. */
  contentBucket: string;
  /** CONTENT_PREFIX: the folder of the content in its bucket. Default `content/`. */
  contentPrefix: string;
  /** SITE_BUCKET (required): receives the feeds, served by CloudFront. */
  siteBucket: string;
  /** SITE_PREFIX: the folder of the site in its bucket. Default '' (the root). */
  sitePrefix: string;
  /** CACHE_CONTROL of published files. Default: publish()'s, `public, max-age=300`. */
  cacheControl?: string;
  /** SKIP_INVALID (`true`/`false`): publish the valid entries when some are invalid. Default false (refuse). */
  skipInvalid: boolean;
  /** SITE_URL: the https address this deployment serves; a site.yml with another `url:` is refused. Default: no check. */
  siteUrl?: string;
  /** DISTRIBUTION_ID: the CloudFront distribution to invalidate after a publish that changed files. Default: none. */
  distributionId?: string;
  s3: S3Settings;
}

export interface TriggerConfig {
  /** AWS_REGION (Lambda sets it). */
  region?: string;
  /** PUBLISH_FUNCTION_NAME (required): the function POST /publish invokes. */
  publishFunctionName: string;
  /** DIGEST_FUNCTION_NAME (required): the function POST /digest invokes. */
  digestFunctionName: string;
  /** TOKEN_PARAMETER (required): the SSM SecureString parameter holding the bearer token. */
  tokenParameter: string;
  /** SITE_BUCKET: where GET /runs reads the run records. Without it, GET /runs answers 500. */
  siteBucket?: string;
  /** SITE_PREFIX: the folder of the site in its bucket. Default ''. */
  sitePrefix?: string;
  s3?: S3Settings;
}

export function readS3Settings(env: Environment): S3Settings {
  const settings: S3Settings = {
    maxAttempts: integer(env, 'S3_MAX_ATTEMPTS', 5, 1, 20),
    requestTimeoutMs: integer(env, 'S3_REQUEST_TIMEOUT_MS', 10_000, 100, 900_000),
  };
  const region = optional(env, 'AWS_REGION');
  if (region) settings.region = region;
  const endpoint = optional(env, 'S3_ENDPOINT');
  if (endpoint) {
    if (!/^https?:\/\/[^/]+/.test(endpoint)) throw new ConfigError(`S3_ENDPOINT: ${JSON.stringify(endpoint)} is not an http(s) URL (set it to e.g. http://127.0.0.1:4569, or unset it to use AWS)`);
    settings.endpoint = endpoint;
  }
  return settings;
}

export function readPublishConfig(env: Environment): PublishConfig {
  const config: PublishConfig = {
    contentBucket: bucket(env, 'CONTENT_BUCKET'),
    contentPrefix: folder(env, 'CONTENT_PREFIX', 'content/'),
    siteBucket: bucket(env, 'SITE_BUCKET'),
    sitePrefix: folder(env, 'SITE_PREFIX', ''),
    skipInvalid: boolean(env, 'SKIP_INVALID', false),
    s3: readS3Settings(env),
  };
  // The site bucket is served: a site folder inside the content's, or holding it, would serve site.yml, drafts and subscribers.txt.
  const overlap = config.contentBucket === config.siteBucket ? prefixOverlap(config.sitePrefix, config.contentPrefix) : undefined;
  if (overlap) {
    throw new ConfigError(
      `SITE_PREFIX: s3://${config.siteBucket}/${config.sitePrefix} ${overlap === 'inside' ? 'is inside' : 'holds'} the content s3://${config.contentBucket}/${config.contentPrefix}; set SITE_BUCKET to another bucket (serverless.yml makes one), or give the site and the content folders side by side, or site.yml, the drafts and subscribers.txt would be served`,
    );
  }
  const cacheControl = optional(env, 'CACHE_CONTROL');
  if (cacheControl) config.cacheControl = cacheControl;
  const siteUrl = optional(env, 'SITE_URL');
  if (siteUrl) config.siteUrl = httpsBase('SITE_URL', siteUrl);
  const distributionId = optional(env, 'DISTRIBUTION_ID');
  if (distributionId) config.distributionId = distributionId;
  return config;
}

export function readTriggerConfig(env: Environment): TriggerConfig {
  const config: TriggerConfig = {
    publishFunctionName: functionName(env, 'PUBLISH_FUNCTION_NAME', 'publish'),
    digestFunctionName: functionName(env, 'DIGEST_FUNCTION_NAME', 'digest'),
    tokenParameter: parameterName('TOKEN_PARAMETER', required(env, 'TOKEN_PARAMETER', 'the name of the SSM SecureString parameter holding the token, e.g. /broadsheet/prod/trigger-token')),
  };
  const region = optional(env, 'AWS_REGION');
  if (region) config.region = region;
  if (optional(env, 'SITE_BUCKET')) Object.assign(config, { siteBucket: bucket(env, 'SITE_BUCKET'), sitePrefix: folder(env, 'SITE_PREFIX', ''), s3: readS3Settings(env) });
  return config;
}

/**
 * SUBSCRIBERS_PREFIX: the subscriber records' folder in the content bucket, one folder apart from CONTENT_PREFIX: a
 * folder inside the content's, or holding it, would have a publish read the records as content. The one rule of every
 * function that keeps subscribers; without `fallback`, a missing variable is refused.
 */
export function subscribersPrefix(env: Environment, contentPrefix: string, fallback?: string): string {
  const value = optional(env, 'SUBSCRIBERS_PREFIX') ?? fallback;
  if (value === undefined) throw new ConfigError("SUBSCRIBERS_PREFIX is not set (set it to the subscriber records' folder in the content bucket, e.g. _subscribers/; serverless.yml sets it on deploy)");
  if (!/^[A-Za-z0-9_.-]+\/$/.test(value) || /^\.{1,2}\/$/.test(value)) throw new ConfigError(`SUBSCRIBERS_PREFIX: ${JSON.stringify(value)} is not one folder ending in / (set it to e.g. _subscribers/)`);
  if (prefixOverlap(value, contentPrefix)) {
    throw new ConfigError(`SUBSCRIBERS_PREFIX: ${value} must not overlap CONTENT_PREFIX ${contentPrefix || '(the bucket root)'} (a publish would read the records as content); give the two folders side by side, e.g. SUBSCRIBERS_PREFIX=_subscribers/ and CONTENT_PREFIX=content/`);
  }
  return value;
}

/** A Lambda function to invoke: `variable` holds its name or ARN (serverless.yml sets it). */
export function functionName(env: Environment, variable: string, which: string): string {
  return required(env, variable, `the name or ARN of the ${which} function`);
}

/**
 * The name of an SSM parameter, as serverless.yml grants it: the roles allow ssm:GetParameter on
 * `arn:…:parameter<name>`, the ARN only of a name with a leading / (SSM writes `parameter/name` for one without).
 * Characters and length: SSM's rules for a parameter name (a-z, A-Z, 0-9, _ . - and /, at most 2,048).
 */
export function parameterName(variable: string, value: string): string {
  if (!/^\/[A-Za-z0-9_.\-/]{1,2047}$/.test(value)) {
    throw new ConfigError(`${variable}: ${JSON.stringify(value.slice(0, 100))} is not an SSM parameter path: write it with a leading / and only letters, digits, _ . - and / (e.g. /broadsheet/prod/...; the function's role may read only arn:…:parameter<that path>)`);
  }
  return value;
}

/** SES_IDENTITY_ARN, when set: the verified identity the stack sends as (the sesIdentity param; IAM scopes ses:SendEmail to it). */
export function sesIdentityArn(env: Environment): string | undefined {
  const arn = env.SES_IDENTITY_ARN?.trim();
  if (!arn) return undefined;
  if (!/^arn:aws[a-z-]*:ses:[a-z0-9-]+:\d{12}:identity\/.+$/.test(arn)) throw new ConfigError(`SES_IDENTITY_ARN: ${JSON.stringify(arn)} is not an SES identity ARN (arn:aws:ses:REGION:ACCOUNT:identity/example.org)`);
  return arn;
}

/** SES_CONFIGURATION_SET, when set: an SES configuration set's name (letters, digits, _ and -, at most 64). */
export function sesConfigurationSet(env: Environment): string | undefined {
  const value = env.SES_CONFIGURATION_SET?.trim();
  if (!value) return undefined;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw new ConfigError(`SES_CONFIGURATION_SET: ${JSON.stringify(value.slice(0, 100))} is not an SES configuration set's name (letters, digits, _ and -, at most 64: e.g. broadsheet-prod)`);
  return value;
}

/**
 * SES_CONTACT_LIST, when set: the SES contact list the CLI sends the digest to (site.yml's digest.ses.contactList),
 * whose contacts the SES feedback function marks unsubscribed on a complaint or a bounce. A contact list's name:
 * letters, digits, _ and -, at most 64 (what an IAM resource name can hold unquoted).
 */
export function sesContactList(env: Environment): string | undefined {
  const value = env.SES_CONTACT_LIST?.trim();
  if (!value) return undefined;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw new ConfigError(`SES_CONTACT_LIST: ${JSON.stringify(value.slice(0, 100))} is not an SES contact list's name (letters, digits, _ and -, at most 64: e.g. PeninsulaWatch), or leave it empty for none`);
  return value;
}

/** S3Client options from the settings. */
export function s3ClientOptions(settings: S3Settings): S3ClientOptions {
  return {
    maxAttempts: settings.maxAttempts,
    requestTimeoutMs: settings.requestTimeoutMs,
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
  };
}

function optional(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function required(env: Environment, name: string, what: string): string {
  const value = optional(env, name);
  if (value === undefined) throw new ConfigError(`${name} is not set (set it to ${what}; serverless.yml sets it on deploy)`);
  return value;
}

function bucket(env: Environment, name: string): string {
  const value = required(env, name, 'an S3 bucket name');
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value)) {
    throw new ConfigError(`${name}: ${JSON.stringify(value)} is not a valid S3 bucket name (3-63 lowercase letters, digits, dots and hyphens)`);
  }
  return value;
}

function folder(env: Environment, name: string, fallback: string): string {
  const value = optional(env, name);
  if (value === undefined) return fallback;
  const trimmed = value.replace(/^\/+/, '');
  if (trimmed === '') return '';
  if (trimmed.split('/').filter(Boolean).some((segment) => segment === '.' || segment === '..') || trimmed.includes('\\')) {
    throw new ConfigError(`${name}: ${JSON.stringify(value)} is not a folder key (write e.g. content/)`);
  }
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

/** An https base URL, ending in `/` as site.yml's url does once parsed. */
function httpsBase(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name}: ${JSON.stringify(value)} is not a URL (write e.g. https://d111111abcdef8.cloudfront.net/)`);
  }
  if (url.protocol !== 'https:' || url.search || url.hash) throw new ConfigError(`${name}: ${JSON.stringify(value)} must be an https URL without query or fragment`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function boolean(env: Environment, name: string, fallback: boolean): boolean {
  const value = optional(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(`${name}: ${JSON.stringify(env[name])} is not a boolean (write true or false)`);
}

/** A whole number from `min` to `max`, or `fallback` when unset; a ConfigError naming the variable otherwise. */
export function integer(env: Environment, name: string, fallback: number, min: number, max: number): number {
  const value = optional(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(`${name}: ${JSON.stringify(value)} is not a whole number from ${min} to ${max}`);
  }
  return parsed;
}
