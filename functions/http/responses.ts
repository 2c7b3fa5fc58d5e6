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
