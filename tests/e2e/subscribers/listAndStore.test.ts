import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { tempDir } from '../digest/support.js';

// The subscription handler's one-click unsubscribe (https://SITE/unsubscribe?token={token}) records who leaves in the
// subscriber store. A send to digest.subscribers (subscribers.txt) never read the store, so a reader told "you will
// not receive the digest any more" was sent the next one (RFC 8058 §3.1: the unsubscribe must take effect).
const ENV = { DIGEST_UNSUBSCRIBE_SECRET: 'list-and-store-secret-of-length' };
const NOW = '2014-05-12T09:00:00+09:00';

async function site(): Promise<string> {
  const cwd = await tempDir('list-and-store');
  await mkdir(join(cwd, 'content', 'entries', '2014'), { recursive: true });
  await writeFile(join(cwd, 'content', 'site.yml'), siteYaml({}, { from: 'Test Watch <digest@watch.example.org>', unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' } }));
  await writeFile(join(cwd, 'content', 'entries', '2014', 'a.md'), entryText(entry({ date: '2014-05-08' })));
  await writeFile(join(cwd, 'content', 'subscribers.txt'), 'ada@example.org\nlinus@example.org\n');
  return cwd;
}

describe('digest --send to subscribers.txt with the subscription handler’s one-click unsubscribe', () => {
  it('is refused before anything is archived or sent, with the way to send through the store, which check warns of too', async () => {
    const cwd = await site();
    const run = await runCli(['digest', '--content', 'content', '--out', 'public', '--week', '2014-W19', '--send', '--transport', 'file', '--outbox', 'outbox', '--now', NOW], { cwd, env: ENV });
    expect(run.code).toBe(2);
    const why = (list: string) => `site.yml: digest.unsubscribe.url: the subscription handler's one-click unsubscribe records who leaves in the subscriber store, and a send to the list ${list} never reads the store: who left would be sent the digest again, so digest --send refuses it (import the list into the store with broadsheet subscribers import FILE --subscribers DIR, and send with --subscribers DIR)`;
    expect(run.stderr.trim()).toBe(`broadsheet digest: ${why(`${join(cwd, 'content')}/subscribers.txt`)}`);
    expect(await readdir(cwd)).toEqual(['content']);
    // check says so, as a warning (the store may send), where it said the list was mailed.
    const check = await runCli(['check', '--content', 'content', '--now', NOW], { cwd, env: ENV });
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr).toContain(why('subscribers.txt'));
    expect(check.stdout.trim()).toBe(`1 entry checked in ${join(cwd, 'content')}/: no problems, 1 warning`);
  });

  it('sends through the store once the list is imported, and never to who left', async () => {
    const cwd = await site();
    expect((await runCli(['subscribers', 'import', 'content/subscribers.txt', '--now', NOW], { cwd })).code).toBe(0);
    // Ada asked to leave by mail: recorded in the store as her one-click link records it.
    const left = await runCli(['subscribers', 'unsubscribe', 'ada@example.org', '--now', NOW], { cwd });
    expect([left.code, left.stdout.trim()]).toEqual([0, 'unsubscribed ada@example.org: the digest is not sent to it any more']);
    const run = await runCli(['digest', '--content', 'content', '--out', 'public', '--week', '2014-W19', '--send', '--transport', 'file', '--subscribers', 'subscribers', '--outbox', 'outbox', '--now', NOW], { cwd, env: ENV });
    expect(run.code, run.stderr).toBe(0);
    expect((await readdir(join(cwd, 'outbox', '2014-W19'))).map((name) => name.split('-')[0])).toEqual(['linus']);
  });

  it('still sends to --to, an editor trying the digest on an address of their own', async () => {
    const cwd = await site();
    const run = await runCli(['digest', '--content', 'content', '--out', 'public', '--week', '2014-W19', '--send', '--transport', 'file', '--to', 'editor@example.org', '--outbox', 'outbox', '--now', NOW], { cwd, env: ENV });
    expect(run.code, run.stderr).toBe(0);
    expect(await readdir(join(cwd, 'outbox', '2014-W19'))).toHaveLength(1);
  });
});

describe('digest --send --subscribers naming no folder', () => {
  it('is refused before anything is archived: a mistyped folder is no empty list', async () => {
    const cwd = await site();
    const run = await runCli(['digest', '--content', 'content', '--out', 'public', '--week', '2014-W19', '--send', '--transport', 'file', '--subscribers', 'subscrbers', '--outbox', 'outbox', '--now', NOW], { cwd, env: ENV });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`broadsheet digest: --subscribers: ${join(cwd, 'subscrbers')} is not a folder (the subscriber store that broadsheet subscribers and broadsheet preview keep; check its name)`);
    expect(await readdir(cwd)).toEqual(['content']);
  });
});

// The converse: the store's subscribers sent another list's unsubscribe link would leave there, and the store, never
// told, would send them the next week's.
describe('digest --send --subscribers with an unsubscribe link other than the site’s own', () => {
  it('is refused before anything is archived or sent, naming the link and the one to write', async () => {
    const cwd = await site();
    await writeFile(join(cwd, 'content', 'site.yml'), siteYaml());
    expect((await runCli(['subscribers', 'add', 'ada@example.org', '--now', NOW], { cwd })).code).toBe(0);
    const run = await runCli(['digest', '--content', 'content', '--out', 'public', '--week', '2014-W19', '--send', '--transport', 'file', '--subscribers', 'subscribers', '--outbox', 'outbox', '--now', NOW], { cwd, env: ENV });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      "broadsheet digest: site.yml: digest.unsubscribe.url is https://lists.watch.example.org/unsubscribe?email={email}, but the subscriber store's subscribers leave through its own endpoint, the one place that records it (write url: https://watch.example.org/unsubscribe?token={token})",
    );
    expect((await readdir(cwd)).sort()).toEqual(['content', 'subscribers']);
  });
});
