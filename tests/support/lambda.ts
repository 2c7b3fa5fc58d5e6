import type { APIGatewayProxyEventV2, Context, S3Event, ScheduledEvent } from 'aws-lambda';
import { vi } from 'vitest';

/** A frozen Lambda context, as the runtime passes it. */
export function lambdaContext(functionName: string, awsRequestId: string): Context {
  return Object.freeze({
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2014/05/20/[$LATEST]0123456789abcdef0123456789abcdef',
    // The longest functions' whole 900 s: a digest function's own send keeps more than 290 s in hand before each message.
    getRemainingTimeInMillis: () => 900_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  });
}

/** The event EventBridge sends on a schedule (`rate(15 minutes)`). */
export function scheduledEvent(time = '2014-05-20T00:00:00Z'): ScheduledEvent {
  return {
    version: '0',
    id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time,
    region: 'us-east-1',
    resources: ['arn:aws:events:us-east-1:123456789012:rule/broadsheet-prod-PublishEventsRuleSchedule1'],
    detail: {},
  };
}

/**
 * The notification S3 sends for objects created (or removed) in `bucket`; keys URL-encoded as S3 does, stamped
 * `eventTime` (default: now, as for an upload just made).
 */
export function s3Event(bucket: string, keys: string[], eventName = 'ObjectCreated:Put', eventTime = new Date().toISOString()): S3Event {
  return {
    Records: keys.map((key) => ({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime,
      eventName,
      userIdentity: { principalId: 'AWS:AIDAEXAMPLE' },
      requestParameters: { sourceIPAddress: '192.0.2.1' },
      responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'broadsheet-content',
        bucket: { name: bucket, ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: `arn:aws:s3:::${bucket}` },
        object: { key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'), size: 120, eTag: 'd41d8cd98f00b204e9800998ecf8427e', sequencer: '0055AED6DCD90281E5' },
      },
    })),
  };
}

export interface UrlRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

/** A Lambda Function URL request (payload format 2.0, the API Gateway v2 shape). */
export function functionUrlEvent(request: UrlRequest = {}): APIGatewayProxyEventV2 {
  const method = request.method ?? 'POST';
  const path = request.path ?? '/publish';
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'abcdefghij.lambda-url.us-east-1.on.aws', 'user-agent': 'curl/8.5.0', 'content-type': 'application/json', ...request.headers },
    requestContext: {
      accountId: 'anonymous',
      apiId: 'abcdefghij',
      domainName: 'abcdefghij.lambda-url.us-east-1.on.aws',
      domainPrefix: 'abcdefghij',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'curl/8.5.0' },
      requestId: 'c2a9b6b3-1f0e-4f5b-9d55-6a7f3a8c1d2e',
      routeKey: '$default',
      stage: '$default',
      time: '20/May/2014:00:00:00 +0000',
      timeEpoch: 1400544000000,
    },
    isBase64Encoded: request.isBase64Encoded ?? false,
  };
  if (request.body !== undefined) event.body = request.body;
  return event;
}

/** Collects what the functions log: Powertools writes JSON lines, INFO to stdout and ERROR to stderr. */
export function captureLogs(): { lines: () => Record<string, unknown>[]; raw: () => string; restore: () => void } {
  const chunks: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) => {
    const original = stream.write.bind(stream);
    return vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (!text.startsWith('{')) return original(chunk, ...(rest as []));
      chunks.push(text);
      return true;
    }) as typeof stream.write);
  });
  const raw = () => chunks.join('');
  return {
    raw,
    lines: () => raw().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}
