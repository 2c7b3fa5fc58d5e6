import { integer, parameterName, readPublishConfig, sesConfigurationSet, sesIdentityArn, subscribersPrefix, type Environment, type PublishConfig } from './config.js';
import { ConfigError } from '../lib/shared/errors.js';
import { MOST_SIGNUPS_PER_HOUR, SIGNUPS_PER_HOUR } from '../lib/subscribers/signupCap.js';

/**
 * The least time a signup takes to answer (ms), whatever the address's state: well above a confirmation's usual SES
 * send, so that a new address (a write and an email) answers when a subscribed one (a read) does.
 */
export const ANSWER_FLOOR_MS = 1_500;

/** The subscribe function's settings: the buckets, where subscribers live, and the names of its two secrets. */
export interface SubscribeConfig extends PublishConfig {
  /** SUBSCRIBERS_PREFIX: the private folder of the subscriber records in the content bucket. Default `_subscribers/`. */
  subscribersPrefix: string;
  /** SECRET_PARAMETER (required): the SSM SecureString holding the token secret (the digest's DIGEST_UNSUBSCRIBE_SECRET). */
  secretParameter: string;
  /** ORIGIN_SECRET_PARAMETER (required): the SSM parameter holding the header value CloudFront adds to every request. */
  originSecretParameter: string;
  /** SES_ENDPOINT: another SES endpoint (tests). */
  sesEndpoint?: string;
  /** SES_CONFIGURATION_SET: the stack's configuration set, which confirmations go through (functions/configurationSetOf.ts). */
  sesConfigurationSet?: string;
  /** SES_IDENTITY_ARN: the identity confirmations are sent as, the digest's (functions/sesIdentityArnOf.ts). */
  sesIdentityArn?: string;
  /** ANSWER_FLOOR_MS: the least time a signup takes to answer, whatever the address's state. Default 1 500, at most 5 000 (half the function's timeout). */
  answerFloorMs: number;
  /** SIGNUPS_PER_HOUR: the signups taken in a clock hour across instances (StoreSignupCap). Default 100, from 1 to 99 999. */
  signupsPerHour: number;
}

/** The buckets and where the subscriber records are (the SES feedback function needs no more). */
export function readSubscriberStoreConfig(env: Environment): PublishConfig & { subscribersPrefix: string } {
  const base = readPublishConfig(env);
  return { ...base, subscribersPrefix: subscribersPrefix(env, base.contentPrefix, '_subscribers/') };
}

export function readSubscribeConfig(env: Environment): SubscribeConfig {
  const base = readSubscriberStoreConfig(env);
  const need = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new ConfigError(`${name} is not set (the name of an SSM parameter, e.g. /broadsheet/prod/...)`);
    return parameterName(name, value);
  };
  const config: SubscribeConfig = {
    ...base,
    secretParameter: need('SECRET_PARAMETER'),
    originSecretParameter: need('ORIGIN_SECRET_PARAMETER'),
    answerFloorMs: integer(env, 'ANSWER_FLOOR_MS', ANSWER_FLOOR_MS, 0, 5_000),
    signupsPerHour: integer(env, 'SIGNUPS_PER_HOUR', SIGNUPS_PER_HOUR, 1, MOST_SIGNUPS_PER_HOUR),
  };
  const ses = env.SES_ENDPOINT?.trim();
  if (ses) config.sesEndpoint = ses;
  const configurationSet = sesConfigurationSet(env);
  if (configurationSet) config.sesConfigurationSet = configurationSet;
  const identityArn = sesIdentityArn(env);
  if (identityArn) config.sesIdentityArn = identityArn;
  return config;
}
