import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs, one line per event, each with the Lambda request id once `addContext` ran.
 * Never pass headers, tokens or credentials to a log call: log the facts (route, status, counts) only.
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName, logLevel: 'INFO' });
}
