import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSsmClient } from '../../../functions/ssmClient.js';
import { readSecretParameter } from '../../../functions/ssmParameter.js';
import { ParameterError } from '../../../lib/shared/errors.js';
import { serveAws, type LoopbackAws } from '../../support/loopbackLambda.js';

// SSM's GetParameter on loopback, answering as SSM does: a missing parameter with a bare {"__type": "ParameterNotFound"}
// (which the SDK reads as the message "UnknownError"), a role without the grant with AccessDeniedException.
const SECRET = 'a-secret-long-enough-1234567890';
let aws: LoopbackAws;
beforeAll(async () => {
  aws = await serveAws({}, { '/b/secret': SECRET, '/b/short': 'short-secret', '/b/short-origin': 'short-origin', '/b/denied': { error: 'AccessDeniedException' } });
});
afterAll(() => aws?.close());
const ssm = () => createSsmClient('us-east-1', { endpoint: aws.url, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const failure = (name: string, variable = 'SECRET_PARAMETER') => readSecretParameter(ssm(), { name, variable }, 2_000).then(() => new ParameterError('read', { parameter: name, variable, transient: false }), (error: unknown) => error as ParameterError);

describe('a secret read from SSM', () => {
  it('is the value the parameter holds', async () => {
    expect(await readSecretParameter(ssm(), { name: '/b/secret', variable: 'SECRET_PARAMETER' }, 2_000)).toBe(SECRET);
  });

  it('missing: names the parameter and its variable, and says how to create it', async () => {
    const error = await failure('/b/missing');
    expect(error).toBeInstanceOf(ParameterError);
    expect(error).toMatchObject({ parameter: '/b/missing', variable: 'SECRET_PARAMETER', transient: false });
    expect(error.message).toBe(`SECRET_PARAMETER: the SSM parameter /b/missing does not exist in this function's account and region: create it with printf '%s' "$(openssl rand -base64 32)" | aws ssm put-parameter --name /b/missing --type SecureString --value file:///dev/stdin (or deploy with the param naming the one you have)`);
  });

  it('of another kind: the command stores it as its function reads it', async () => {
    expect((await failure('/b/origin', 'ORIGIN_SECRET_PARAMETER')).message).toContain(`create it with printf '%s' "$(openssl rand -hex 32)" | aws ssm put-parameter --name /b/origin --type String --value file:///dev/stdin (`);
    // The URL holds a password: typed unechoed, on no command line.
    expect((await failure('/b/smtp', 'SMTP_URL_PARAMETER')).message).toContain(`create it with read -rs SMTP_URL (type smtps://user:password@smtp.example.org:465, unechoed), then printf '%s' "$SMTP_URL" | aws ssm put-parameter --name /b/smtp --type SecureString --value file:///dev/stdin (`);
  });

  it('not granted: names the parameter and the grant, not the role SSM quotes', async () => {
    const error = await failure('/b/denied');
    expect(error).toMatchObject({ name: 'ParameterError', parameter: '/b/denied', variable: 'SECRET_PARAMETER', transient: false });
    expect(error.message).toMatch(/^SECRET_PARAMETER: this function's role may not read the SSM parameter \/b\/denied \(AccessDeniedException\): deploy again with the param naming it/);
  });

  it('too short: names the parameter, never its value, and says how to replace it', async () => {
    const error = await failure('/b/short');
    expect(error).toMatchObject({ parameter: '/b/short', transient: false });
    expect(error.message).toMatch(/^SECRET_PARAMETER: the SSM parameter \/b\/short must hold a secret of at least 16 characters .*: printf '%s' "\$\(openssl rand -base64 32\)" \| aws ssm put-parameter --name \/b\/short --type SecureString --value file:\/\/\/dev\/stdin --overwrite$/);
    expect(error.message).not.toContain('short-secret');
  });

  it('too short, the origin secret: a new name and a deploy, since CloudFront never sees a value overwritten in place', async () => {
    const error = await failure('/b/short-origin', 'ORIGIN_SECRET_PARAMETER');
    expect(error.message).toBe('ORIGIN_SECRET_PARAMETER: the SSM parameter /b/short-origin must hold a secret of at least 16 characters (a short one could be guessed): store a longer one under a new name, printf \'%s\' "$(openssl rand -hex 32)" | aws ssm put-parameter --name /b/short-origin-2 --type String --value file:///dev/stdin, and deploy with --param originSecretParameter=/b/short-origin-2 (README, "To change the origin secret"): a value overwritten in place never reaches CloudFront');
    expect(error.message).not.toContain('--overwrite');
  });

  it('unanswered: transient, naming the parameter', async () => {
    const down = createSsmClient('us-east-1', { endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const error = await readSecretParameter(down, { name: '/b/secret', variable: 'TOKEN_PARAMETER' }, 2_000).then(() => new ParameterError('read', { parameter: '', variable: '', transient: false }), (thrown: unknown) => thrown as ParameterError);
    expect(error).toMatchObject({ name: 'ParameterError', parameter: '/b/secret', variable: 'TOKEN_PARAMETER', transient: true });
    expect(error.message).toMatch(/^TOKEN_PARAMETER: SSM (failed|did not answer) GetParameter \/b\/secret/);
  });
});
