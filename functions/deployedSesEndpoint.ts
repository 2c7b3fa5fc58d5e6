import { sesEndpointName } from '../lib/delivery/sesEndpointName.js';

/**
 * How a function's SES messages and log lines name SES, in the CLI's words (sesEndpointName): SES_ENDPOINT where it is
 * set, else AWS's in the function's region. Lambda always sets AWS_REGION; without it, the CLI's default region.
 */
export function deployedSesEndpoint(endpoint: string | undefined, region: string | undefined): string {
  return sesEndpointName(endpoint, region ?? 'us-east-1');
}
