import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number };

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

/** A JSON response; never cached, since it reports one request. */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/** An error response: a fixed message for the client, never the exception itself. */
export function problem(statusCode: number, message: string, headers: Record<string, string> = {}): HttpResponse {
  return json(statusCode, { error: message }, headers);
}

/**
 * A plain-text error answer. Never cached: a CDN or browser must not keep an error for a URL that works a moment
 * later; never sniffed into another type.
 */
export function plainError(statusCode: number, text: string): HttpResponse {
  return { statusCode, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }, body: text };
}
