import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { ConfigError } from '../lib/shared/errors.js';

/**
 * A secret from SSM Parameter Store (a SecureString, decrypted), bounded by `timeoutMs` retries included, and
 * refused when shorter than 16 characters (a short secret could be guessed).
 */
export async function readSecretParameter(ssm: SSMClient, name: string, timeoutMs: number): Promise<string> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(Object.assign(new Error(`SSM did not answer GetParameter ${name} within ${timeoutMs} ms`), { name: 'TimeoutError' }));
    }, timeoutMs);
  });
  let response;
  try {
    response = await Promise.race([ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }), { abortSignal: abort.signal }), deadline]);
  } finally {
    clearTimeout(timer);
  }
  const value = response.Parameter?.Value?.trim();
  if (!value || value.length < 16) throw new ConfigError(`the SSM parameter ${name} must hold a secret of at least 16 characters`);
  return value;
}
