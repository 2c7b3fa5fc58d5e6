import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ParamChecks, { paramProblems } from '../../../scripts/paramChecks.mjs';
import { REPO } from '../../support/cli.js';

// Params no function reads, which CloudFormation would refuse midway through a deploy, after the upload: the alarms'
// e-mail subscription (SNS takes an address) and the buckets (S3's naming rules; osls holds the content bucket to
// awsS3BucketName, which lets S3's reserved prefixes and suffixes through).

/** osls's own definition of a bucket's name, as its AWS provider gives its schema handler (the one the plugin reads). */
const oslsRequire = createRequire(import.meta.url);
const ConfigSchemaHandler = oslsRequire('osls/lib/classes/config-schema-handler/index.js');
const AwsProvider = oslsRequire('osls/lib/plugins/aws/provider.js');
function oslsSchemaHandler() {
  const serverless: Record<string, unknown> = { setProvider: () => undefined, service: { provider: { name: 'aws' } }, processedInput: { options: {} }, configurationInput: {} };
  serverless.configSchemaHandler = new ConfigSchemaHandler(serverless);
  new AwsProvider(serverless, {});
  return serverless.configSchemaHandler as { schema: { definitions: Record<string, { pattern: string; minLength: number; maxLength: number }> } };
}
const BUCKET_NAME = oslsSchemaHandler().schema.definitions.awsS3BucketName!;

describe('--param alertEmail, checked when the stack is packaged', () => {
  it('takes one address, or none', async () => {
    for (const value of ['ops@example.org', 'Ops.Team@Example.org', 'ops+alarms@alerts.example.org', '']) expect(await paramProblems({ alertEmail: value }), value).toEqual([]);
  });

  it('refuses what is no address, naming why and the fix', async () => {
    const refused = { ops: 'no "@"', 'ops@example': '"example" is not a domain name', 'ops@': '"" is not a domain name', 'ops@example.org, dev@example.org': 'group or list syntax ("name:", ";" or ",") is not an address' };
    for (const [value, why] of Object.entries(refused)) {
      expect(await paramProblems({ alertEmail: value }), value).toEqual([
        `--param alertEmail=${value} is not an e-mail address: ${why}; SNS would refuse the alarms' e-mail subscription midway through the deploy (give one address, e.g. --param alertEmail=ops@example.org, or leave it out for no subscription)`,
      ]);
    }
  });

  it('refuses an address with a display name or spaces around it, giving the address alone', async () => {
    for (const value of ['Ops <ops@example.org>', ' ops@example.org']) {
      expect(await paramProblems({ alertEmail: value }), value).toEqual([`--param alertEmail=${value} is not an e-mail address: it holds more than the address; SNS would refuse the alarms' e-mail subscription midway through the deploy (give --param alertEmail=ops@example.org)`]);
    }
  });
});

/** S3's reserved prefixes and suffixes (S3 User Guide, "General purpose bucket naming rules"), which awsS3BucketName takes. */
const RESERVED = ['xn--site', 'sthree-site', 'sthree-configurator-site', 'amzn-s3-demo-site', 'site-s3alias', 'site--ol-s3', 'site.mrap', 'site--x-s3', 'site--table-s3'];

describe('osls, packaging the content bucket (provider.s3)', () => {
  it("takes a name with S3's reserved prefixes and suffixes: its rule cannot be all the check", () => {
    const pattern = new RegExp(BUCKET_NAME.pattern);
    for (const value of RESERVED) expect(pattern.test(value) && value.length >= BUCKET_NAME.minLength && value.length <= BUCKET_NAME.maxLength, value).toBe(true);
  });
});

describe('--param contentBucket, checked when the stack is packaged', () => {
  const check = (contentBucket: string) => paramProblems({ contentBucket }, { bucketName: BUCKET_NAME });

  it('takes a name S3 takes', async () => {
    for (const value of ['example-broadsheet-content', 'abc', 'content.example.org', 'xn-content', 'site-s3alias-content', 'sthree']) expect(await check(value), value).toEqual([]);
  });

  it("refuses S3's reserved prefixes and suffixes, and what osls's rule refuses, naming the param and the README's example as the fix", async () => {
    for (const value of [...RESERVED, 'Bad_Name']) {
      expect(await check(value), value).toEqual([expect.stringMatching(new RegExp(`^--param contentBucket=${value.replace(/\./g, '\\.')} is not an S3 bucket name \\(3 to 63 lower-case letters, .*not starting with xn--, sthree-, amzn-s3-demo- nor ending with -s3alias, --ol-s3, \\.mrap, --x-s3, --table-s3\\): CloudFormation would refuse the bucket midway through the deploy \\(give e\\.g\\. --param contentBucket=[a-z0-9.-]+\\)$`))]);
    }
    expect(await check('xn--content')).toEqual([expect.stringMatching(/\(give e\.g\. --param contentBucket=example-broadsheet-content\)$/)]);
  });
});

