import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { ParameterError } from '../lib/shared/errors.js';

/** How long the digest functions wait for one SSM parameter, retries included. */
export const PARAMETER_TIMEOUT_MS = 2_000;

/** An SSM parameter as a function knows it: its name, and the environment variable that names it. */
export interface ParameterSource {
  name: string;
  variable: string;
}

/**
 * A secret from SSM Parameter Store (a SecureString, decrypted), bounded by `timeoutMs` retries included, and
 * refused when shorter than 16 characters (a short secret could be guessed). Every failure is a ParameterError naming
 * the parameter and its variable (never the value) and, for a setup that is wrong, the fix.
 */
export async function readSecretParameter(ssm: SSMClient, parameter: ParameterSource, timeoutMs: number): Promise<string> {
  const { name, variable } = parameter;
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new ParameterError(`${variable}: SSM did not answer GetParameter ${name} within ${timeoutMs} ms; the next run reads it again`, { parameter: name, variable, transient: true }));
    }, timeoutMs);
  });
  let response;
  try {
    response = await Promise.race([ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }), { abortSignal: abort.signal }), deadline]);
  } catch (error) {
    throw error instanceof ParameterError ? error : readFailure(parameter, error);
  } finally {
    clearTimeout(timer);
  }
  const value = response.Parameter?.Value?.trim();
  if (!value || value.length < 16) {
    throw new ParameterError(`${variable}: the SSM parameter ${name} must hold a secret of at least 16 characters (a short one could be guessed): ${replaceParameter(parameter)}`, { parameter: name, variable, transient: false });
  }
  return value;
}

/**
 * How to give the parameter a longer value. The origin secret reaches CloudFront through `{{resolve:ssm:NAME}}`, which
 * CloudFormation reads again only when NAME changes: a value overwritten in place would reach the functions alone, and
 * every request would get 403. So it moves to a new name, deployed (README, "To change the origin secret").
 */
function replaceParameter(parameter: ParameterSource): string {
  if (parameter.variable !== 'ORIGIN_SECRET_PARAMETER') return `${putParameter(parameter)} --overwrite`;
  return `store a longer one under a new name, ${putParameter({ ...parameter, name: `${parameter.name}-2` })}, and deploy with --param originSecretParameter=${parameter.name}-2 (README, "To change the origin secret"): a value overwritten in place never reaches CloudFront`;
}

/**
 * The README's command that stores the parameter, with a value of its kind (never the one it holds), given on standard
 * input (`--value file:///dev/stdin`, README "Prerequisites"): a secret on a command line is seen by `ps` and kept in
 * the shell's history.
 */
export function putParameter({ name, variable }: ParameterSource): string {
  const { type, input } = KINDS[variable] ?? { type: 'SecureString', input: `printf '%s' "$(openssl rand -base64 32)"` };
  return `${input} | aws ssm put-parameter --name ${name} --type ${type} --value file:///dev/stdin`;
}

/** What writes each parameter's value to the command's standard input, by the variable that names the parameter. */
const KINDS: Record<string, { type: 'SecureString' | 'String'; input: string }> = {
  // Typed unechoed, as README's "Delivering through SMTP" has it: the URL holds a password.
  SMTP_URL_PARAMETER: { type: 'SecureString', input: `read -rs SMTP_URL (type smtps://user:password@smtp.example.org:465, unechoed), then printf '%s' "$SMTP_URL"` },
  // CloudFormation resolves it into the distribution's origin header, which a SecureString cannot be.
  ORIGIN_SECRET_PARAMETER: { type: 'String', input: `printf '%s' "$(openssl rand -hex 32)"` },
};

/** What SSM's refusal means for this function, and its fix. The SDK's own message is left out: SSM's may be bare ("UnknownError"). */
function readFailure(parameter: ParameterSource, error: unknown): ParameterError {
  const { name, variable } = parameter;
  const { name: code, $fault: fault, $metadata: metadata } = (error ?? {}) as { name?: string; $fault?: string; $metadata?: { httpStatusCode?: number } };
  const options = { cause: error };
  if (code === 'ParameterNotFound') {
    return new ParameterError(`${variable}: the SSM parameter ${name} does not exist in this function's account and region: create it with ${putParameter(parameter)} (or deploy with the param naming the one you have)`, { parameter: name, variable, transient: false }, options);
  }
  if (code === 'AccessDeniedException') {
    return new ParameterError(`${variable}: this function's role may not read the SSM parameter ${name} (AccessDeniedException): deploy again with the param naming it, since serverless.yml grants ssm:GetParameter on that name alone; with a customer-managed KMS key, add kms:Decrypt on that key to the role`, { parameter: name, variable, transient: false }, options);
  }
  // No answer, throttling or a server error after the SDK's retries: nothing to fix here.
  if (code === 'ThrottlingException' || fault === 'server' || metadata?.httpStatusCode === undefined) {
    return new ParameterError(`${variable}: SSM failed GetParameter ${name} (${code ?? 'Error'}); the next run reads it again`, { parameter: name, variable, transient: true }, options);
  }
  return new ParameterError(`${variable}: SSM refused GetParameter ${name} (${code ?? 'Error'}): check that it is a SecureString or String this function's role may read and decrypt, or store it with ${putParameter(parameter)}`, { parameter: name, variable, transient: false }, options);
}
