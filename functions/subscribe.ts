import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { DateTime } from 'luxon';
import { readSiteFile, type SiteParse } from '../lib/content/site.js';
import { ConfigError, formatProblem } from '../lib/shared/errors.js';
import { countOf } from '../lib/shared/countOf.js';
import { createSesClient, sendEmailOnce } from '../lib/delivery/sesTransport.js';
import { deployedSesEndpoint } from './deployedSesEndpoint.js';
import { createS3Client } from '../lib/store/s3Client.js';
import { S3Store } from '../lib/store/s3Store.js';
import { clientKey } from '../lib/subscribers/clientKey.js';
import { ClientRateLimit } from '../lib/subscribers/clientRateLimit.js';
import { networkKey } from '../lib/subscribers/networkKey.js';
import { networkLimitFor, NETWORK_WINDOW_MS } from '../lib/subscribers/networkLimitFor.js';
import { storeNetworkSignupLimit } from '../lib/subscribers/storeClientSignupLimit.js';
import { publishedTags } from '../lib/subscribers/publishedTags.js';
import { StoreSignupCap } from '../lib/subscribers/storeSignupCap.js';
import { StoreSubscriberStore } from '../lib/subscribers/storeSubscriberStore.js';
import { createSubscriptionHandler, SUBSCRIPTION_PATHS } from '../lib/subscribers/subscriptionHandler.js';
import { s3ClientOptions } from './config.js';
import { anySecretMatches } from './http/auth.js';
import { plainError, type HttpResponse } from './http/responses.js';
import { createLogger } from './logger.js';
import { loggedError } from './loggedError.js';
import { createSsmClient } from './ssmClient.js';
import { readSecretParameter } from './ssmParameter.js';
import { keptFor, SECRET_MAX_AGE_MS } from './keptFor.js';
import { PendingCalls } from './pendingCalls.js';
import { confirmationSending } from './confirmationSending.js';
import { confirmationSendEmail } from './confirmationSendEmail.js';
import { readSubscribeConfig, type SubscribeConfig } from './subscribeConfig.js';

/** The header CloudFront adds to every request it sends here; a request without it did not come through the site. */
export const ORIGIN_HEADER = 'x-broadsheet-origin';
/** Both secrets are read once per cold start, within this bound. */
export const SECRET_TIMEOUT_MS = 2_000;
/**
 * What the function keeps of its time to answer when S3 or SES is slow: the reader gets the 503 page, never
 * CloudFront's error for a function cut off by its timeout (the SDK's retries alone can outlast it).
 */
export const ANSWER_MARGIN_MS = 1_000;
/** The problems of an unusable site.yml a log line names (broadsheet check lists them all). */
const LOGGED_PROBLEMS = 3;
/** The ERROR line, once an hour, of a signup refused by the hourly cap (serverless.yml counts it: SignupCapReachedAlarm). */
export const SIGNUP_CAP_REACHED = 'signup cap reached: signups are refused with 429 until the hour ends';

export interface SubscribeDeps {
  config: SubscribeConfig;
  s3: S3Client;
  ses: SESv2Client;
  ssm: SSMClient;
  logger: ReturnType<typeof createLogger>;
  now?: () => DateTime;
  /** Milliseconds since the epoch, for the secrets' age (keptFor). Default Date.now. */
  clock?: () => number;
}

type SubscriptionPath = (typeof SUBSCRIPTION_PATHS)[number];

/** The path the signup function answers. */
export const SIGNUP_PATHS: readonly SubscriptionPath[] = ['/subscribe'];
/**
 * The paths the links function answers, the links of the mail (RFC 8058's one-click POST among them): a function of
 * their own, with its own reserved concurrency, so that a flood of signups, each held for the answer floor, cannot
 * take every instance from a reader leaving the list or confirming.
 */
export const LINK_PATHS: readonly SubscriptionPath[] = ['/confirm', '/preferences', '/unsubscribe'];

/**
 * /subscribe, /confirm, /preferences and /unsubscribe on the site's own address (`paths` of them, the rest 404):
 * CloudFront sends them to this function's URL with a secret header (ORIGIN_HEADER) checked in constant time, so the
 * URL itself serves nobody else. (Origin access control for a Function URL would need the browser to sign the body,
 * which a plain form cannot do.) A thin shell over lib/subscribers/subscriptionHandler.ts, as broadsheet preview is.
 */
