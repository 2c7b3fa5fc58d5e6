import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { functionUrlEvent, lambdaContext } from './lambda.js';

type Handler = (event: never, context: Context) => Promise<unknown>;

async function bodyOf(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += (chunk as Buffer).toString('utf8');
  return text;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

function closer(server: Server): () => Promise<void> {
  return async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
}

/**
 * A Lambda Function URL on loopback: each HTTP request becomes the payload 2.0 event Lambda would send
 * (method, path, query, headers, body) for `handler`, and its structured result the HTTP response.
 */
export async function serveFunctionUrl(name: string, handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<{ statusCode: number; headers?: Record<string, unknown> | undefined; body?: string | undefined }>): Promise<LoopbackServer> {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const headers = Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key, Array.isArray(value) ? value.join(',') : (value ?? '')]));
    const text = await bodyOf(request);
    const event = functionUrlEvent({ method: request.method ?? 'GET', path: url.pathname, headers, ...(text ? { body: text } : {}) });
    event.rawQueryString = url.search.replace(/^\?/, '');
    const result = await handler(event, lambdaContext(name, randomUUID()));
    response.writeHead(result.statusCode, Object.fromEntries(Object.entries(result.headers ?? {}).map(([key, value]) => [key, String(value)])));
    response.end(result.body ?? '');
  });
  return { url: await listen(server), close: closer(server) };
}

export interface LoopbackAws extends LoopbackServer {
  /** Resolves once every queued asynchronous invocation has run. */
  idle(): Promise<void>;
  /** The bodies SQS's SendMessageBatch was given, in order (any queue). */
  queued: string[];
  /** The paths of each CloudFront CreateInvalidation (any distribution). */
  invalidated: string[][];
}

/**
 * The two AWS APIs the trigger calls, on loopback: Lambda's Invoke (`Event`: answered 202 at once, then run one
 * at a time, as reserved concurrency 1 does; `RequestResponse`: run and answered with the payload, or with
 * X-Amz-Function-Error when the handler throws) for the named functions, and SSM's GetParameter for `parameters`: a
 * parameter's value, or the error SSM answers for it (`{ error: 'AccessDeniedException' }`); any other name is not
 * found, answered as SSM does, with a bare `{"__type": "ParameterNotFound"}`. SQS's SendMessageBatch (every entry taken,
 * its body kept in `queued`) and CloudFront's CreateInvalidation (its paths kept in `invalidated`) are answered too.
 */
export async function serveAws(functions: Record<string, Handler>, parameters: Record<string, string | { error: string }>): Promise<LoopbackAws> {
  let queue: Promise<unknown> = Promise.resolve();
  const queued: string[] = [];
  const invalidated: string[][] = [];
  const server = createServer(async (request, response) => {
    const text = await bodyOf(request);
    const target = request.headers['x-amz-target'];
    if (target === 'AmazonSQS.SendMessageBatch') {
      const { Entries } = JSON.parse(text) as { Entries: { Id: string; MessageBody: string }[] };
      queued.push(...Entries.map((entry) => entry.MessageBody));
      const md5 = (body: string) => createHash('md5').update(body).digest('hex');
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() });
      response.end(JSON.stringify({ Successful: Entries.map((entry) => ({ Id: entry.Id, MessageId: randomUUID(), MD5OfMessageBody: md5(entry.MessageBody) })), Failed: [] }));
      return;
    }
    const invalidation = /^\/2020-05-31\/distribution\/([^/]+)\/invalidation$/.exec(request.url ?? '');
    if (invalidation && request.method === 'POST') {
      invalidated.push([...text.matchAll(/<Path>([^<]*)<\/Path>/g)].map((match) => match[1]!));
      const id = `I${invalidated.length}`;
      response.writeHead(201, { 'content-type': 'text/xml', location: `https://cloudfront.amazonaws.com/2020-05-31/distribution/${invalidation[1]}/invalidation/${id}` });
      response.end(`<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>${id}</Id><Status>InProgress</Status><CreateTime>2014-05-12T00:00:00Z</CreateTime></Invalidation>`);
      return;
    }
    if (target === 'AmazonSSM.GetParameter') {
      const { Name } = JSON.parse(text) as { Name: string };
      const value = parameters[Name] ?? { error: 'ParameterNotFound' };
      response.writeHead(typeof value === 'string' ? 200 : 400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() });
      response.end(JSON.stringify(typeof value === 'string' ? { Parameter: { Name, Type: 'SecureString', Value: value, Version: 1 } } : { __type: value.error, ...(value.error === 'AccessDeniedException' ? { message: `User: arn:aws:sts::123456789012:assumed-role/broadsheet-test/x is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:us-east-1:123456789012:parameter${Name}` } : {}) }));
      return;
    }
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(request.url ?? '');
    const handler = match ? functions[decodeURIComponent(match[1]!)] : undefined;
    if (!match || !handler) {
      response.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' });
      response.end(JSON.stringify({ Type: 'User', message: `no function at ${request.url}` }));
      return;
    }
    const id = randomUUID();
    const event = JSON.parse(text || '{}') as never;
    const context = lambdaContext(decodeURIComponent(match[1]!), id);
    if (request.headers['x-amz-invocation-type'] === 'Event') {
      queue = queue.then(() => handler(event, context)).catch(() => undefined);
      response.writeHead(202, { 'x-amzn-requestid': id });
      response.end();
      return;
    }
    try {
      const payload = await handler(event, context);
      response.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': id, 'x-amz-executed-version': '$LATEST' });
      response.end(JSON.stringify(payload ?? null));
    } catch (error) {
      response.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': id, 'x-amz-function-error': 'Unhandled' });
      response.end(JSON.stringify({ errorType: (error as Error).name, errorMessage: (error as Error).message }));
    }
  });
  return { url: await listen(server), close: closer(server), idle: async () => void (await queue), queued, invalidated };
}
