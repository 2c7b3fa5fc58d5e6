import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ParamChecks, { paramProblems } from '../../../scripts/paramChecks.mjs';
import { sesIdentityArnOf } from '../../../functions/sesIdentityArnOf.js';
import { parseDigestConfig } from '../../../lib/content/digestConfig.js';
import { sesIdentityArn } from '../../../functions/config.js';
import { REPO } from '../../support/cli.js';

const arnOf = (identity: string) => `arn:aws:ses:us-east-1:123456789012:identity/${identity}`;

/**
 * Whether a deployed function sending as `identity` refuses every From that identity covers as SES reads it (letter
 * case aside): the identity itself for an address, an address at the domain and at a subdomain for a domain, each
 * written in site.yml as the identity spells it and in lower case.
 */
const refusesEverySend = (identity: string) => {
  const froms = identity.includes('@') ? [identity, identity.toLowerCase()] : [`digest@${identity}`, `news@letters.${identity}`, `digest@${identity.toLowerCase()}`];
  return froms.every((from) => {
    try {
      sesIdentityArnOf(parseDigestConfig({ from, ses: {} }).config!, arnOf(identity));
      return false;
    } catch {
      return true;
    }
  });
};

describe('--param sesIdentity, checked when the stack is packaged', () => {
  it('is refused exactly when the functions would refuse every send as it, for capital letters in its domain', async () => {
    const values = ['watch.example.org', 'Watch.Example.org', 'WATCH.EXAMPLE.ORG', 'watch.example.ORG', 'digest@watch.example.org', 'Digest@watch.example.org', 'digest@Watch.example.org', 'DIGEST@WATCH.EXAMPLE.ORG'];
    const refused = values.filter(refusesEverySend);
    // Some of each: the comparison below is not one-sided.
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThan(values.length);
    for (const value of values) expect((await paramProblems({ sesIdentity: value })).length > 0, value).toBe(refusesEverySend(value));
  });

  it('names the param and gives it with its domain in lower case, which the functions then take', async () => {
    for (const [value, fix] of [['Watch.Example.org', 'watch.example.org'], ['Digest@Watch.Example.org', 'Digest@watch.example.org']] as const) {
      expect(await paramProblems({ sesIdentity: value })).toEqual([expect.stringMatching(new RegExp(`^--param sesIdentity=${value} has capital letters in its domain: .*AccessDenied \\(give --param sesIdentity=${fix}, `))]);
      expect(refusesEverySend(fix), fix).toBe(false);
      expect(await paramProblems({ sesIdentity: fix })).toEqual([]);
    }
  });

  it('is refused empty, as the functions refuse the ARN serverless.yml then makes (identity/, no identity) at every run and signup', async () => {
    for (const value of ['', ' ']) {
      expect(() => sesIdentityArn({ SES_IDENTITY_ARN: arnOf(value) }), JSON.stringify(value)).toThrow(/is not an SES identity ARN/);
      expect(await paramProblems({ sesIdentity: value })).toEqual([
        `--param sesIdentity=${value} is empty: the digest, digest-sender and subscribe functions would refuse their SES_IDENTITY_ARN (arn:…:identity/, no identity) at every run and signup (give the domain or address SES verified, e.g. --param sesIdentity=watch.example.org, the default)`,
      ]);
    }
    expect(sesIdentityArn({ SES_IDENTITY_ARN: arnOf('watch.example.org') })).toBe(arnOf('watch.example.org'));
    expect(await paramProblems({ sesIdentity: 'watch.example.org' })).toEqual([]);
  });

  it('is read where serverless.yml hands it to the digest-sender, and refuses the packaging', async () => {
    expect(readFileSync(join(REPO, 'serverless.yml'), 'utf8')).toMatch(/\n {2}digestSender:\n(?: {4}.*\n|\s*\n)*? {6}SES_IDENTITY_ARN: !Sub 'arn:\$\{AWS::Partition\}:ses:\$\{AWS::Region\}:\$\{AWS::AccountId\}:identity\/\$\{param:sesIdentity\}'\n/);
    // osls reads !Sub as CloudFormation's Fn::Sub.
    const serverless = (identity: string) => ({ service: { functions: { digestSender: { environment: { SES_IDENTITY_ARN: { 'Fn::Sub': `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:identity/${identity}` } } } } }, classes: { Error } });
    const refused = await new ParamChecks(serverless('Watch.Example.org')).hooks['before:package:initialize']!().catch((error: unknown) => error);
    expect((refused as Error).message).toMatch(/^Nothing was packaged:\n--param sesIdentity=Watch\.Example\.org has capital letters in its domain: .*\(give --param sesIdentity=watch\.example\.org, /);
    await expect(new ParamChecks(serverless('watch.example.org')).hooks['before:package:initialize']!()).resolves.toBeUndefined();
  });
});
