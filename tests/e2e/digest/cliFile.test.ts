import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { hashTree } from '../../support/tree.js';
import { DIGEST, siteYaml } from '../../support/digestFixtures.js';
import { headerFields, SAMPLE, tempDir } from './support.js';

const NOW = '2026-11-27T09:00:00+09:00';
// The sample content's entries dated 5–11 May 2014 (Seoul), in reading order (oldest first), from content/entries/2014/.
const W19_TITLES = ['Koryolink passes two million subscribers', 'DPRK-Russia personnel exchanges and economic cooperation expand', 'Rice and exchange rates steady in the markets'];
// content/subscribers.txt
const SUBSCRIBERS = ['ada@example.org', 'grace@example.org', 'linus@example.org'];

async function digestRun(cwd: string, ...extra: string[]) {
  return runCli(['digest', '--content', SAMPLE, '--week', '2014-W19', '--send', '--now', NOW, ...extra], { cwd });
}

describe('broadsheet digest --week 2014-W19 --send on the sample content (file transport)', () => {
  // Two runs in two folders: one to read, both to compare byte for byte.
  let one: string;
  let two: string;
  let first: Awaited<ReturnType<typeof digestRun>>;
  beforeAll(async () => {
    [one, two] = [await tempDir('digest-file-1'), await tempDir('digest-file-2')];
    first = await digestRun(one);
    await digestRun(two);
  });

  it('writes the archive and one readable .eml per subscriber into outbox/', async () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('3 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 3 recipients');
    // Every file the week's publish wrote is listed, the site's pages and feeds beside the archive: as many as counted.
    const listed = first.stdout.split('\n').filter((line) => /^(new|changed|deleted) /.test(line));
    expect(listed).toEqual(expect.arrayContaining([expect.stringMatching(/^new +\S+ +\S+ +digests\/2014-W19\.html$/), expect.stringMatching(/^new +\S+ +\S+ +index\.html$/), expect.stringMatching(/^new +\S+ +\S+ +rss\.xml$/)]));
    const counts = /: (\d+) new, (\d+) changed, (\d+) deleted files in all$/m.exec(first.stdout)!;
    expect(listed).toHaveLength(Number(counts[1]) + Number(counts[2]) + Number(counts[3]));
    const cwd = one;

    const archived = await readFile(join(cwd, 'public/digests/2014-W19.html'), 'utf8');
    for (const title of W19_TITLES) expect(archived).toContain(title);
    expect(await readFile(join(cwd, 'public/digests/2014-W19.txt'), 'utf8')).toContain(W19_TITLES[0]);
    for (const name of ['index.html', 'rss.xml', 'atom.xml', 'feed.json']) expect((await readFile(join(cwd, 'public/digests', name))).length).toBeGreaterThan(0);

    const files = (await readdir(join(cwd, 'outbox/2014-W19'))).sort();
    expect(files).toHaveLength(3);
    const recipients: string[] = [];
    for (const file of files) {
      expect(file).toMatch(/^[a-z0-9-]+\.eml$/);
      const raw = await readFile(join(cwd, 'outbox/2014-W19', file));
      const mail = await simpleParser(raw);
      recipients.push((Array.isArray(mail.to) ? mail.to[0] : mail.to)!.value[0]!.address!);
      expect(mail.from!.value[0]).toMatchObject({ address: 'digest@watch.example.org', name: 'Peninsula Economy Watch' });
      expect(mail.subject).toBe('Peninsula Economy Watch: May 5–11, 2014');
      expect(headerFields(raw, 'Content-Type')[0]).toMatch(/^multipart\/alternative/);
      expect(headerFields(raw, 'List-Unsubscribe')).toHaveLength(1);
      // W19's titles in reading order, in both parts.
      const positions = W19_TITLES.map((title) => mail.text!.indexOf(title));
      expect(positions.every((p) => p >= 0) && positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true);
      for (const title of W19_TITLES) expect(mail.html).toContain(title);
    }
    expect(recipients.sort()).toEqual(SUBSCRIBERS);
    // The week went out: noted beside its ledger, for a deployment's batches of the same week (lib/delivery/weekDelivered.ts).
    expect(JSON.parse(await readFile(join(cwd, 'public/_broadsheet/digest-ledger/2014-W19/delivered.json'), 'utf8'))).toEqual({ delivered: true });
  });

  it("names the digest alike in every part a subscriber meets: List-Id, both parts' headings, the archive and its feeds", async () => {
    // The sample's title is Peninsula Economy Watch: the digest's name is "Weekly digest of" it (README, "The digest's name").
    const name = 'Weekly digest of Peninsula Economy Watch';
    const [file] = (await readdir(join(one, 'outbox/2014-W19'))).sort();
    const raw = await readFile(join(one, 'outbox/2014-W19', file!));
    const mail = await simpleParser(raw);
    const kicker = (html: string) => /<p class="kicker"[^>]*>([\s\S]*?)<\/p>/.exec(html)![1]!.replace(/<[^>]+>/g, '');
    const archived = (key: string) => readFile(join(one, 'public/digests', key), 'utf8');
    expect({
      listId: (mail.headers.get('list') as { id: { name: string } }).id.name,
      textHeading: mail.text!.split('\n')[0],
      htmlKicker: kicker(mail.html as string),
      archiveText: (await archived('2014-W19.txt')).split('\n')[0],
      archivePage: kicker(await archived('2014-W19.html')),
      index: /<title>([^<]*)<\/title>/.exec(await archived('index.html'))![1],
      feed: (JSON.parse(await archived('feed.json')) as { title: string }).title,
    }).toEqual({ listId: name, textHeading: name, htmlKicker: name, archiveText: name, archivePage: name, index: name, feed: name });
  });

  it('is deterministic: the same content and --now give byte-identical archives and .eml files', async () => {
    const strip = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).filter(([key]) => !key.includes('_broadsheet/')));
    expect(strip(await hashTree(one))).toEqual(strip(await hashTree(two)));
    expect(Object.keys(await hashTree(join(one, 'outbox')))).toHaveLength(3);
  });

  it('sends nothing twice when run again', async () => {
    const again = await digestRun(one);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 sent, 3 skipped (already sent), 0 failed, 0 unknown, of 3 recipients');
    expect(Object.keys(await hashTree(join(one, 'outbox')))).toHaveLength(3);
  });

  it('without --send archives only', async () => {
    const cwd = await tempDir('digest-archive-only');
    const run = await runCli(['digest', '--content', SAMPLE, '--week', '2014-W19', '--now', NOW], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('Sent the');
    await expect(readdir(join(cwd, 'outbox'))).rejects.toThrow();
    expect((await readFile(join(cwd, 'public/digests/2014-W19.html'), 'utf8')).length).toBeGreaterThan(0);
  });

  it('explains a bad --week without a stack trace', async () => {
    const run = await runCli(['digest', '--content', SAMPLE, '--week', '2014-W60', '--now', NOW], { cwd: await tempDir('digest-bad-week') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('2014 has 52 ISO weeks');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  // One check of one site.yml holding each problem: check reports every problem of the file in one run.
  it('check reports a bad digest: block like any other problem, with the field and a fix; refuses a site title and a subject that would make header lines too long to fold, and an unsubscribe URL that names no recipient', async () => {
    const unsubscribe = { url: 'https://watch.example.org/unsubscribe' };
    // The subject last: js-yaml folds it over lines of its own, after every field these lines number.
    const content = await contentFolder({ site: siteYaml({ title: 'Peninsula'.repeat(23) }, { from: DIGEST.from, unsubscribe, time: '8am', transport: 'pigeon', subject: `{title} ${'W'.repeat(200)}` }), entries: { '2014/a.md': entryText(entry({ date: '2014-05-08' })) } });
    const run = await runCli(['check', '--content', content]);
    expect(run.code).toBe(1);
    // siteYaml: title, description, url, language, timezone, idDate (lines 1-6), digest: (7), then its fields: from (8),
    // unsubscribe: (9) and its url (10), time (11), transport (12), subject (13).
    expect(run.stderr).toContain('site.yml:11: digest.time: "8am" is not a time of day (write the local send time as HH:MM in quotes: "08:00")');
    expect(run.stderr).toContain('site.yml:12: digest.transport: "pigeon" is not a transport (write one of file, smtp, ses)');
    // 'Peninsula' is 9 characters: 23 of them are 207; the subject is "{title} " (8) and 200 more.
    expect(run.stderr).toContain('site.yml:1: title: is 207 characters long, more than 200');
    expect(run.stderr).toContain('site.yml:13: digest.subject: is 208 characters long, more than 200');
    expect(run.stderr).toContain('site.yml:10: digest.unsubscribe.url: names no recipient: every subscriber would get the same URL (add {token} (or {email}), e.g. https://example.org/unsubscribe?token={token})');
  });

  it('List-Unsubscribe holds exactly the two URIs however the unsubscribe URL is typed, folded between them only (RFC 2369 §2, RFC 8058)', async () => {
    const unsubscribe = { url: 'https://watch.example.org/désabonner?a=>,<https://evil.example/x&email={email}', mailto: 'unsub@exämple.org' };
    const content = await contentFolder({ site: siteYaml({}, { ...DIGEST, unsubscribe }), entries: { '2014/a.md': entryText(entry({ date: '2014-05-08' })) } });
    const cwd = await tempDir('digest-unsubscribe');
    const run = await runCli(['digest', '--content', content, '--week', '2014-W19', '--send', '--now', NOW, '--to', 'ada@example.org'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [file] = await readdir(join(cwd, 'outbox/2014-W19'));
    const raw = await readFile(join(cwd, 'outbox/2014-W19', file!));
    // Unfolded, in ASCII (no encoded word), one https URI naming the recipient and one mailto:.
    expect(headerFields(raw, 'List-Unsubscribe').map((value) => value.replace(/\r?\n[ \t]+/g, ' '))).toEqual([
      '<https://watch.example.org/d%C3%A9sabonner?a=%3E,%3Chttps://evil.example/x&email=ada%40example.org>, <mailto:unsub@xn--exmple-cua.org?subject=unsubscribe%20ada%40example.org&body=unsubscribe%20ada%40example.org>',
    ]);
    // As written: folded at the white space before each URI (RFC 5322 §2.2.3), a line of its own for each, so that no
    // line is longer than its URI; never inside the brackets, where RFC 2369 §2 forbids white space to be added. A
    // URI longer than 78 characters (a signed token's) stays one line, within RFC 5322 §2.1.1's 998.
    const head = raw.toString('latin1').split('\r\n\r\n')[0]!.split('\r\n');
    const at = head.indexOf('List-Unsubscribe:');
    expect(head.slice(at, at + 4)).toEqual([
      'List-Unsubscribe:',
      ' <https://watch.example.org/d%C3%A9sabonner?a=%3E,%3Chttps://evil.example/x&email=ada%40example.org>,',
      ' <mailto:unsub@xn--exmple-cua.org?subject=unsubscribe%20ada%40example.org&body=unsubscribe%20ada%40example.org>',
      // RFC 8058 §3.1: the one-click field beside it, as it is.
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    ]);
  });

  it('refuses to send without a From address, before writing anything', async () => {
    const content = await contentFolder({ site: siteYaml({}, {}), entries: { '2014/a.md': entryText(entry({ date: '2014-05-08' })) } });
    const cwd = await tempDir('digest-no-from');
    const run = await runCli(['digest', '--content', content, '--week', '2014-W19', '--send', '--now', NOW], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('digest.from is missing');
    expect(await readdir(cwd)).toEqual([]);
  });
});
