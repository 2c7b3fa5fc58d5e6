import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { readS3Settings, readTriggerConfig, s3ClientOptions } from './config.js';
import { createS3Client } from '../lib/store/s3Client.js';
import { S3Store } from '../lib/store/s3Store.js';
import { createLambdaClient } from './lambdaClients.js';
import { createSsmClient } from './ssmClient.js';
import { readSecretParameter } from './ssmParameter.js';
import { loggedError } from './loggedError.js';
import { ConfigError, ParameterError } from '../lib/shared/errors.js';
import { keptFor } from './keptFor.js';
import { createLogger } from './logger.js';
import { dispatch, type Route, type TriggerServices } from './http/router.js';
import { problem, type HttpResponse } from './http/responses.js';
import { ANSWER_BUDGET_BYTES, payloadBytes } from './http/answerBudget.js';
import { ROUTES } from './routes/index.js';

export interface TriggerDeps extends TriggerServices {
  ssm: SSMClient;
  /** The bound on the token's read from SSM, retries included. Default TOKEN_TIMEOUT_MS. */
  tokenTimeoutMs?: number;
  /** How long a token read is kept before the next request reads it again. Default SECRET_MAX_AGE_MS. */
  tokenMaxAgeMs?: number;
  /** Milliseconds since the epoch, for the token's age. Default Date.now. */
  clock?: () => number;
}

/** A GetParameter is a small, quick call; a caller waiting longer than this gets 502 at once. */
export const TOKEN_TIMEOUT_MS = 2_000;

/**
 * The manual trigger: an HTTPS endpoint (Lambda Function URL) that checks the bearer token and hands the
 * request to a route (functions/routes/). The token lives in SSM Parameter Store as a SecureString and
 * is read again once SECRET_MAX_AGE_MS old (functions/keptFor.ts), within TOKEN_TIMEOUT_MS (a slow or hung SSM answers 502, not a
 * request held until the function's timeout). Logs carry the method, path, status and request id, never a header. An answer
 * over ANSWER_BUDGET_BYTES, which Lambda could not carry, is 500 saying so.
 */
export function createTriggerHandler(makeDeps: () => TriggerDeps = defaultDeps, routes: readonly Route[] = ROUTES) {
  let deps: TriggerDeps | undefined;
  let token: (() => Promise<string>) | undefined;
  return async (event: APIGatewayProxyEventV2, context: Context): Promise<HttpResponse> => {
    const logger = deps?.logger ?? fallbackLogger;
    logger.addContext(context);
    const method = event.requestContext?.http?.method ?? '?';
    const path = (event.rawPath ?? '?').slice(0, 200);
    let response: HttpResponse;
    let timer: NodeJS.Timeout | undefined;
    try {
      deps ??= makeDeps();
      // Once per logger and invocation: Powertools' cold_start is true only at a logger's first addContext.
      if (deps.logger !== logger) deps.logger.addContext(context);
      const services = deps;
      // Read again once a minute old; a failed or timed-out read is not kept, so the next request tries again.
      token ??= keptFor(() => readSecretParameter(services.ssm, { name: services.config.tokenParameter, variable: 'TOKEN_PARAMETER' }, services.tokenTimeoutMs ?? TOKEN_TIMEOUT_MS), services.tokenMaxAgeMs, services.clock);
      // Answered before Lambda's timeout would cut the request off with a bare 502 (S3's retries alone can outlast it);
      // a route waiting for another function gives up sooner, with its own answer.
      const secret = await token();
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), Math.max(0, context.getRemainingTimeInMillis() - LATE_MARGIN_MS));
      });
      const answered = await Promise.race([dispatch(routes, event, context.awsRequestId, secret, services, () => context.getRemainingTimeInMillis()), late]);
      if (answered === undefined) logger.error('request timed out', { method, path });
      response = answered ?? problem(504, `the trigger could not answer within its time (an AWS service is slow); see its logs for request ${context.awsRequestId}, and GET /runs before asking again`);
      // Over Lambda's 6 MB, the caller would get Lambda's bare 502 and the log nothing: said here instead.
      const bytes = payloadBytes(response);
      if (bytes > ANSWER_BUDGET_BYTES) {
        logger.error('answer too large', { method, path, status: response.statusCode, bytes });
        response = problem(500, `the answer would take ${bytes} bytes, more than the trigger sends (${ANSWER_BUDGET_BYTES} bytes: Lambda answers at most 6 MB); see its logs for request ${context.awsRequestId}`);
      }
    } catch (error) {
      logger.error('request failed', { error: loggedError(error), method, path });
      // A setup to fix (a variable, the token's parameter) is the deployment's fault; anything else, a service's.
      const setup = error instanceof ConfigError || (error instanceof ParameterError && !error.transient);
      response = problem(setup ? 500 : 502, `internal error; see the trigger's logs for request ${context.awsRequestId}`);
    }
    clearTimeout(timer);
    logger.info('request', { method, path, status: response.statusCode });
    return response;
  };
}

/** What the trigger keeps of its time to log and answer 504 when a request has not been answered. */
export const LATE_MARGIN_MS = 1_000;

const fallbackLogger = createLogger('broadsheet-trigger');

function defaultDeps(): TriggerDeps {
  const config = readTriggerConfig(process.env);
  const runs = config.siteBucket ? new S3Store(createS3Client(s3ClientOptions(config.s3 ?? readS3Settings(process.env))), config.siteBucket, config.sitePrefix ?? '') : undefined;
  return { config, lambda: createLambdaClient(config.region), ssm: createSsmClient(config.region), logger: fallbackLogger, ...(runs ? { runs } : {}) };
}

export const handler = createTriggerHandler();
