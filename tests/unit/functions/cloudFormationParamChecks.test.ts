import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ParamChecks, { paramProblems } from '../../../scripts/paramChecks.mjs';
import { REPO } from '../../support/cli.js';

// The params no function reads, which CloudFormation would refuse midway through a deploy: refused when packaged.
describe('the params CloudFormation takes as they are, checked when the stack is packaged', () => {
  it("refuses a priceClass that is not one of CloudFront's three (CloudFront API Reference, DistributionConfig)", async () => {
    for (const value of ['PriceClass_100', 'PriceClass_200', 'PriceClass_All']) expect(await paramProblems({ priceClass: value }), value).toEqual([]);
    for (const value of ['PriceClass_50', 'priceclass_100', 'All', '']) {
      expect(await paramProblems({ priceClass: value }), value).toEqual([`--param priceClass=${value} is not one of CloudFront's price classes (PriceClass_100, PriceClass_200, PriceClass_All), and CloudFormation would refuse the distribution midway through the deploy (give --param priceClass=PriceClass_100, the default)`]);
    }
  });

  it('refuses version days that are not a whole number from 1 (S3 API Reference, NoncurrentVersionExpiration)', async () => {
    for (const param of ['contentVersionDays', 'siteVersionDays']) {
      for (const value of [1, '30', 3650]) expect(await paramProblems({ [param]: value }), `${param}=${value}`).toEqual([]);
      for (const value of ['0', '-1', '1.5', 'month', '']) {
        expect(await paramProblems({ [param]: value }), `${param}=${value}`).toEqual([expect.stringMatching(new RegExp(`^--param ${param}=${value} is not a whole number of days from 1, .*\\(give e\\.g\\. --param ${param}=30, the default\\)$`))]);
      }
    }
  });

  it('refuses a digestBatchReceives outside SQS’s 1 to 1,000 (SQS Developer Guide, "Using dead-letter queues")', async () => {
    for (const value of ['1', 5, '1000']) expect(await paramProblems({ digestBatchReceives: value }), String(value)).toEqual([]);
    for (const value of ['0', '1001', '2.5', 'five', '']) {
      expect(await paramProblems({ digestBatchReceives: value }), value).toEqual([expect.stringMatching(new RegExp(`^--param digestBatchReceives=${value} is not a whole number from 1 to 1000, .*\\(give e\\.g\\. --param digestBatchReceives=5, the default\\)$`))]);
    }
  });

  it('reads them where serverless.yml puts them, and refuses before packaging', async () => {
    const yml = await readFile(join(REPO, 'serverless.yml'), 'utf8');
    // Each param in the one place the plugin reads it from.
    const placed = (resource: string, key: string, param: string) => new RegExp(`\\n {4}${resource}:\\n(?: {6,}.*\\n|\\s*\\n)*? +${key}: \\$\\{param:${param}\\}\\n`);
    expect(yml).toMatch(placed('SiteDistribution', 'PriceClass', 'priceClass'));
    expect(yml).toMatch(placed('S3BucketContent', 'NoncurrentDays', 'contentVersionDays'));
    expect(yml).toMatch(placed('SiteBucket', 'NoncurrentDays', 'siteVersionDays'));
    expect(yml).toMatch(placed('DigestBatchesQueue', 'maxReceiveCount', 'digestBatchReceives'));
    for (const param of ['priceClass', 'contentVersionDays', 'siteVersionDays', 'digestBatchReceives']) expect(yml.split(`\${param:${param}}`), param).toHaveLength(2);

    const expire = (days: unknown) => ({ Properties: { LifecycleConfiguration: { Rules: [{ Id: 'ExpireIncompleteUploads' }, { Id: 'ExpireOldVersions', NoncurrentVersionExpiration: { NoncurrentDays: days } }] } } });
    const service = (priceClass: string, contentDays: unknown, siteDays: unknown, receives: unknown) => ({
      functions: {},
      resources: {
        extensions: { S3BucketContent: expire(contentDays) },
        Resources: { SiteDistribution: { Properties: { DistributionConfig: { PriceClass: priceClass } } }, SiteBucket: expire(siteDays), DigestBatchesQueue: { Properties: { RedrivePolicy: { maxReceiveCount: receives } } } },
      },
    });
    class PluginError extends Error {}
    const refusal = await new ParamChecks({ service: service('PriceClass_50', '0', 'week', '0'), classes: { Error: PluginError } }).hooks['before:package:initialize']!().then(() => undefined, (error: unknown) => error as Error);
    expect(refusal).toBeInstanceOf(PluginError);
    expect(refusal!.message.split('\n').map((line) => /^--param (\w+=\w*)/.exec(line)?.[1] ?? line)).toEqual(['Nothing was packaged:', 'priceClass=PriceClass_50', 'contentVersionDays=0', 'siteVersionDays=week', 'digestBatchReceives=0']);
    await expect(new ParamChecks({ service: service('PriceClass_100', 30, 30, 5), classes: { Error: PluginError } }).hooks['before:package:initialize']!()).resolves.toBeUndefined();
  });
});
