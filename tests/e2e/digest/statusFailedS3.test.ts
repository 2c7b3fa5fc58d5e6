import { PutObjectCommand } from '@aws-sdk/client-s3';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { sendingKey } from '../../../lib/delivery/unsettledWeeks.js';
import { LEDGER_PREFIX, ledgerPrefix } from '../../../lib/digest/ledgerRecords.js';
import { failedRecipientsLine } from '../../../cli/failedRecipientsLine.js';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml, STORE_DIGEST, STORE_SECRET } from '../../support/digestFixtures.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { FaultySmtp } from '../../support/faultySmtp.js';
import { freshBucket, s3rverEnv, testS3Client } from '../../support/s3.js';
import { tempDir } from './support.js';

// status's FAILED line for a week sent whole by the CLI, its ledger on s3rver: the send's note is the week's counts,
// so status does not list the week's ledger (some 300 LIST pages a week for a list of 100,000), until a send begun
// since (killed here before it noted anything) leaves status counting from the ledger again. Requests seen through a
// proxy in front of s3rver.
const endpoint = inject('s3Endpoint');
const env = s3rverEnv(endpoint);
const client = testS3Client(endpoint);
const WEEK = '2014-W20';
const at = (name: string) => `${name}@example.org`;
const REFUSED = new Set([at('bob'), at('di')]);

const closing: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const one of closing) await one.close();
});

describe("status's FAILED line for a week's whole send, its ledger in S3", () => {
  it("reads the week's note and sending mark, not its ledger, and the ledger once a send has begun since; the count the same", async () => {
    const bucket = await freshBucket(client, 'status-failed');
    const smtp = await FaultySmtp.start({ rcpt: (address) => (REFUSED.has(address) ? { code: 550, message: '5.1.1 No such user' } : undefined) });
    const proxy = await FaultProxy.start(endpoint);
    closing.push(smtp, proxy);
    const content = await contentFolder({ site: siteYaml({}, STORE_DIGEST), entries: { '2014/a.md': entryText(entry({ title: 'Kaesong output recovers', date: '2014-05-13' })) } });
    const cwd = await tempDir('status-failed-s3');
    await writeFile(join(cwd, 'list.txt'), ['ada', 'bob', 'cy', 'di', 'ed', 'flo'].map(at).join('\n'));
    expect((await runCli(['subscribers', 'import', 'list.txt', '--subscribers', 'subscribers', '--now', '2014-05-12T08:00:00+09:00'], { cwd })).code).toBe(0);
    const sent = await runCli(['digest', '--content', content, '--bucket', bucket, '--endpoint', endpoint, '--week', WEEK, '--send', '--transport', 'smtp', '--subscribers', 'subscribers', '--now', '2014-05-19T08:00:00+09:00'], {
      cwd,
      env: { ...env, SMTP_URL: smtp.url(), DIGEST_UNSUBSCRIBE_SECRET: STORE_SECRET },
    });
    expect(sent.stdout, sent.stderr).toMatch(/through smtp: 4 sent, 0 skipped \(already sent\), 2 failed, 0 unknown, of 6 recipients/);

    const status = () => runCli(['status', '--bucket', bucket, '--endpoint', proxy.endpoint], { cwd, env });
    // The LISTs of the week's own ledger (its records), as against the listing of the ledger's week folders.
    const ledgerLists = () => proxy.seen.filter((request) => request.method === 'GET' && new URLSearchParams(request.url.split('?')[1] ?? '').get('prefix') === ledgerPrefix(WEEK)).length;
    // The ledger's week folders (a LIST with a delimiter), which status lists once for all its readings of the weeks.
    const folderLists = () => proxy.seen.filter((request) => {
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      return request.method === 'GET' && query.get('prefix') === LEDGER_PREFIX && query.get('delimiter') === '/';
    }).length;
    const first = await status();
    expect(first.stdout).toContain(failedRecipientsLine(WEEK, 2));
    expect(ledgerLists()).toBe(0);
    expect(folderLists()).toBe(1);
    expect(proxy.count('GET', `/${bucket}/${sendingKey(WEEK)}`)).toBe(1);

    // A send of the week begun since, and killed before it noted anything: the ledger tells.
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: sendingKey(WEEK), Body: JSON.stringify({ run: 'killed-run' }) }));
    const second = await status();
    expect(second.stdout).toContain(failedRecipientsLine(WEEK, 2));
    expect(ledgerLists()).toBeGreaterThan(0);
  });
});
