import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ParamChecks, { paramProblems } from '../../../scripts/paramChecks.mjs';
import { readPublishConfig, readTriggerConfig, type Environment } from '../../../functions/config.js';
import { readSubscribeConfig } from '../../../functions/subscribeConfig.js';
import { readDeliveryConfig } from '../../../functions/digestEnv.js';
import { REPO } from '../../support/cli.js';

// The params a deployed function reads through its environment and refuses at its first request or run: packaging
// refuses them instead, by the functions' own readers.
const BUCKETS = { CONTENT_BUCKET: 'content-bucket', SITE_BUCKET: 'site-bucket' };
const SUBSCRIBE = { ...BUCKETS, SECRET_PARAMETER: '/b/secret', ORIGIN_SECRET_PARAMETER: '/b/origin' };
const refuses = (read: (env: Environment) => unknown, env: Environment) => {
  try {
    read(env);
    return false;
  } catch {
    return true;
  }
};

/** Each param with the function reader that reads it, given the environment serverless.yml gives that function. */
const READERS: Record<string, (value: string) => boolean> = {
  tokenParameter: (value) => refuses(readTriggerConfig, { PUBLISH_FUNCTION_NAME: 'publish', DIGEST_FUNCTION_NAME: 'digest', TOKEN_PARAMETER: value }),
  subscribeSecretParameter: (value) => refuses(readSubscribeConfig, { ...SUBSCRIBE, SECRET_PARAMETER: value }) || refuses(readDeliveryConfig, { ...BUCKETS, SUBSCRIBERS_PREFIX: '_subscribers/', SECRET_PARAMETER: value }),
  originSecretParameter: (value) => refuses(readSubscribeConfig, { ...SUBSCRIBE, ORIGIN_SECRET_PARAMETER: value }),
  smtpUrlParameter: (value) => refuses(readDeliveryConfig, { ...BUCKETS, SUBSCRIBERS_PREFIX: '_subscribers/', SMTP_URL_PARAMETER: value }),
  sesConfigurationSet: (value) => refuses(readDeliveryConfig, { ...BUCKETS, SUBSCRIBERS_PREFIX: '_subscribers/', SES_CONFIGURATION_SET: value }) || refuses(readSubscribeConfig, { ...SUBSCRIBE, SES_CONFIGURATION_SET: value }),
  skipInvalid: (value) => refuses(readPublishConfig, { ...BUCKETS, SKIP_INVALID: value }),
  siteUrl: (value) => refuses(readPublishConfig, { ...BUCKETS, SITE_URL: value }),
};

const VALUES = ['broadsheet-prod', 'broadsheet prod', 'x'.repeat(65), '/broadsheet/prod/trigger-token', 'broadsheet/prod/trigger-token', 'trigger-token', '/broadsheet/prod/a b', ' /broadsheet/x ', '', 'true', 'false', 'TRUE', '0', 'yes', 'https://watch.example.org/', 'https://watch.example.org/?a=1', 'http://watch.example.org/', 'watch.example.org'];

