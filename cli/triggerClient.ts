import { UsageError } from '../lib/shared/errors.js';

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

/** One request to the trigger, cut off after `timeoutMs`; a body that is not JSON becomes `{error: <text>}`. */
export async function callTrigger(endpoint: TriggerEndpoint, method: 'GET' | 'POST', path: string, body?: unknown): Promise<TriggerAnswer> {
  const target = new URL(path.replace(/^\//, ''), endpoint.url.endsWith('/') ? endpoint.url : `${endpoint.url}/`);
  let response: Response;
  try {
    response = await fetch(target, {
      method,
      headers: { authorization: `Bearer ${endpoint.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(endpoint.timeoutMs),
    });
  } catch (error) {
    const why = (error as Error).name === 'TimeoutError' ? `no answer within ${endpoint.timeoutMs / 1000} s` : (error as Error).message;
    throw new UsageError(`trigger: ${method} ${target.origin}${target.pathname} failed: ${why} (check BROADSHEET_TRIGGER_URL or --url)`, { cause: error });
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { error: text.slice(0, 200) };
  }
  return { status: response.status, body: parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : { value: parsed } };
}
