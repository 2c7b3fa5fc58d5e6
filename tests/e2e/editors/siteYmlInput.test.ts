import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { nuCheck } from '../../support/nuChecker.js';
import { once } from '../../support/once.js';

/**
 * Clumsy and hostile site.yml through the real CLI: what `check` passes publishes valid pages, and what would
 * publish invalid output or unbounded work is one line `site.yml: field: message (fix)`, refused by publish.
 */
const NOW = ['--now', '2014-06-01T00:00:00Z'];
const ENTRIES = { '2014/a.md': entryText(entry({ date: '2014-05-08' })) };

async function publish(site: Record<string, unknown> | string, entries: Record<string, string> = ENTRIES) {
  const content = await contentFolder({ site, entries });
  const out = await mkdtemp(join(tmpdir(), 'broadsheet-site-input-'));
  const checked = await runCli(['check', '--content', content]);
  const run = await runCli(['publish', '--content', content, '--out', out, ...NOW, '--quiet']);
  return { checked, run, out };
}

describe('links site.yml gives every page', () => {
  it('a digest.subscribe URL with a space, | or a stray %, and an author address with % | { }: checked, published, Nu-valid', async () => {
    const sites = [
      { ...SITE, digest: { subscribe: 'https://watch.example.org/sign up|now' } },
      { ...SITE, digest: { subscribe: 'mailto:editors@watch.example.org?subject=100%' } },
      // A digest: block without digest.subscribe or digest.from: the pages ask readers to write to the author.
      { ...SITE, author: { name: 'Editors', email: 'ed%zz|{x}@watch.example.org' }, digest: { day: 'monday' } },
    ];
    const pages: string[] = [];
    for (const site of sites) {
      const { checked, run, out } = await publish(site);
      expect(checked.code, checked.stderr).toBe(0);
      expect(run.code, run.stderr).toBe(0);
      pages.push(join(out, 'index.html'), join(out, 'tags', 'trade', 'index.html'));
    }
    expect(await nuCheck(pages)).toEqual([]);
  });
});

/** Parses `FILE[:LINE]: field: message (fix)`. */
function parse(line: string) {
  const match = /^(?<file>[^:\s]+)(?::(?<line>\d+))?: (?<field>[^:]+): (?<message>.+) \((?<fix>[^()]*(?:\([^()]*\)[^()]*)*)\)$/.exec(line);
  expect(match, `not in the FILE[:LINE]: field: message (fix) form: ${line}`).not.toBeNull();
  return match!.groups as { file: string; line?: string; field: string; message: string; fix: string };
}

/** check's problem lines and publish's run, which must refuse the same lines and write nothing. */
async function refused(site: Record<string, unknown> | string, entries: Record<string, string> = ENTRIES) {
  const { checked, run, out } = await publish(site, entries);
  expect(checked.code).toBe(1);
  const problems = checked.stderr.trim().split('\n').filter((line) => !/^\d+ problems? in /.test(line));
  expect(run.code).toBe(1);
  for (const line of problems) expect(run.stderr).toContain(line);
  expect(`${checked.stderr}${run.stderr}`).not.toMatch(/^\s+at /m);
  expect(await readdir(out)).toEqual([]);
  return problems.map(parse);
}

/** The line of the key at `path` (each key looked for below the one before) in the site.yml contentFolder writes (js-yaml's dump). */
function lineOf(site: Record<string, unknown>, ...path: string[]): string {
  const lines = dump(site).split('\n');
  let index = -1;
  for (const key of path) index = lines.findIndex((text, at) => at > index && text.trimStart().startsWith(`${key}:`));
  return String(index + 1);
}

// The values below each refused in a field of its own, and an entry of comments only: one check and one publish for all.
const LIST_ID = `${'list.'.repeat(300)}example.org`;
const DESCRIPTION = 'A long description. '.repeat(2_000);
const AUTHOR_NAME = 'Editors '.repeat(100);
const REFUSED_SITE = { ...SITE, description: DESCRIPTION, author: { name: AUTHOR_NAME, email: 'editors@watch.example.org' }, digest: { listId: LIST_ID, day: ['monday'], time: ['08:00'] } };
const TODO = '---\n# to do\n---\nA draft of a commentary.\n';
const refusedAtOnce = once(() => refused(REFUSED_SITE, { ...ENTRIES, '2014/todo.md': TODO }));
const refusedField = async (...fields: string[]) => (await refusedAtOnce()).filter((problem) => problem.file === 'site.yml' && fields.includes(problem.field));

