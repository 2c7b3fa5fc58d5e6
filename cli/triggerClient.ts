import { UsageError } from '../lib/shared/errors.js';
import { isLoopbackHost } from './isLoopbackHost.js';
import { UNREACHED } from '../lib/shared/unreached.js';

/** A call to the deployed trigger: its status and JSON body. */
export interface TriggerAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** The trigger's Function URL and bearer token, and how long one request may take. */
export interface TriggerEndpoint {
  url: string;
  token: string;
  /** Per request; a synchronous dry run waits for the publish function (the trigger's own timeout is 120 s). */
  timeoutMs: number;
}

/**
 * The trigger's URL, refused unless it is https: every request carries the bearer token, which publishes and sends
 * the digest to every subscriber, and over http it would cross the network in clear text (RFC 6750 §5.3: bearer
 * tokens only over TLS). Plain http is for the loopback alone (a trigger run locally, as the tests do).
 */
export function triggerUrl(text: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url?.protocol === 'https:' || (url?.protocol === 'http:' && isLoopbackHost(url.host))) return url;
  const why = url?.protocol === 'http:' ? 'is http, which would send the bearer token in clear text (http only for 127.0.0.1, localhost or [::1])' : 'is not an https URL';
  throw new UsageError(`trigger: ${JSON.stringify(text)} ${why}: use the trigger's https Function URL (osls info)`);
}

/** One request to the trigger, cut off after `timeoutMs` or by `stop`; a body that is not JSON becomes `{error: <text>}`. */
export async function callTrigger(endpoint: TriggerEndpoint, method: 'GET' | 'POST', path: string, body?: unknown, stop?: AbortSignal): Promise<TriggerAnswer> {
  const target = new URL(path.replace(/^\//, ''), endpoint.url.endsWith('/') ? endpoint.url : `${endpoint.url}/`);
  let response: Response;
  try {
    response = await fetch(target, {
      method,
      headers: { authorization: `Bearer ${endpoint.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: stop ? AbortSignal.any([AbortSignal.timeout(endpoint.timeoutMs), stop]) : AbortSignal.timeout(endpoint.timeoutMs),
    });
  } catch (error) {
    throw new UsageError(`trigger: ${method} ${target.origin}${target.pathname} failed: ${whyFailed(error, method, endpoint.timeoutMs, target)}`, { cause: error });
  }
  let text: string;
  try {
    // The same bound and stop as the request: fetch's signal covers reading the body too.
    text = await response.text();
  } catch (error) {
    throw new UsageError(`trigger: ${method} ${target.origin}${target.pathname} answered ${response.status}, but its body was cut off: ${whyFailed(error, method, endpoint.timeoutMs, target)}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { error: text.slice(0, 200) };
  }
  return { status: response.status, body: parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : { value: parsed } };
}

/**
 * Why a request got no answer, and what that means for the run it asked for: a request that never left started
 * nothing; a POST that may have reached the trigger may have started a run, which running trigger again repeats
 * harmlessly (the trigger takes one publish at a time, and the digest's ledger sends each subscriber one copy).
 */
function whyFailed(error: unknown, method: 'GET' | 'POST', timeoutMs: number, target: URL): string {
  // fetch (undici) fails with "fetch failed", the socket's error as its cause.
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code !== undefined && UNREACHED.has(code)) return `${typeof cause?.message === 'string' ? cause.message : code}: nothing was sent (check BROADSHEET_TRIGGER_URL or --url)`;
  // Fetch blocks a request to a "bad port" before connecting, as a network error of that message (WHATWG Fetch §2.9).
  if (cause?.message === 'bad port') return `port ${target.port} is one fetch refuses to connect to (a Fetch bad port): nothing was sent (give BROADSHEET_TRIGGER_URL or --url a port fetch allows: the Function URL osls info prints has none, so 443)`;
  const why = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : typeof cause?.message === 'string' ? cause.message : (error as Error).message;
  if (method === 'GET') return `${why} (check BROADSHEET_TRIGGER_URL or --url)`;
  return `${why}; the request may have reached the trigger and started a run: running broadsheet trigger again is safe (a publish repeats nothing that is done, and a digest goes to each subscriber once)`;
}