export function createSubscribeHandler(makeDeps: () => SubscribeDeps = defaultDeps, paths: readonly SubscriptionPath[] = SUBSCRIPTION_PATHS) {
  let deps: SubscribeDeps | undefined;
  let secrets: (() => Promise<{ token: string; origin: string }>) | undefined;
  const limiter = new ClientRateLimit();
  // Made at the first request, at the deploy's cap (networkLimitFor): the environment is read then.
  let networkLimiter: ClientRateLimit | undefined;
  const takesSignups = (paths as readonly string[]).includes('/subscribe');
  return async (event: APIGatewayProxyEventV2, context: Context): Promise<HttpResponse> => {
    const method = event.requestContext?.http?.method ?? '?';
    const path = (event.rawPath ?? '?').slice(0, 200);
    let logger = deps?.logger ?? fallbackLogger;
    logger.addContext(context);
    let response: HttpResponse;
    let timer: NodeJS.Timeout | undefined;
    try {
      // The environment is read at the first request: a variable missing or malformed answers the 503 page, and
      // the log line names it and its fix (functions/subscribeConfig.ts).
      deps ??= makeDeps();
      // Once per logger and invocation: Powertools' cold_start is true only at a logger's first addContext.
      if (deps.logger !== logger) {
        logger = deps.logger;
        logger.addContext(context);
      }
      const services = deps;
      const waitMs = Math.max(0, context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS);
      // This request's calls, so that the line of one cut off names the step that was slow.
      const pending = new PendingCalls();
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error(`no answer from ${pending.steps().join(', ') || 'S3, SES or SSM'} within ${waitMs} ms`), { name: 'TimeoutError' })), waitMs);
      });
      response = await Promise.race([respond(services, pending, event, method, path), deadline]);
    } catch (error) {
      // Never an address: the error of a confirmation SES refused quotes its recipient.
      logger.error('request failed', { error: loggedError(error), method, path });
      response = plainError(503, `Sorry, this did not work; please try again later (request ${context.awsRequestId}).\n`);
    } finally {
      clearTimeout(timer);
    }
    // Never the query: it holds a token.
    logger.info('request', { method, path, status: response.statusCode });
    return response;
  };

  /** The answer to one request, or a throw: the secrets (read again once a minute old), the origin header, the body, the route. */
  async function respond(services: SubscribeDeps, pending: PendingCalls, event: APIGatewayProxyEventV2, method: string, path: string): Promise<HttpResponse> {
    const { config } = services;
    // Read again once a minute old: a new origin secret (README, "Deploying the endpoints") is in use on every warm
    // instance within a minute of the deploy that gives it to CloudFront.
    secrets ??= keptFor(
      () => Promise.all([readSecretParameter(services.ssm, { name: config.secretParameter, variable: 'SECRET_PARAMETER' }, SECRET_TIMEOUT_MS), readSecretParameter(services.ssm, { name: config.originSecretParameter, variable: 'ORIGIN_SECRET_PARAMETER' }, SECRET_TIMEOUT_MS)]).then(([token, origin]) => ({ token, origin })),
      SECRET_MAX_AGE_MS,
      services.clock,
    );
    const { token, origin } = await pending.during('SSM (the secrets)', secrets());
    // During a rotation either may hold the new and the old value (README, "To change the origin secret").
    if (!anySecretMatches(header(event, ORIGIN_HEADER), origin)) return plainError(403, 'forbidden\n');
    // Another function's path: CloudFront routes it there, so only a request made past CloudFront's routes comes here.
    if ((SUBSCRIPTION_PATHS as readonly string[]).includes(path) && !(paths as readonly string[]).includes(path)) return plainError(404, 'not found\n');
    const body = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    const from = header(event, 'origin');
    const fetchSite = header(event, 'sec-fetch-site');
    const contentType = header(event, 'content-type');
    networkLimiter ??= new ClientRateLimit(networkLimitFor(config.signupsPerHour), NETWORK_WINDOW_MS);
    return answer(services, pending, token, { limiter, networkLimiter }, takesSignups, { method, path, query: event.rawQueryString ?? '', body, ...clientNames(event), ...(from !== undefined ? { origin: from } : {}), ...(fetchSite !== undefined ? { fetchSite } : {}), ...(contentType !== undefined ? { contentType } : {}) });
  }
}

