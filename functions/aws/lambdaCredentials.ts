import { fromEnv, type FromEnvInit } from '@aws-sdk/credential-provider-env';
import { fromHttp, type FromHttpOptions } from '@aws-sdk/credential-provider-http';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

/**
 * Bundled in place of `@aws-sdk/credential-provider-node` (serverless.yml, custom.esbuild alias), in the Lambda
 * bundles only: the CLI and the tests use the SDK's full chain.
 *
 * Lambda hands a function its role's credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN), for the life of the execution environment. The default chain's other links (SSO, shared
 * INI files, credential_process, web identity, instance metadata) never run there, yet with the STS, SSO-OIDC and
 * sign-in clients they load they weigh on every bundle's size and import time (docs/benchmarks.md).
 * Container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI or _RELATIVE_URI, without keys in the environment) stay
 * as the fallback.
 */
export function defaultProvider(init: FromEnvInit & FromHttpOptions = {}): AwsCredentialIdentityProvider {
  const env = process.env;
  const container = env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
  if (!env.AWS_ACCESS_KEY_ID && container) return fromHttp(init);
  return fromEnv(init);
}
