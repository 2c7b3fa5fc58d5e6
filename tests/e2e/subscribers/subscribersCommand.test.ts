import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { MAX_SUBSCRIBER_RECORD_BYTES, StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { S3Store } from '../../../lib/store/s3Store.js';
import { LEDGER_PREFIX } from '../../../lib/digest/ledgerRecords.js';
import { describe, expect, inject, it } from 'vitest';
import { REPO, runCli } from '../../support/cli.js';
import { freshBucket, s3rverEnv, testS3Client } from '../../support/s3.js';
import { tempDir } from '../digest/support.js';

describe('broadsheet subscribers', () => {
  // One folder through the whole life of a local store (each command a CLI process): a refused import first, then an
  // import with a BOM, tags, a suppression, forgetting, usage errors, and last a record damaged on disk.
  it('imports (refusing a file that is not UTF-8 with its byte offset, adding nobody, and dropping a BOM), adds with tags, lists, exports, suppresses and forgets; a record made larger than any can be is named as damaged with the fix, not downloaded', async () => {
    const cwd = await tempDir('subscribers-cli');
    const cli = (...args: string[]) => runCli(['subscribers', ...args, '--now', '2014-05-12T09:00:00Z'], { cwd });
    // "ada@example.org\nj" is 17 bytes: the Latin-1 ö is byte 17, on line 2 after one character.
    await writeFile(join(cwd, 'latin1.txt'), Buffer.concat([Buffer.from('ada@example.org\nj'), Buffer.from([0xf6]), Buffer.from('rg@example.org\n')]));
    const refused = await cli('import', 'latin1.txt');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${join(cwd, 'latin1.txt')}:2: file: is not valid UTF-8 at column 2 (byte offset 17: 0xF6, "ö" in Latin-1 or Windows-1252)`);
    expect(refused.stderr).toContain('nobody was added');
    expect(refused.stderr).not.toMatch(/^\s+at /m);
    // Nobody was added: the import below finds ada not subscribed yet, and the list below holds no other address.

    // Saved with a BOM and CRLF line ends: were the BOM kept, line 1 would be no mailbox (invalid 2, imported 1).
    await writeFile(join(cwd, 'subscribers.txt'), '\uFEFFada@example.org\r\n# the old list\r\nGrace Hopper <grace@example.org>\r\nnot-an-address\r\nADA@example.org\r\n');
    const imported = await cli('import', 'subscribers.txt');
    expect(imported.code).toBe(0);
    // Every line accounted for: two added, one invalid (line 4), one repeating line 1's mailbox (line 5); line 3's name not kept.
    expect(imported.stdout.trim()).toBe('imported 2, already subscribed 0, refused (unsubscribed or suppressed) 0, invalid 1, repeated 1 (a mailbox an earlier line names: line 5); the store keeps addresses only: the display name of line 3 was not kept');
    expect(imported.stderr.trim()).toBe(`skipped: ${join(cwd, 'subscribers.txt')}:4: "not-an-address" is not one mailbox: no "@"`);

    // The tags as the sample site spells them, stored as the digest matches them (tests/e2e/subscribers/addWithTags.test.ts).
    expect((await cli('add', 'Linus@Example.org', '--tags', 'Trade,markets', '--content', join(REPO, 'content'))).stdout).toContain('added linus@example.org (tags: Trade, Markets)');
    const listed = JSON.parse((await cli('list', '--json')).stdout) as { address: string; status: string; tags: string[]; consent: { method: string } }[];
    expect(listed.map((s) => [s.address, s.status, s.tags.join(','), s.consent.method])).toEqual([
      ['ada@example.org', 'confirmed', '', 'imported'],
      ['grace@example.org', 'confirmed', '', 'imported'],
      ['linus@example.org', 'confirmed', 'trade,markets', 'added'],
    ]);

    expect((await cli('suppress', 'grace@example.org')).code).toBe(0);
    expect((await cli('export')).stdout.trim().split('\n')).toEqual(['ada@example.org', 'linus@example.org']);
    expect((await cli('forget', 'grace@example.org')).stdout).toContain('forgot grace@example.org');
    // Again: only the hash of the suppression is left, which is no address to erase.
    expect((await cli('forget', 'grace@example.org')).stdout.trim()).toBe('grace@example.org was forgotten already (only its hash is kept, so it stays suppressed); nothing changed');
    const after = await cli('list');
    expect(after.stdout).not.toContain('grace');
    expect(after.stdout).toMatch(/^suppressed +\(forgotten [0-9a-f]{12}\)/m);
    expect((await cli('import', 'subscribers.txt')).stdout).toContain('refused (unsubscribed or suppressed) 1');

    const bad = await cli('add', 'two@example.org, three@example.org');
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    // Named as every other usage line is: the command and the action, then what to give.
    expect(bad.stderr.trim()).toBe('broadsheet subscribers add: "two@example.org, three@example.org" is not one mailbox: group or list syntax ("name:", ";" or ",") is not an address (give one address, such as ada@example.org)');
    expect((await cli('suppress', 'ada@localhost')).stderr.trim()).toBe('broadsheet subscribers suppress: "ada@localhost" is not one mailbox: "localhost" is not a domain name (give one address, such as ada@example.org)');

    // ada's record (its newest version) made larger than any record can be: list names it, with the fix.
    const id = subscriberId('ada@example.org');
    const version = (await readdir(join(cwd, 'subscribers', id))).sort().at(-1)!;
    await writeFile(join(cwd, 'subscribers', id, version), Buffer.alloc(MAX_SUBSCRIBER_RECORD_BYTES + 1, 0x20));
    const damaged = await cli('list');
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toContain(`${join(cwd, 'subscribers')}/${id}/${version} is not a subscriber record (1,048,577 bytes, more than one can be): restore it or delete its folder`);
    expect(damaged.stderr).not.toMatch(/^\s+at /m);
    // Fifteen CLI runs one after another: more than the default 30 s on a loaded machine.
  }, 90_000);

  it("manages a deployment's store on S3 (s3://BUCKET/PREFIX, here s3rver on loopback)", async () => {
    const endpoint = inject('s3Endpoint');
    const client = testS3Client(endpoint);
    const bucket = await freshBucket(client, 'subscribers');
    const cwd = await tempDir('subscribers-s3');
    const at = (now: string, ...args: string[]) => runCli(['subscribers', ...args, '--subscribers', `s3://${bucket}/_subscribers/`, '--endpoint', endpoint, '--now', now], { cwd, env: s3rverEnv(endpoint) });
    const cli = (...args: string[]) => at('2014-05-12T09:00:00Z', ...args);
    // Added during 2014-W19, so that its issue (due Monday 12 May 08:00 in Seoul) is hers.
    expect((await at('2014-05-09T09:00:00Z', 'add', 'ada@example.org', '--tags', 'trade', '--content', join(REPO, 'content'))).code).toBe(0);
    expect((await cli('add', 'grace@example.org')).code).toBe(0);
    expect((await cli('suppress', 'grace@example.org')).code).toBe(0);
    // Two signups nobody confirmed, written untagged as before pending records were tagged: the link of the one sent
    // 7 days and a second before --now has expired, that of the one sent a day before works.
    const records = new StoreSubscriberStore(new S3Store(client, bucket, '_subscribers/'));
    for (const [address, sentAt] of [['old@example.org', '2014-05-05T08:59:59.000Z'], ['new@example.org', '2014-05-11T09:00:00.000Z']] as const) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: `_subscribers/${subscriberId(address)}/0000000001.json`, Body: JSON.stringify({ id: subscriberId(address), address, status: 'pending', tags: [], createdAt: sentAt, updatedAt: sentAt, confirmationSentAt: sentAt }) }));
    }
    expect((await records.get(subscriberId('old@example.org')))?.subscriber.status).toBe('pending');
    const unconfirmed = await cli('forget', '--unconfirmed');
    expect(unconfirmed.code, unconfirmed.stderr).toBe(0);
    // A count, no address: a log of the run keeps none of those it erased.
    expect(unconfirmed.stdout.trim()).toBe(`forgot 1 unconfirmed signup whose confirmation link had expired, in s3://${bucket}/_subscribers/`);
    const listed = JSON.parse((await cli('list', '--json')).stdout) as { address: string; status: string; tags: string[] }[];
    expect(listed.map((s) => [s.address, s.status, s.tags.join(',')])).toEqual([
      ['ada@example.org', 'confirmed', 'trade'],
      ['grace@example.org', 'suppressed', ''],
      ['new@example.org', 'pending', ''],
    ]);
    expect((await cli('export')).stdout.trim()).toBe('ada@example.org');
    // The digest reaches the same store through the same --endpoint: the confirmed subscriber alone is sent to.
    // A store's subscribers leave through the site's own endpoint, which the sample does not name.
    await cp(join(REPO, 'content'), join(cwd, 'content'), { recursive: true });
    const siteYml = await readFile(join(cwd, 'content', 'site.yml'), 'utf8');
    await writeFile(join(cwd, 'content', 'site.yml'), siteYml.replace('https://lists.watch.example.org/unsubscribe?email={email}', 'https://watch.example.org/unsubscribe?token={token}'));
    const send = (...args: string[]) => runCli(['digest', '--send', '--week', '2014-W19', '--now', '2014-05-12T09:00:00+09:00', '--subscribers', `s3://${bucket}/_subscribers/`, '--endpoint', endpoint, '--json', ...args], { cwd, env: { ...s3rverEnv(endpoint), DIGEST_UNSUBSCRIBE_SECRET: 'a-test-secret-of-32-characters!!' } });
    // The deployment's send ledger is in its site bucket: one kept in a local output would let the week go out twice.
    const local = await send();
    expect(local.code).toBe(2);
    expect(local.stderr).toContain('--bucket SITE_BUCKET');
    expect(local.stderr).toContain('broadsheet trigger --digest WEEK --send');
    const site = await freshBucket(client, 'site');
    const digest = await send('--bucket', site);
    expect(digest.code, digest.stderr).toBe(0);
    expect(await readdir(join(cwd, 'outbox', '2014-W19'))).toEqual([expect.stringContaining('.eml')]);
    const siteKeys = ((await client.send(new ListObjectsV2Command({ Bucket: site, Prefix: `${LEDGER_PREFIX}2014-W19/` }))).Contents ?? []).map((o) => o.Key!);
    expect(siteKeys.some((key) => key.endsWith('.sent.json'))).toBe(true);
    // Another machine's run (its own outbox) finds her in that ledger.
    const again = await send('--bucket', site, '--outbox', 'elsewhere');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).send).toMatchObject({ sent: 0, skipped: 1 });
    // Every record is under the prefix, nothing in the working folder: the three listed, and the tombstone that
    // forget --unconfirmed left in the expired signup's place (no address in it; S3's lifecycle rule expires it).
    const keys = ((await client.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key!);
    expect(keys).toHaveLength(4);
    for (const key of keys) expect(key.startsWith('_subscribers/')).toBe(true);
    const bodies = await Promise.all(keys.map(async (key) => (await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString()));
    expect(bodies.filter((body) => body === '{"erased":true}\n')).toHaveLength(1);
    const bad = await runCli(['subscribers', 'list', '--subscribers', 's3://Not_A_Bucket/x'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--subscribers');
    // A dozen CLI runs one after another, each a Node start and an S3 session: more than the default 30 s on a
    // loaded machine.
  }, 120_000);
});