async function answer(deps: SubscribeDeps, pending: PendingCalls, secret: string, limiters: { limiter: ClientRateLimit; networkLimiter: ClientRateLimit }, takesSignups: boolean, request: { method: string; path: string; query: string; body: string; client: string; network: string; origin?: string; fetchSite?: string; contentType?: string }): Promise<HttpResponse> {
  const { config, s3, ses } = deps;
  const parsed = await readSiteFile(pending.port('S3 (site.yml)', new S3Store(s3, config.contentBucket, config.contentPrefix)));
  const site = parsed?.site ?? unusableSite(parsed, `s3://${config.contentBucket}/${config.contentPrefix}`);
  const usableSite = () => {
    if (site instanceof ConfigError) throw site;
    return site;
  };
  // The links in a confirmation point to the site, whose pages hold the forms (CloudFront forwards Origin and
  // Sec-Fetch-Site, all viewer headers but Host): the handler's defaults.
  const subscribers = pending.port('S3 (the subscriber records)', new S3Store(s3, config.contentBucket, config.subscribersPrefix));
  const handler = createSubscriptionHandler({
    site,
    store: new StoreSubscriberStore(subscribers),
    secret,
    now: deps.now ?? (() => DateTime.now()),
    // As the digest's identity, through its configuration set: a confirmation that bounces or draws a complaint
    // suppresses the address (lib/subscribers/sesFeedback.ts) as a digest's would. Either out of step with site.yml,
    // SES or IAM would refuse every confirmation: the signup is refused before its record is written.
    checkSending: () => void confirmationSending(usableSite(), config),
    sendMail: async (to, raw) => {
      await pending.during('SES (the confirmation)', sendEmailOnce(ses, new SendEmailCommand(confirmationSendEmail(usableSite(), config, to, raw)), deployedSesEndpoint(config.sesEndpoint, config.s3.region)));
    },
    tags: () => publishedTags(pending.port('S3 (the published tags)', new S3Store(s3, config.siteBucket, config.sitePrefix))),
    // This instance's counts in memory, kept across its requests: the gates before the store's.
    ...limiters,
    // The store's own count, at the deploy's number (the signupsPerHour param), on the function that takes signups:
    // the links function answers no /subscribe, and is given no SIGNUPS_PER_HOUR.
    ...(takesSignups
      ? {
          signupCap: new StoreSignupCap(subscribers, config.signupsPerHour),
          // A fifth of that cap per wider network (an IPv6 /48, an IPv4 /24), whatever the cap is set to.
          networkLimit: storeNetworkSignupLimit(subscribers, secret, networkLimitFor(config.signupsPerHour)),
          // Once an hour across instances: the first refusal's writer alone (lib/subscribers/storeSignupCap.ts).
          onSignupCapReached: (hour: string) => deps.logger.error(SIGNUP_CAP_REACHED, { hour, signupsPerHour: config.signupsPerHour }),
          onTakeBackFailed: (error: unknown) => deps.logger.warn("a client's signup count could not be taken back after its network's limit refused or failed: it has one signup fewer until the count's window passes", { error: loggedError(error) }),
        }
      : {}),
    answerFloorMs: config.answerFloorMs,
  });
  const { path, query, ...rest } = request;
  const result = await handler({ ...rest, url: `${path}${query ? `?${query}` : ''}` });
  // Answered all the same (an unsubscribe), on a plain page: the editor is told what to fix.
  if (site instanceof ConfigError) deps.logger.warn('site.yml cannot be used: only /unsubscribe answers, on plain pages, until it is fixed', { error: loggedError(site), status: result.status });
  return { statusCode: result.status, headers: result.headers, body: result.body };
}

/** The problems of a site.yml that cannot be used as `check` names them (file, line, field, fix), the first few. */
function unusableSite(parsed: SiteParse | undefined, where: string): ConfigError {
  if (!parsed) return new ConfigError(`site.yml is missing from ${where} (upload it with broadsheet push-content)`);
  const listed = parsed.problems.slice(0, LOGGED_PROBLEMS).map(formatProblem).join('; ');
  const more = parsed.problems.length - LOGGED_PROBLEMS;
  return new ConfigError(`site.yml in ${where} has ${countOf(parsed.problems.length, 'problem', 'problems')}: ${listed}${more > 0 ? `; and ${more} more (broadsheet check lists them all)` : ''}`);
}

function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  return Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
}

/**
 * The rate limits' keys (lib/subscribers/clientKey.ts, networkKey.ts) of CloudFront's viewer address without its
 * port: `IP:port`, an IPv6 address unbracketed (`2001:db8::1:443`).
 */
function clientNames(event: APIGatewayProxyEventV2): { client: string; network: string } {
  const address = header(event, 'cloudfront-viewer-address')?.trim().replace(/:\d+$/, '') ?? event.requestContext?.http?.sourceIp ?? 'unknown';
  return { client: clientKey(address), network: networkKey(address) };
}

const fallbackLogger = createLogger('broadsheet-subscribe');

function defaultDeps(): SubscribeDeps {
  const config = readSubscribeConfig(process.env);
  return {
    config,
    s3: createS3Client(s3ClientOptions(config.s3)),
    ses: createSesClient({ ...(config.s3.region ? { region: config.s3.region } : {}), ...(config.sesEndpoint ? { endpoint: config.sesEndpoint } : {}) }),
    ssm: createSsmClient(config.s3.region),
    logger: fallbackLogger,
  };
}

/** The signup function (serverless.yml, subscribe). */
export const handler = createSubscribeHandler(defaultDeps, SIGNUP_PATHS);
/** The links function (serverless.yml, subscriberLinks): the same code, its own instances. */
export const linksHandler = createSubscribeHandler(defaultDeps, LINK_PATHS);
