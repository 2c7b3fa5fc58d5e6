import type { Context } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { loggedError } from './loggedError.js';

/**
 * An event handler's dependencies, made on its first invocation from the environment. A missing or malformed
 * variable fails that (a ConfigError naming it): logged as one `configuration error` line with the request's context,
 * then thrown, rather than left to the runtime's stack trace; the HTTP functions (trigger, subscribe) answer 503
 * instead. Made again on the next invocation, so a corrected variable (a redeploy) is read.
 */
export function handlerDeps<T>(make: () => T, logger: Logger): (context: Context) => T {
  let deps: T | undefined;
  return (context) => {
    if (deps !== undefined) return deps;
    try {
      deps = make();
    } catch (error) {
      logger.addContext(context);
      logger.error('configuration error', { error: loggedError(error) });
      throw error;
    }
    return deps;
  };
}
