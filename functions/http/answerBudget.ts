import type { HttpResponse } from './responses.js';

/**
 * The most bytes an answer takes as Lambda carries it (payloadBytes). Lambda's quota on a synchronous invocation's
 * response payload is 6 MB (Lambda quotas, "Invocation payload (request and response)"; a function URL answers through
 * such an invocation in its default BUFFERED mode, AWS::Lambda::Url InvokeMode), and a larger answer is no answer at
 * all, only Lambda's 502: well under it, for how Lambda counts.
 */
export const ANSWER_BUDGET_BYTES = 4 * 1024 * 1024;

/**
 * The bytes of an answer as Lambda carries it: the whole result as JSON, in which the body is one string, so each
 * quote and backslash of a JSON body counts twice.
 */
export function payloadBytes(response: HttpResponse): number {
  return Buffer.byteLength(JSON.stringify(response));
}
