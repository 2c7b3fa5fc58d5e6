import type { Logger } from '@aws-lambda-powertools/logger';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { ParameterError } from '../lib/shared/errors.js';
import { invokeSync } from './http/invoke.js';
import { SENDER_CHECK_SOURCE, type SenderCheckAnswer, type SenderCheckEvent } from './senderCheck.js';

/** How long the parameter check may take: the sender's reads are bounded by PARAMETER_TIMEOUT_MS each, plus a cold start. */
export const SENDER_CHECK_WAIT_MS = 15_000;

/**
 * Refuses a queued send whose parameters the digest-sender cannot read (missing, not its role's, too short, no SMTP
 * URL), as a ParameterError naming the parameter: once, before anything is queued, where each batch would fail on
 * it. A sender that does not answer (busy, Lambda or the network failing, or this role not allowed to invoke it)
 * leaves the reading to the batches: the check only saves a failed send, and is never why a send is not queued.
 */
export async function checkSenderParameters(senderFunctionName: string, smtp: boolean, lambda: LambdaClient, logger: Pick<Logger, 'warn'>, waitMs = SENDER_CHECK_WAIT_MS): Promise<void> {
  const event: SenderCheckEvent = { source: SENDER_CHECK_SOURCE, checkParameters: { smtp } };
  let result;
  try {
    result = await invokeSync<SenderCheckAnswer | null>(lambda, senderFunctionName, event, waitMs);
  } catch (error) {
    const name = (error as Error).name;
    // Code deployed alone (`osls deploy function`) runs under the role of the stack deployed before it.
    if (name === 'AccessDeniedException') {
      logger.warn(
        `this function's role has no lambda:InvokeFunction grant on ${senderFunctionName} (deploy the whole stack, not one function): its parameters are not checked; the send is queued, and each batch reads them`,
        { error: { name } },
      );
    } else logger.warn('the digest-sender could not be asked whether it can read its parameters: the send is queued, and each batch reads them', { error: { name, message: (error as Error).message } });
    return;
  }
  if (result.kind !== 'ok' || typeof result.payload?.ok !== 'boolean') {
    logger.warn('the digest-sender did not answer whether it can read its parameters: the send is queued, and each batch reads them', { result: result.kind });
    return;
  }
  const answer = result.payload;
  if (answer.ok) return;
  // SSM slow or failing for a moment: each batch reads the parameters again.
  if (answer.transient) logger.warn('the digest-sender could not read a parameter just now: the send is queued, and each batch reads it again', { error: { parameter: answer.parameter, variable: answer.variable, message: answer.message } });
  else throw new ParameterError(answer.message, { parameter: answer.parameter, variable: answer.variable, transient: false });
}