describe('--param siteBucket, checked when the stack is packaged by the rule osls holds contentBucket to', () => {
  const check = (siteBucket: string) => paramProblems({ siteBucket }, { bucketName: BUCKET_NAME });

  it('takes a name S3 takes (S3 User Guide, "General purpose bucket naming rules")', async () => {
    for (const value of ['example-broadsheet-site', 'abc', 'a'.repeat(63), 'site.example.org', 'broadsheet-2014', '1site']) expect(await check(value), value).toEqual([]);
  });

  it("refuses one S3 does not, each rule in turn: characters, length, ends, dots, an IP address, S3's own prefixes and suffixes", async () => {
    const refused = ['Bad_Name', 'UPPER', 'ab', 'a'.repeat(64), '-site', 'site-', '.site', 'site..example', '192.168.5.4', 'xn--site', 'sthree-site', 'amzn-s3-demo-site', 'site-s3alias', 'site--ol-s3', 'site.mrap', 'site--x-s3', 'site--table-s3', ''];
    for (const value of refused) {
      expect(await check(value), value).toEqual([expect.stringMatching(new RegExp(`^--param siteBucket=${value.replace(/\./g, '\\.')} is not an S3 bucket name \\(3 to 63 lower-case letters, .*\\): CloudFormation would refuse the bucket midway through the deploy \\(give e\\.g\\. --param siteBucket=[a-z0-9.-]+\\)$`))]);
    }
  });

  it('gives the name in lower case with hyphens for the characters S3 does not take, when that is a name, and the fix is taken', async () => {
    for (const [value, fix] of [['Bad_Name', 'bad-name'], ['My Site', 'my-site'], ['Site.Example.org', 'site.example.org'], ['_site_', 'site']] as const) {
      expect(await check(value), value).toEqual([expect.stringMatching(new RegExp(`\\(give e\\.g\\. --param siteBucket=${fix.replace(/\./g, '\\.')}\\)$`))]);
      expect(await check(fix), fix).toEqual([]);
    }
    // Mended, still no name: a name of the README's.
    expect(await check('xn--site')).toEqual([expect.stringMatching(/\(give e\.g\. --param siteBucket=example-broadsheet-site\)$/)]);
  });
});

describe('alertEmail, contentBucket and siteBucket', () => {
  it('are read where serverless.yml puts them, the buckets by the rule osls gives, and refuse the packaging', async () => {
    const yml = await readFile(join(REPO, 'serverless.yml'), 'utf8');
    const placed = (resource: string, key: string, param: string) => new RegExp(`\\n {4}${resource}:\\n(?: {6,}.*\\n|\\s*\\n)*? +${key}: \\$\\{param:${param}\\}\\n`);
    expect(yml).toMatch(placed('AlertsEmailSubscription', 'Endpoint', 'alertEmail'));
    expect(yml).toMatch(placed('SiteBucket', 'BucketName', 'siteBucket'));
    expect(yml).toMatch(/\nprovider:\n(?: {2,}.*\n|\s*\n)*? {2}s3:\n {4}content:\n {6}name: \$\{param:contentBucket\}\n/);
    const service = (alertEmail: string, siteBucket: string, contentBucket = 'example-broadsheet-content') => ({ provider: { s3: { content: { name: contentBucket } } }, functions: {}, resources: { Resources: { AlertsEmailSubscription: { Properties: { Endpoint: alertEmail } }, SiteBucket: { Properties: { BucketName: siteBucket } } } } });
    class PluginError extends Error {}
    const configSchemaHandler = oslsSchemaHandler();
    const refusal = await new ParamChecks({ service: service('ops', 'Bad_Name', 'content--ol-s3'), classes: { Error: PluginError }, configSchemaHandler }).hooks['before:package:initialize']!().then(() => undefined, (error: unknown) => error as Error);
    expect(refusal).toBeInstanceOf(PluginError);
    expect(refusal!.message.split('\n').map((line) => /^--param (\w+=\S*)/.exec(line)?.[1] ?? line)).toEqual(['Nothing was packaged:', 'alertEmail=ops', 'contentBucket=content--ol-s3', 'siteBucket=Bad_Name']);
    await expect(new ParamChecks({ service: service('ops@example.org', 'example-broadsheet-site'), classes: { Error: PluginError }, configSchemaHandler }).hooks['before:package:initialize']!()).resolves.toBeUndefined();
    // The alarms' subscription is left out without an address: nothing to check.
    await expect(new ParamChecks({ service: service('', 'example-broadsheet-site'), classes: { Error: PluginError }, configSchemaHandler }).hooks['before:package:initialize']!()).resolves.toBeUndefined();
  });
});