describe('values too long for what carries them', () => {
  it('a digest.listId past 200 characters, which the List-Id line holds unfolded: one line, publish refuses', async () => {
    expect(await refusedField('digest.listId')).toEqual([
      { file: 'site.yml', line: lineOf(REFUSED_SITE, 'digest', 'listId'), field: 'digest.listId', message: `is ${LIST_ID.length} characters long, more than 200`, fix: expect.stringContaining('998 characters') },
    ]);
    // Every problem of the site.yml and entry refused at once is one this file expects, once.
    expect((await refusedAtOnce()).map((problem) => `${problem.file} ${problem.field}`).sort()).toEqual(
      ['author.name', 'description', 'digest.day', 'digest.listId', 'digest.time'].map((field) => `site.yml ${field}`).concat('entries/2014/todo.md front matter').sort(),
    );
  });

  it('a description past 1,000 characters and an author name past 200, which every feed and digest repeats: one line each, publish refuses', async () => {
    expect(await refusedField('description', 'author.name')).toMatchObject([
      { file: 'site.yml', field: 'description', message: `is ${DESCRIPTION.trim().length} characters long, more than 1000`, fix: expect.stringContaining('shorten it') },
      { file: 'site.yml', field: 'author.name', message: `is ${AUTHOR_NAME.trim().length} characters long, more than 200`, fix: expect.stringContaining('shorten it') },
    ]);
  });
});

// An SVG icon and an unsubscribe URL the handler refuses, in one site.yml: one check and one publish for both.
const WARNED_SITE = { ...SITE, icon: 'https://watch.example.org/icon.svg', digest: { from: 'Watch <digest@watch.example.org>', unsubscribe: { url: 'https://watch.example.org/unsubscribe?email={email}', mailto: 'unsubscribe@watch.example.org' } } };
const ICON_WARNING = `warning: site.yml:${lineOf(WARNED_SITE, 'icon')}: icon: "https://watch.example.org/icon.svg" is a .svg image, which RSS's <image> does not take (GIF, JPEG or PNG only): every RSS feed would name an image its readers may not show (give a square PNG (512 px) as icon)`;
const UNSUBSCRIBE_WARNING = `warning: site.yml:${lineOf(WARNED_SITE, 'digest', 'unsubscribe', 'url')}: digest.unsubscribe.url: "https://watch.example.org/unsubscribe?email={email}" is on the site's own /unsubscribe, where a deployment's subscription handler answers only ?token={token}: every one-click unsubscribe through it would be refused (400) (write https://watch.example.org/unsubscribe?token={token} (and set DIGEST_UNSUBSCRIBE_SECRET), or an endpoint of your own elsewhere)`;
const warnedAtOnce = once(() => publish(WARNED_SITE));

