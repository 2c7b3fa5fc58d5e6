import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number };

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
