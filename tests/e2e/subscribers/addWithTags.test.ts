import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { entry, entryText } from '../../support/content.js';
import { siteYaml, STORE_DIGEST, STORE_SECRET } from '../../support/digestFixtures.js';
import { tempDir } from '../digest/support.js';

// The digest gives a subscriber who chose tags the entries with one of them, matched by slug
// (lib/delivery/digestDelivery.ts). `subscribers add --tags` takes the tags as an editor writes them, and must store
// what the digest matches: written as typed ("North Korea"), the subscriber was never sent a digest.
const NOW = '2014-05-12T09:00:00+09:00';
// When the subscribers are added: during 2014-W19, before its issue was due (Monday 12 May 08:00 in Seoul).
const SUBSCRIBED = '2014-05-05T09:00:00+09:00';
// 2014-W19 is 5–11 May (Seoul).
const ENTRIES = {
  '2014/korea.md': entryText(entry({ title: 'North Korea in week 19', url: 'https://news.example.com/k19', date: '2014-05-07', tags: ['North Korea'] })),
  '2014/trade.md': entryText(entry({ title: 'Trade in week 19', url: 'https://news.example.com/t19', date: '2014-05-08', tags: ['Trade'] })),
};

describe('broadsheet subscribers add --tags', () => {
  let cwd: string;
  const cli = (...args: string[]) => runCli(['subscribers', ...args, '--now', SUBSCRIBED], { cwd });

  beforeAll(async () => {
    cwd = await tempDir('subscribers-tags');
    await mkdir(join(cwd, 'content', 'entries', '2014'), { recursive: true });
    await writeFile(join(cwd, 'content', 'site.yml'), siteYaml({}, STORE_DIGEST));
    for (const [path, text] of Object.entries(ENTRIES)) await writeFile(join(cwd, 'content', 'entries', path), text);
  });

  it('stores the tags as the digest matches them, and the digest then sends that subscriber the entries with them', async () => {
    const added = await cli('add', 'linus@example.org', '--tags', 'north korea, NORTH-KOREA');
    expect(added.stderr).toBe('');
    expect(added.stdout.trim()).toBe('added linus@example.org (tags: North Korea)');
    const [record] = JSON.parse((await cli('list', '--json')).stdout) as { address: string; tags: string[] }[];
    expect(record).toMatchObject({ address: 'linus@example.org', tags: ['north-korea'] });
    // Ada chose Trade; the editor then renames it in its one entry, without the tagSlugs line that keeps its slug.
    expect((await cli('add', 'ada@example.org', '--tags', 'Trade')).code).toBe(0);
    const tradeFile = join(cwd, 'content', 'entries', '2014', 'trade.md');
    await writeFile(tradeFile, entryText(entry({ title: 'Trade in week 19', url: 'https://news.example.com/t19', date: '2014-05-08', tags: ['Foreign trade'] })));

    const digest = await runCli(['digest', '--content', 'content', '--week', '2014-W19', '--send', '--transport', 'file', '--subscribers', 'subscribers', '--outbox', 'outbox', '--now', NOW], { cwd, env: { DIGEST_UNSUBSCRIBE_SECRET: STORE_SECRET } });
    await writeFile(tradeFile, ENTRIES['2014/trade.md']);
    expect(digest.code, digest.stderr).toBe(0);
    expect(digest.stdout).toContain('1 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 1 recipient');
    // Told apart from a quiet week, and kept in the run's record for status.
    const gone = 'site.yml: tagSlugs: 1 subscriber chose the tag trade, which no published entry has any more';
    expect(digest.stdout).toContain('nothing for the 1 subscriber who chose trade, a tag no published entry has any more: not sent (see the warning)');
    expect(digest.stderr).toContain(`warning: ${gone}`);
    expect((await runCli(['status'], { cwd })).stdout).toContain(gone);
    const sent = await readdir(join(cwd, 'outbox', '2014-W19'));
    expect(sent).toHaveLength(1);
    const mail = await simpleParser(await readFile(join(cwd, 'outbox', '2014-W19', sent[0]!)));
    expect(mail.text).toContain('North Korea in week 19');
    expect(mail.text).not.toContain('Trade in week 19');
  });

  it('says an address already subscribed keeps its own topics, and names why one is refused', async () => {
    expect((await cli('add', 'ken@example.org', '--tags', 'Trade')).code).toBe(0);
    const again = await cli('add', 'ken@example.org', '--tags', 'North Korea');
    expect(again.stdout.trim()).toBe('ken@example.org is already subscribed (their tags: trade); --tags changed nothing: subscribers choose their topics on their topics page');
    expect((await cli('suppress', 'mo@example.org')).code).toBe(0);
    expect((await cli('add', 'mo@example.org')).stdout.trim()).toBe('mo@example.org is suppressed (a bounce or a complaint): not added, never sent to again');
  });

  it('refuses a tag no entry has, naming it and the site’s tags, and writes nothing', async () => {
    const refused = await cli('add', 'grace@example.org', '--tags', 'Trade,Nuclear');
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe(`broadsheet subscribers add: --tags: "Nuclear" is no tag of the site in ${join(cwd, 'content')}/ (its tags: North Korea, Trade); nothing was written`);
    expect((await cli('export')).stdout).not.toContain('grace@example.org');
    const empty = await cli('add', 'grace@example.org', '--tags', ' , ');
    expect(empty.code).toBe(2);
    expect(empty.stderr.trim()).toBe('broadsheet subscribers add: --tags " , " names no tag (leave --tags out for every entry)');
  });
});
