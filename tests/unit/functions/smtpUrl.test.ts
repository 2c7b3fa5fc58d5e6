import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { readDeliveryConfig } from '../../../functions/digestEnv.js';
import { readSmtpUrl } from '../../../functions/smtpUrl.js';

const BASE = { CONTENT_BUCKET: 'content-bucket', SITE_BUCKET: 'site-bucket', SUBSCRIBERS_PREFIX: '_subscribers/' };
const PASSWORD = 'app-password-1234';

function ssmHolding(value: string): SSMClient {
  const ssm = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  mockClient(ssm).on(GetParameterCommand, { Name: '/b/smtp-url', WithDecryption: true }).resolves({ Parameter: { Value: value } });
  return ssm;
}

describe('SMTP_URL_PARAMETER', () => {
  it('is read as an SSM path, and refused otherwise naming the variable', () => {
    expect(readDeliveryConfig({ ...BASE, SMTP_URL_PARAMETER: '/b/smtp-url' }).smtpUrlParameter).toBe('/b/smtp-url');
    expect(readDeliveryConfig(BASE).smtpUrlParameter).toBeUndefined();
    expect(() => readDeliveryConfig({ ...BASE, SMTP_URL_PARAMETER: 'smtp-url' })).toThrow(/^SMTP_URL_PARAMETER: "smtp-url" is not an SSM parameter path/);
  });

  it('gives the URL the parameter holds', async () => {
    const url = `smtps://digest%40watch.example.org:${PASSWORD}@smtp.example.org:465`;
    expect(await readSmtpUrl(readDeliveryConfig({ ...BASE, SMTP_URL_PARAMETER: '/b/smtp-url' }), ssmHolding(url), 1_000)).toBe(url);
  });

  it('refuses a value that is no smtp(s) URL, naming the parameter and never the value', async () => {
    const config = readDeliveryConfig({ ...BASE, SMTP_URL_PARAMETER: '/b/smtp-url' });
    const error = await readSmtpUrl(config, ssmHolding(`https://digest:${PASSWORD}@smtp.example.org/`), 1_000).catch((thrown: Error) => thrown);
    expect(error).toMatchObject({ name: 'ParameterError', parameter: '/b/smtp-url', variable: 'SMTP_URL_PARAMETER', message: "SMTP_URL_PARAMETER: the SSM parameter /b/smtp-url: its value must start with smtp:// or smtps://: read -rs SMTP_URL (type smtps://user:password@smtp.example.org:465, unechoed), then printf '%s' \"$SMTP_URL\" | aws ssm put-parameter --name /b/smtp-url --type SecureString --value file:///dev/stdin --overwrite" });
    expect((error as Error).message).not.toContain(PASSWORD);
  });

  it("never quotes a part of the value a check names: a `?` unescaped in the password starts the URL's query", async () => {
    const config = readDeliveryConfig({ ...BASE, SMTP_URL_PARAMETER: '/b/smtp-url' });
    const put = "read -rs SMTP_URL (type smtps://user:password@smtp.example.org:465, unechoed), then printf '%s' \"$SMTP_URL\" | aws ssm put-parameter --name /b/smtp-url --type SecureString --value file:///dev/stdin --overwrite";
    const hint = '(a ? or # in the user name or password is written %3F or %23)';
    // The password `587?Tr0ub4dor-and-3`: the URL's query is its tail and the host, a name no setting has.
    const named = await readSmtpUrl(config, ssmHolding('smtp://mail:587?Tr0ub4dor-and-3@smtp.example.org:587'), 1_000).catch((thrown: Error) => thrown);
    expect((named as Error).message).toMatch(/^SMTP_URL_PARAMETER: the SSM parameter \/b\/smtp-url: its value's query sets \(not shown\), which is no setting of an SMTP connection \(known: [^)]*\) \(a \? or # /);
    expect((named as Error).message.endsWith(`${hint}: ${put}`)).toBe(true);
    // The password `587?socketTimeout=Tr0ub4dor`: the query's value of a known setting, not a number.
    const valued = await readSmtpUrl(config, ssmHolding('smtp://mail:587?socketTimeout=Tr0ub4dor@smtp.example.org:587'), 1_000).catch((thrown: Error) => thrown);
    expect((valued as Error).message).toBe(`SMTP_URL_PARAMETER: the SSM parameter /b/smtp-url: its value sets socketTimeout=(not shown), which is not a number of milliseconds (write e.g. socketTimeout=10000, or leave it out for the default) ${hint}: ${put}`);
    for (const error of [named, valued]) expect((error as Error).message).not.toContain('Tr0ub4dor');
  });

  it("names a misspelt key of the value's query, with the known ones, never its value nor the password", async () => {
    const config = readDeliveryConfig({ ...BASE, SMTP_URL_PARAMETER: '/b/smtp-url' });
    const put = "read -rs SMTP_URL (type smtps://user:password@smtp.example.org:465, unechoed), then printf '%s' \"$SMTP_URL\" | aws ssm put-parameter --name /b/smtp-url --type SecureString --value file:///dev/stdin --overwrite";
    const error = await readSmtpUrl(config, ssmHolding(`smtps://digest%40watch.example.org:${PASSWORD}@smtp.example.org:465?secrue=Tr0ub4dor`), 1_000).catch((thrown: Error) => thrown);
    expect(error).toMatchObject({ name: 'ParameterError', parameter: '/b/smtp-url' });
    expect((error as Error).message).toMatch(/^SMTP_URL_PARAMETER: the SSM parameter \/b\/smtp-url: its value's query sets secrue, which is no setting of an SMTP connection: correct or remove it \(known: connectionTimeout, [^)]*\): /);
    expect((error as Error).message.endsWith(`: ${put}`)).toBe(true);
    for (const secret of [PASSWORD, 'Tr0ub4dor', 'watch.example.org']) expect((error as Error).message).not.toContain(secret);
  });

  it('without it or SMTP_URL, says to keep the URL in SSM', async () => {
    await expect(readSmtpUrl(readDeliveryConfig(BASE), undefined, 1_000)).rejects.toThrow(/^site\.yml says digest\.transport: smtp, but the function has no SMTP URL: put smtp:\/\/user:password@host:587 in an SSM SecureString/);
  });
});