describe('an icon RSS cannot carry', () => {
  it('an SVG icon: a warning from check and publish naming the field, with the fix; both succeed', async () => {
    const { checked, run } = await warnedAtOnce();
    expect(checked.code).toBe(0);
    expect(checked.stderr.trim().split('\n')).toEqual([ICON_WARNING, UNSUBSCRIBE_WARNING]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(ICON_WARNING);
  });
});

describe('an unsubscribe URL on the site’s own /unsubscribe that the subscription handler refuses', () => {
  it('is a warning from check and publish naming the field and the handler’s own URL; both succeed', async () => {
    const { checked, run } = await warnedAtOnce();
    expect(checked.code).toBe(0);
    expect(checked.stderr.trim().split('\n')).toEqual([ICON_WARNING, UNSUBSCRIBE_WARNING]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(UNSUBSCRIBE_WARNING);
  });
});

describe('a digest send day and time written as a list', () => {
  it('day: [monday] and time: ["08:00"] are no day or time: one line each, publish refuses', async () => {
    expect(await refusedField('digest.day', 'digest.time')).toMatchObject([
      { file: 'site.yml', field: 'digest.day', message: '["monday"] is not a day of the week', fix: 'write a day name such as monday, or its ISO 8601 number, 1 (monday) to 7 (sunday)' },
      { file: 'site.yml', field: 'digest.time', message: '["08:00"] is not a time of day' },
    ]);
  });
});

describe('site.yml and front matter with no field', () => {
  it('an empty site.yml and front matter of comments only: each named empty with the fields to write, publish refuses', async () => {
    // A file of no bytes, read by the CLI; a site.yml of comments only reads as this one (parseSite, in
    // tests/unit/content/site.test.ts).
    expect(await refused('')).toEqual([
      { file: 'site.yml', line: undefined, field: 'file', message: 'is empty: it holds no field, only blank lines or comments', fix: 'write title:, description:, url:, language: and timezone: one per line' },
    ]);
    expect((await refusedAtOnce()).filter((problem) => problem.file === 'entries/2014/todo.md')).toEqual([
      { file: 'entries/2014/todo.md', line: undefined, field: 'front matter', message: 'is empty: it holds no field, only blank lines or comments', fix: 'write title:, url:, source: and date: one per line between the two --- lines' },
    ]);
  });
});

// A site.yml as a Windows editor saves it, whose author address has a domain in another script and whose digest: block
// has no from or subscribe (the pages' way to get it is a mail to the author): one check and one publish for both.
const WINDOWS_SITE = '\uFEFFtitle: 1984\r\ndescription: Curated test news.\r\nurl: https://watch.example.org/\r\nlanguage: en\r\ntimezone: Asia/Seoul\r\nidDate: 2014\r\nauthor:\r\n  name: Editors\r\n  email: editors@bücher.example\r\ndigest:\r\n  day: monday\r\n';
const windowsSite = once(() => publish(WINDOWS_SITE));

describe('site.yml as a Windows editor saves it', () => {
  it('a byte-order mark and CRLF line ends, title: 1984 on the first line: checked and published as typed', async () => {
    const { checked, run, out } = await windowsSite();
    expect(checked.code, checked.stderr).toBe(0);
    expect(run.code, run.stderr).toBe(0);
    const feed = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { title: string; items: { id: string }[] };
    expect(feed.title).toBe('1984');
    expect(feed.items[0]!.id).toBe('tag:watch.example.org,2014:2014/a');
  });
});


// An author address refused beside a digest.ses block naming a contactList without its topic: one check and one
// publish for both.
const HALF_LIST_SITE = { ...SITE, author: { name: 'Editors', email: 'jöhn@watch.example.org' }, digest: { from: 'Watch <digest@watch.example.org>', transport: 'ses', ses: { contactList: 'Readers' } } };
const halfListRefused = once(async () => {
  const problems = await refused(HALF_LIST_SITE);
  // Every problem of that site.yml is one this file expects, once.
  expect(problems.map((problem) => problem.field).sort()).toEqual(['author.email', 'digest.ses']);
  return problems;
});

describe('an author address in the Atom feeds', () => {
  // RFC 4287 §3.2.3: atom:email is an RFC 2822 addr-spec, ASCII only; the W3C validator calls anything else InvalidAddrSpec.
  it('a part before "@" in another script, or a "!" in the domain: one line each, publish refuses', async () => {
    expect((await halfListRefused()).filter((problem) => problem.field === 'author.email')).toEqual([
      // author: (7), its name: (8) and email: (9).
      { file: 'site.yml', line: '9', field: 'author.email', message: '"jöhn@watch.example.org" is not an email address: the part before "@" is not ASCII, and an Atom <email> is an RFC 2822 address, ASCII only (RFC 4287 §3.2.3)', fix: 'write an address like jane@example.org, or remove email' },
    ]);
    expect(await refused({ ...SITE, author: { name: 'Editors', email: 'editors@watch!example.org' } })).toMatchObject([{ field: 'author.email', message: expect.stringContaining('is not a domain name') }]);
  });

  it('a domain in another script: published in its IDNA form, in every Atom feed and on the pages', async () => {
    const { checked, run, out } = await windowsSite();
    expect(checked.code, checked.stderr).toBe(0);
    expect(run.code, run.stderr).toBe(0);
    // RFC 3492 §7.1's example: bücher is xn--bcher-kva.
    for (const feed of ['atom.xml', join('tags', 'trade', 'atom.xml')]) {
      expect(await readFile(join(out, feed), 'utf8')).toContain('<email>editors@xn--bcher-kva.example</email>');
    }
    expect(await readFile(join(out, 'index.html'), 'utf8')).toContain('mailto:editors@xn--bcher-kva.example');
  });
});

// A deployment sends to its subscriber store through SES without a contact list: its site.yml names the ses
// transport and, perhaps, the stack's configuration set, and no contactList or topic, which check must not ask for.
describe('digest.ses without a contact list', () => {
  it('passes check and publishes; a contactList without its topic is one line naming the fix', async () => {
    const deployed = await publish({ ...SITE, digest: { from: 'Watch <digest@watch.example.org>', transport: 'ses', ses: { configurationSet: 'broadsheet-prod' } } });
    expect([deployed.checked.code, deployed.checked.stderr]).toEqual([0, '']);
    expect(deployed.run.code, deployed.run.stderr).toBe(0);
    // The line of `ses:` in the file contentFolder writes (js-yaml's dump).
    const line = dump(HALF_LIST_SITE).split('\n').findIndex((text) => text.trim() === 'ses:') + 1;
    expect((await halfListRefused()).filter((problem) => problem.field === 'digest.ses')).toEqual([
      { file: 'site.yml', line: String(line), field: 'digest.ses', message: 'names a contactList without its topic', fix: 'write both, ses: {contactList: Readers, topic: weekly-digest}, or neither (a deployment sends to its subscriber store)' },
    ]);
  });
});
