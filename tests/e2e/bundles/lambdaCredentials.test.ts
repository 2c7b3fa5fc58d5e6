import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultProvider } from '../../../functions/aws/lambdaCredentials.js';

// What the Lambda bundles use in place of the SDK's default credential chain (serverless.yml alias).
const VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'];
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
function setEnv(values: Record<string, string>): void {
  for (const name of VARIABLES) delete process.env[name];
  Object.assign(process.env, values);
}
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

let server: Server;
let requests: string[] = [];
beforeAll(async () => {
  // A container credentials endpoint on loopback, as the SDK's fromHttp expects it (ECS/Lambda container shape).
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ AccessKeyId: 'ASIACONTAINER', SecretAccessKey: 'container-secret', Token: 'container-token', Expiration: new Date(Date.now() + 3_600_000).toISOString() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the Lambda credentials provider', () => {
  it("returns the role's credentials Lambda puts in the environment", async () => {
    setEnv({ AWS_ACCESS_KEY_ID: 'ASIAENV', AWS_SECRET_ACCESS_KEY: 'env-secret', AWS_SESSION_TOKEN: 'env-token' });
    await expect(defaultProvider()()).resolves.toMatchObject({ accessKeyId: 'ASIAENV', secretAccessKey: 'env-secret', sessionToken: 'env-token' });
  });

  it('falls back to container credentials when the environment has no keys', async () => {
    requests = [];
    setEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${(server.address() as AddressInfo).port}/creds` });
    await expect(defaultProvider()()).resolves.toMatchObject({ accessKeyId: 'ASIACONTAINER', secretAccessKey: 'container-secret', sessionToken: 'container-token' });
    expect(requests).toEqual(['/creds']);
  });

  it('fails clearly with neither', async () => {
    setEnv({});
    await expect(defaultProvider()()).rejects.toThrow(/environment variable credentials/i);
  });
});
