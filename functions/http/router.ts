import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { TriggerConfig } from '../config.js';
import { bearerToken, tokenMatches } from './auth.js';
import type { Store } from '../../lib/store/store.js';
import { problem, type HttpResponse } from './responses.js';

/** What every route may use; built once per cold start. */
export interface TriggerServices {
  config: TriggerConfig;
  lambda: LambdaClient;
  logger: Logger;
  /** The site bucket's run records (`_broadsheet/runs/`), read by GET /runs; absent when SITE_BUCKET is not set. */
  runs?: Store;
}

export interface RouteRequest {
  /** The JSON body, parsed: a plain object ({} when the body is empty). */
  body: Record<string, unknown>;
  /** The Lambda request id of this call, to pass on to the functions a route invokes. */
  requestId: string;
  /** The path, without trailing slashes: a route whose path ends in `/*` reads what follows. */
  path?: string;
  query?: URLSearchParams;
  /** Milliseconds left before the trigger's own timeout: a route that waits for another function waits less. */
  timeLeft?: () => number;
}

/** One endpoint. Register it in functions/routes/index.ts. A path ending in `/*` matches one more segment. */
export interface Route {
  method: 'POST' | 'GET' | 'PUT' | 'DELETE';
  path: string;
  handle(request: RouteRequest, services: TriggerServices): Promise<HttpResponse>;
}

type Parsed = { ok: true; body: Record<string, unknown> } | { ok: false; response: HttpResponse };

/** The body as the route sees it, or a 400 explaining what is wrong. */
function parseBody(event: APIGatewayProxyEventV2): Parsed {
  const text = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (text.trim() === '') return { ok: true, body: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, response: problem(400, 'the body is not JSON: send {} or {"dryRun": true}') };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, response: problem(400, 'the body must be a JSON object, e.g. {"dryRun": true}') };
  }
  return { ok: true, body: parsed as Record<string, unknown> };
}

/**
 * Authenticates, then dispatches to the route for the path and method. Every path needs the token, so
 * without it nobody learns which routes exist: 401, then 404 (no such path), 405 (path known, method
 * not), 400 (a malformed body), else the route's answer. A HEAD is answered as its GET, with no content
 * (RFC 9110 §9.3.2).
 */
export async function dispatch(
  routes: readonly Route[],
  event: APIGatewayProxyEventV2,
  requestId: string,
  token: string,
  services: TriggerServices,
  timeLeft?: () => number,
): Promise<HttpResponse> {
  const head = event.requestContext.http.method.toUpperCase() === 'HEAD';
  const response = await answer(routes, event, requestId, token, services, timeLeft);
  return head ? { ...response, body: '' } : response;
}

async function answer(routes: readonly Route[], event: APIGatewayProxyEventV2, requestId: string, token: string, services: TriggerServices, timeLeft?: () => number): Promise<HttpResponse> {
  if (!tokenMatches(bearerToken(event.headers), token)) {
    return problem(401, 'missing or wrong bearer token', { 'www-authenticate': 'Bearer realm="broadsheet"' });
  }
  const requested = event.requestContext.http.method.toUpperCase();
  const method = requested === 'HEAD' ? 'GET' : requested;
  const path = event.rawPath.replace(/\/+$/, '') || '/';
  const forPath = routes.filter((route) => route.path === path || (route.path.endsWith('/*') && path.startsWith(route.path.slice(0, -1)) && !path.slice(route.path.length - 1).includes('/')));
  if (forPath.length === 0) return problem(404, `no such endpoint: ${path.slice(0, 100)}`);
  const route = forPath.find((candidate) => candidate.method === method);
  if (!route) {
    // RFC 9110 §15.5.6: a 405 lists the methods the target takes; HEAD wherever GET is.
    const allowed = forPath.flatMap((r) => (r.method === 'GET' ? ['GET', 'HEAD'] : [r.method])).join(', ');
    return problem(405, `${path} accepts ${allowed} only`, { allow: allowed });
  }
  const parsed = parseBody(event);
  if (!parsed.ok) return parsed.response;
  return route.handle({ body: parsed.body, requestId, path, query: new URLSearchParams(event.rawQueryString ?? ''), ...(timeLeft ? { timeLeft } : {}) }, services);
}
