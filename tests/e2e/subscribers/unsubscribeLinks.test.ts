import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../lib/store/localStore.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { runCli } from '../../support/cli.js';
import { entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { PreviewProcess } from '../../support/preview.js';
import { headerFields, tempDir } from '../digest/support.js';

const OLD = 'the-secret-the-digest-was-signed-with';
const NEW = 'the-secret-rotated-in-after-it';

describe("a digest's unsubscribe links, clicked in a mail client after the token secret rotated", () => {
  let cwd: string;
  let preview: PreviewProcess;
  let raw: Buffer;
  const post = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click', signal: AbortSignal.timeout(10_000) });

  beforeAll(async () => {
    cwd = await tempDir('unsubscribe-links');
    const content = join(cwd, 'content');
    await mkdir(join(content, 'entries', '2014'), { recursive: true });
    await writeFile(join(content, 'site.yml'), siteYaml({}, { from: 'Test Watch <digest@watch.example.org>', unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' } }));
    await writeFile(join(content, 'entries', '2014', 'a.md'), entryText(entry({ title: 'Trade in week 19', date: '2014-05-07' })));
    const subscribers = ['--subscribers', 'subscribers', '--now', '2014-05-01T00:00:00Z'];
    expect((await runCli(['subscribers', 'add', 'ada@example.org', ...subscribers], { cwd })).code).toBe(0);
    // Sent under the old secret.
    const sent = await runCli(['digest', '--content', content, '--week', '2014-W19', '--send', '--transport', 'file', '--subscribers', 'subscribers', '--outbox', 'outbox', '--now', '2014-05-12T09:00:00+09:00'], { cwd, env: { DIGEST_UNSUBSCRIBE_SECRET: OLD } });
    expect(sent.stdout).toContain('1 sent');
    const [file] = await readdir(join(cwd, 'outbox', '2014-W19'));
    raw = await readFile(join(cwd, 'outbox', '2014-W19', file!));
    // Then the secret is rotated: the new one first, the old one kept while mail signed with it is out there.
    preview = await new PreviewProcess(['--content', content, '--subscribers', join(cwd, 'subscribers'), '--outbox', join(cwd, 'outbox'), '--now', '2014-05-13T09:00:00+09:00'], { DIGEST_UNSUBSCRIBE_SECRET: `${NEW} ${OLD}` }).start();
  });
  afterAll(async () => {
    await preview?.stop();
  });

  it('a link cut short says how to leave the list; the whole one-click link unsubscribes, twice over', async () => {
    const listUnsubscribe = new URL(/<(https:[^>]+)>/.exec(headerFields(raw, 'List-Unsubscribe')[0]!)![1]!);
    const text = (await simpleParser(raw)).text!;
    const line = text.split('\n').find((candidate) => candidate.startsWith('Unsubscribe: '))!;
    expect(line).toBe(`Unsubscribe: ${listUnsubscribe.href}`);

    // The text part's line cut at 76 columns, as a client that wraps it hands over the first half.
    const cut = new URL(line.slice('Unsubscribe: '.length, 76));
    const broken = await fetch(`${preview.url}unsubscribe${cut.search}`, { signal: AbortSignal.timeout(10_000) });
    expect(broken.status).toBe(400);
    const page = await broken.text();
    expect(page).toContain('open the Unsubscribe link of your latest digest, all of it');
    expect(page).toContain('write to unsubscribe@watch.example.org to be taken off the list');
    expect(page).not.toContain('Sign up again');

    const store = new StoreSubscriberStore(new LocalStore(join(cwd, 'subscribers')));
    for (let click = 0; click < 2; click++) {
      const oneClick = await post(`${preview.url}unsubscribe${listUnsubscribe.search}`);
      expect(oneClick.status).toBe(200);
      expect(await oneClick.text()).toContain('ada@example.org will not receive the digest any more.');
      expect((await store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('unsubscribed');
    }
  });
});
