import { functionName, parameterName, readPublishConfig, sesConfigurationSet, sesIdentityArn, subscribersPrefix, type Environment, type PublishConfig } from './config.js';
import { ConfigError } from '../lib/shared/errors.js';
import { readMailEnv, type MailEnv } from '../lib/delivery/mailEnv.js';

/** The digest function's settings: delivery, plus the publish function it invokes. Read once per cold start. */
export interface DigestFunctionConfig extends DeliveryConfig {
  /** PUBLISH_FUNCTION_NAME (required): the only writer of the archive; the digest invokes it (see functions/digest.ts). */
  publishFunctionName: string;
  /** SENDER_FUNCTION_NAME: the digest-sender, asked before a send is queued whether it can read its parameters (functions/senderCheck.ts). */
  senderFunctionName?: string;
}

/** The digest-sender function's settings: the publish function's buckets, plus delivery. */
export interface DeliveryConfig extends PublishConfig {
  mail: MailEnv;
  /** SES_IDENTITY_ARN: the verified identity the From address belongs to (IAM scopes ses:SendEmail to it). */
  sesIdentityArn?: string;
  /** SUBSCRIBERS_PREFIX (required): the digest goes to the confirmed subscribers under this folder of the content bucket, their one source. */
  subscribersPrefix: string;
  /** FANOUT_QUEUE_URL: with SUBSCRIBERS_PREFIX, the send is queued one shard a message for the digest-sender function. */
  fanoutQueueUrl?: string;
  /** SENDER_CONCURRENCY: the sender's maximum concurrency; each sender keeps to the transport's rate divided by it. Default 1. */
  senderConcurrency: number;
  /** SECRET_PARAMETER: the SSM SecureString with the token secret, when DIGEST_UNSUBSCRIBE_SECRET is not set. */
  secretParameter?: string;
  /** SMTP_URL_PARAMETER: the SSM SecureString with the SMTP URL (password included), when SMTP_URL is not set. */
  smtpUrlParameter?: string;
  /** SES_CONFIGURATION_SET: the stack's configuration set, which every SES send goes through (functions/configurationSetOf.ts). */
  sesConfigurationSet?: string;
}

export function readDigestFunctionConfig(env: Environment): DigestFunctionConfig {
  const sender = env.SENDER_FUNCTION_NAME?.trim();
  return { ...readDeliveryConfig(env), publishFunctionName: functionName(env, 'PUBLISH_FUNCTION_NAME', 'publish'), ...(sender ? { senderFunctionName: sender } : {}) };
}

export function readDeliveryConfig(env: Environment): DeliveryConfig {
  const base = readPublishConfig(env);
  const config: DeliveryConfig = { ...base, subscribersPrefix: subscribersPrefix(env, base.contentPrefix), mail: readMailEnv(env as NodeJS.ProcessEnv), senderConcurrency: 1 };
  const arn = sesIdentityArn(env);
  if (arn) config.sesIdentityArn = arn;
  const queue = env.FANOUT_QUEUE_URL?.trim();
  if (queue) {
    if (!/^https:\/\/\S+$/.test(queue)) throw new ConfigError(`FANOUT_QUEUE_URL: ${JSON.stringify(queue)} is not a queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME)`);
    config.fanoutQueueUrl = queue;
  }
  const concurrency = env.SENDER_CONCURRENCY?.trim();
  if (concurrency && !(Number.isInteger(Number(concurrency)) && Number(concurrency) >= 1)) throw new ConfigError(`SENDER_CONCURRENCY: ${JSON.stringify(concurrency)} is not a whole number from 1`);
  config.senderConcurrency = concurrency ? Number(concurrency) : 1;
  const parameter = env.SECRET_PARAMETER?.trim();
  if (parameter) config.secretParameter = parameterName('SECRET_PARAMETER', parameter);
  const smtpParameter = env.SMTP_URL_PARAMETER?.trim();
  if (smtpParameter) config.smtpUrlParameter = parameterName('SMTP_URL_PARAMETER', smtpParameter);
  const configurationSet = sesConfigurationSet(env);
  if (configurationSet) config.sesConfigurationSet = configurationSet;
  return config;
}
