import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ParamChecks, { paramProblems } from '../../../scripts/paramChecks.mjs';
import { sesIdentityArnOf } from '../../../functions/sesIdentityArnOf.js';
import { parseDigestConfig } from '../../../lib/content/digestConfig.js';
import { sesIdentityArn } from '../../../functions/config.js';
import { parseMailbox } from '../../../lib/shared/mailbox.js';
import { asciiMailbox } from '../../../lib/shared/headerText.js';
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

  it('is refused exactly when the functions would refuse every send as it, for a domain not in ASCII, sent as punycode', async () => {
    // lib/shared/mailbox.ts reads a From's domain as its ASCII form (IDNA), which asciiMailbox sends to SES.
    expect(parseMailbox('digest@Bücher.example')).toMatchObject({ ok: true, mailbox: { address: 'digest@xn--bcher-kva.example' } });
    expect(asciiMailbox('Broadsheet <digest@bücher.example>')).toBe('Broadsheet <digest@xn--bcher-kva.example>');
    const values = ['bücher.example', 'BÜCHER.example', 'news.bücher.example', 'digest@bücher.example', 'xn--bcher-kva.example', 'digest@xn--bcher-kva.example', 'news.xn--bcher-kva.example'];
    const refused = values.filter(refusesEverySend);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThan(values.length);
    for (const value of values) expect((await paramProblems({ sesIdentity: value })).length > 0, value).toBe(refusesEverySend(value));
  });

  it('names the param and gives a domain not in ASCII in its ASCII form, which the functions then take', async () => {
    for (const [value, fix] of [['bücher.example', 'xn--bcher-kva.example'], ['BÜCHER.example', 'xn--bcher-kva.example'], ['Digest@bücher.example', 'Digest@xn--bcher-kva.example']] as const) {
      expect(await paramProblems({ sesIdentity: value })).toEqual([expect.stringMatching(new RegExp(`^--param sesIdentity=${value} has a domain not in ASCII: .*ses:FromAddress.* \\(give --param sesIdentity=${fix}, `))]);
      expect(refusesEverySend(fix), fix).toBe(false);
      expect(await paramProblems({ sesIdentity: fix })).toEqual([]);
    }
  });

  it('is refused when it is no domain or address a From could be sent from, as the functions refuse every send as it', async () => {
    for (const value of ['watch', 'watch.example.org.', 'dïgest@watch.example.org', 'Digest <digest@watch.example.org>']) {
      expect(await paramProblems({ sesIdentity: value }), value).toEqual([expect.stringMatching(new RegExp(`^--param sesIdentity=${value} is neither a domain nor an address a digest could be sent from \\(.+\\), .*\\(give the domain or address SES verified, e\\.g\\. --param sesIdentity=watch\\.example\\.org, the default\\)$`))]);
    }
    // No From at such a domain is an address, and the functions refuse every From that is one: the identity covers none.
    for (const value of ['watch', 'watch.example.org.']) {
      expect(parseMailbox(`digest@${value}`).ok, value).toBe(false);
      expect(() => sesIdentityArnOf(parseDigestConfig({ from: 'digest@watch.example.org', ses: {} }).config!, arnOf(value)), value).toThrow(/does not cover/);
    }
    // An address with a local part not in ASCII is no From either (SES takes only ASCII addresses).
    expect(parseMailbox('dïgest@watch.example.org')).toMatchObject({ ok: false, internationalised: true });
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
