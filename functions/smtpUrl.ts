import type { SSMClient } from '@aws-sdk/client-ssm';
import { smtpUrlProblem } from '../lib/delivery/mailEnv.js';
import { ParameterError, UsageError } from '../lib/shared/errors.js';
import type { DeliveryConfig } from './digestEnv.js';
import { putParameter, readSecretParameter } from './ssmParameter.js';

/**
 * The SMTP URL a digest function sends through: SMTP_URL_PARAMETER's SecureString in a deployment (the password
 * never in the function's environment), or SMTP_URL when a run sets it. Read only when site.yml asks for SMTP.
 */
export async function readSmtpUrl(config: DeliveryConfig, ssm: SSMClient | undefined, timeoutMs: number): Promise<string> {
  if (config.mail.smtpUrl) return config.mail.smtpUrl;
  if (!config.smtpUrlParameter || !ssm) throw noSmtpUrl();
  const parameter = { name: config.smtpUrlParameter, variable: 'SMTP_URL_PARAMETER' };
  const value = await readSecretParameter(ssm, parameter, timeoutMs);
  const url = value.trim();
  // The same check as SMTP_URL's, which never quotes a value nor the password (only an unknown key's name, where it cannot be the password's tail).
  const problem = smtpUrlProblem(url, 'its value');
  if (problem) throw new ParameterError(`SMTP_URL_PARAMETER: the SSM parameter ${parameter.name}: ${problem}: ${putParameter(parameter)} --overwrite`, { parameter: parameter.name, variable: parameter.variable, transient: false });
  return url;
}

/**
 * Refuses, as readSmtpUrl would, a function given no SMTP URL, without reading it: for the digest function, which
 * queues an SMTP send for the digest-sender, whose role alone may read the parameter.
 */
export function requireSmtpUrlGiven(config: DeliveryConfig): void {
  if (!config.mail.smtpUrl && !config.smtpUrlParameter) throw noSmtpUrl();
}

function noSmtpUrl(): UsageError {
  return new UsageError('site.yml says digest.transport: smtp, but the function has no SMTP URL: put smtp://user:password@host:587 in an SSM SecureString and deploy with --param smtpUrlParameter=<its name> (SMTP_URL_PARAMETER), never the URL itself in the environment');
}