describe('the params that name SSM parameters, the configuration set, and the publish function’s, checked when the stack is packaged', () => {
  for (const [param, functionRefuses] of Object.entries(READERS)) {
    it(`refuses a ${param} exactly when the functions reading it would, naming the param`, async () => {
      // An empty sesConfigurationSet the functions read as none, refused apart (below).
      const values = param === 'sesConfigurationSet' ? VALUES.filter((value) => value.trim() !== '') : VALUES;
      const refused = values.filter((value) => functionRefuses(value));
      // Each reader refuses some of these and takes others: the comparison below is not one-sided.
      expect(refused.length, param).toBeGreaterThan(0);
      expect(refused.length, param).toBeLessThan(values.length);
      for (const value of values) {
        const problems = await paramProblems({ [param]: value });
        expect(problems.length > 0, `${param}=${value}`).toBe(functionRefuses(value));
        for (const problem of problems) expect(problem).toMatch(new RegExp(`^--param ${param}=`));
      }
    });
  }

  it('refuses an empty sesConfigurationSet, which the functions read as none and send through no set, so no bounce or complaint reaches the ses-feedback function', async () => {
    const env = { ...BUCKETS, SUBSCRIBERS_PREFIX: '_subscribers/' };
    for (const value of ['', ' ']) {
      // Taken, as no configuration set: nothing the functions refuse at a run.
      expect(readDeliveryConfig({ ...env, SES_CONFIGURATION_SET: value }).sesConfigurationSet, `digest: "${value}"`).toBeUndefined();
      expect(readSubscribeConfig({ ...SUBSCRIBE, SES_CONFIGURATION_SET: value }).sesConfigurationSet, `subscribe: "${value}"`).toBeUndefined();
      expect(await paramProblems({ sesConfigurationSet: value })).toEqual([
        `--param sesConfigurationSet=${value} is empty: the digest, digest-sender and subscribe functions would send through no configuration set, and no bounce or complaint would reach the ses-feedback function to unsubscribe the address (give --param sesConfigurationSet=broadsheet-STAGE, the default with your stage, or leave it out)`,
      ]);
    }
    // serverless.yml always makes the configuration set, its events' only way to the ses-feedback function.
    const yml = await readFile(join(REPO, 'serverless.yml'), 'utf8');
    expect(yml).toMatch(/\n {4}SesConfigurationSet:\n {6}Type: AWS::SES::ConfigurationSet\n {6}Properties:\n {8}Name: \$\{param:sesConfigurationSet\}\n/);
    expect(yml).toMatch(/\n {4}sesConfigurationSet: broadsheet-\$\{sls:stage\}\n/);
    expect(await paramProblems({ sesConfigurationSet: 'broadsheet-prod' })).toEqual([]);
  });

  it('refuses an invalidateCdn other than true or false, which serverless.yml’s condition would read as false', async () => {
    const yml = await readFile(join(REPO, 'serverless.yml'), 'utf8');
    expect(yml).toContain("InvalidateCdn: !Equals ['${param:invalidateCdn}', 'true']");
    for (const value of ['true', 'false']) expect(await paramProblems({ invalidateCdn: value }), value).toEqual([]);
    for (const value of ['True', 'yes', '1', '']) expect(await paramProblems({ invalidateCdn: value }), value).toEqual([`--param invalidateCdn=${value} is neither true nor false, and would turn the CDN's invalidation off (give --param invalidateCdn=true, the default, or false)`]);
  });

  it('reads them where serverless.yml puts them, and refuses before packaging', async () => {
    const yml = await readFile(join(REPO, 'serverless.yml'), 'utf8');
    for (const [variable, param] of [['SES_CONFIGURATION_SET', 'sesConfigurationSet'], ['TOKEN_PARAMETER', 'tokenParameter'], ['SECRET_PARAMETER', 'subscribeSecretParameter'], ['ORIGIN_SECRET_PARAMETER', 'originSecretParameter'], ['SMTP_URL_PARAMETER', 'smtpUrlParameter'], ['SKIP_INVALID', 'skipInvalid'], ['SITE_URL', 'siteUrl']]) {
      expect(yml, variable).toContain(`${variable}: \${param:${param}}`);
    }
    const service = {
      functions: {
        publish: { environment: { SKIP_INVALID: 'yes', SITE_URL: 'http://watch.example.org/' } },
        trigger: { environment: { TOKEN_PARAMETER: 'trigger-token' } },
        subscribe: { environment: { SECRET_PARAMETER: 'unsubscribe-secret', ORIGIN_SECRET_PARAMETER: 'origin-secret' } },
        digestSender: { environment: { SMTP_URL_PARAMETER: 'smtp-url', SES_CONFIGURATION_SET: 'broadsheet prod' } },
      },
      resources: { Conditions: { InvalidateCdn: { 'Fn::Equals': ['True', 'true'] } } },
    };
    class PluginError extends Error {}
    const plugin = new ParamChecks({ service, classes: { Error: PluginError } });
    const refusal = await plugin.hooks['before:package:initialize']!().then(() => undefined, (error: unknown) => error as Error);
    expect(refusal).toBeInstanceOf(PluginError);
    const lines = refusal!.message.split('\n');
    expect(lines[0]).toBe('Nothing was packaged:');
    expect(lines.slice(1).map((line) => /^--param (\w+)=/.exec(line)?.[1])).toEqual(['sesConfigurationSet', 'tokenParameter', 'subscribeSecretParameter', 'originSecretParameter', 'smtpUrlParameter', 'skipInvalid', 'siteUrl', 'invalidateCdn']);
    expect(lines[2]).toContain('TOKEN_PARAMETER: "trigger-token" is not an SSM parameter path');
  });
});
