import { requestBounds, type CliRequestBounds } from './requestBounds.js';

/**
 * How the CLI's SES client for reading the contact list (ListContacts) waits and retries: as its S3 requests, so that
 * an endpoint that takes the connection and never answers fails the listing in about 30 s. Only the listing:
 * SendEmail keeps the bounds the digest function shares, from which the sender's time reserve per message is worked out.
 */
export function cliSesListBounds(env: NodeJS.ProcessEnv): CliRequestBounds {
  return requestBounds(env, { attempts: 'SES_LIST_MAX_ATTEMPTS', timeoutMs: 'SES_LIST_REQUEST_TIMEOUT_MS' });
}

/** How the listing's bounds are set, for the message of a listing that got no answer. */
export const CLI_SES_LIST_BOUNDS_SET_BY = 'SES_LIST_REQUEST_TIMEOUT_MS and SES_LIST_MAX_ATTEMPTS set these';
