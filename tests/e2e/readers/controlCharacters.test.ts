import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { dump } from 'js-yaml';
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entryText } from '../../support/content.js';

// An editor pastes control characters into an entry's title, source and commentary (and site.yml's title).
// The whole published site (feeds, pages, the digest archive) and the digest email, sent through the file
// transport, must hold none of them, and must show the text without them.
const C0 = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000B', '\u000C', '\u001B', '\u001F'];
// And the noncharacters, which HTML's parser reports: U+FDD0 to U+FDEF and the last two code points of every plane.
const OTHERS = ['\u007F', '\u0080', '\u0085', '\u009B', '\u009F', '\uFFFE', '\uFFFF', '\uFDD0', '\uFDEF', '\u{1FFFE}', '\u{10FFFF}'];
const CONTROLS = [...C0, ...OTHERS];
const isControl = (character: string) => {
  const code = character.codePointAt(0)!;
  return (code < 0x20 && !'\t\n\r'.includes(character)) || (code >= 0x7f && code <= 0x9f) || (code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe || (code >= 0xd800 && code <= 0xdfff);
};
const controlsIn = (text: string) => [...text].filter(isControl).map((character) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
/** Text as it reads after character references are resolved (a control written as `&#1;` is still one). */
const resolved = (text: string) =>
  text.replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16))).replace(/&#(\d+);/g, (_m, decimal: string) => String.fromCodePoint(Number(decimal)));
// One control after each word, cycling through them all from `from`, so that the texts together hold every one.
const dirty = (text: string, from = 0) => text.split(' ').map((word, i) => word + CONTROLS[(from + i) % CONTROLS.length]).join(' ');
const strip = (text: string) => [...text].filter((character) => !isControl(character)).join('');

const TITLE = dirty('Rice and exchange rates steady in Sinuiju');
const SOURCE = dirty('Daily NK markets desk', 7);
// The commentary's first paragraph is the entry's summary on the pages, in the digest and in the feeds.
const COMMENTARY = `${dirty('Traders in Sinuiju said prices held all week.', 11)}\n\n${dirty('A second paragraph with more detail.', 18)}\n`;
const SITE_TITLE = dirty('Test Watch');
const NOW = '2014-05-12T09:00:00+09:00';

async function filesUnder(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) found.push(relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
  }
  return found.sort();
}

describe('control characters in an entry reach no output', () => {
  let cwd: string;
  let published: string[];
  beforeAll(async () => {
    const content = await contentFolder({
      site: dump({
        title: SITE_TITLE,
        description: 'Curated test news.',
        url: 'https://watch.example.org/',
        language: 'en',
        timezone: 'Asia/Seoul',
        idDate: '2014',
        digest: { from: 'Test Watch <digest@watch.example.org>', transport: 'file', subscribers: 'subscribers.txt', unsubscribe: { url: 'https://lists.watch.example.org/unsubscribe?email={email}', mailto: 'unsubscribe@watch.example.org' } },
      }),
      entries: {
        '2014/rice.md': entryText({ title: TITLE, url: 'https://news.example.com/rice', source: { name: SOURCE, url: 'https://news.example.com/' }, date: '2014-05-08', tags: ['Trade'] }, COMMENTARY),
      },
    });
    await writeFile(join(content, 'subscribers.txt'), 'ada@example.org\n');
    cwd = await mkdtemp(join(tmpdir(), 'broadsheet-controls-'));
    const run = await runCli(['digest', '--content', content, '--week', '2014-W19', '--send', '--now', NOW], { cwd });
    // What it says: each field that held them, at its line, naming the first and counting the rest (README, Encoding).
    const lineOf = (text: string, start: string) => text.split('\n').findIndex((line) => line.trimStart().startsWith(start)) + 1;
    const entry = await readFile(join(content, 'entries/2014/rice.md'), 'utf8');
    const site = await readFile(join(content, 'site.yml'), 'utf8');
    const said = (file: string, line: number, field: string, text: string) => {
      const [first, ...more] = controlsIn(text);
      return `warning: ${file}:${line}: ${field}: holds ${first}, a control character and ${more.length} more such, which every feed, page and mail drops: published as "${strip(text)}" `;
    };
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(4);
    expect(lines[0]!.startsWith(said('site.yml', lineOf(site, 'title:'), 'title', SITE_TITLE))).toBe(true);
    expect(lines[1]!.startsWith(said('entries/2014/rice.md', lineOf(entry, 'title:'), 'title', TITLE))).toBe(true);
    expect(lines[2]!.startsWith(said('entries/2014/rice.md', lineOf(entry, 'name:'), 'source.name', SOURCE))).toBe(true);
    // The body, as typed (no YAML escapes there): its line, the first control and the count of the others.
    const [firstInBody, ...moreInBody] = controlsIn(COMMENTARY);
    const bodyLine = entry.split('\n').findIndex((line) => [...line].some(isControl) && !line.includes(':')) + 1;
    expect(lines[3]!.startsWith(`warning: entries/2014/rice.md:${bodyLine}: body: holds ${firstInBody}, a control character and ${moreInBody.length} more such, which every feed, page and mail drops, unseen`), lines[3]).toBe(true);
    expect(run.code).toBe(0);
    published = (await filesUnder(join(cwd, 'public'))).filter((key) => !key.startsWith('_broadsheet/'));
  });

  it('the entry file holds them (js-yaml writes them as escapes, the body as they are)', async () => {
    expect(controlsIn(TITLE).length).toBeGreaterThan(5);
    expect(controlsIn(COMMENTARY).length).toBeGreaterThan(5);
    expect(new Set([...TITLE, ...SOURCE, ...COMMENTARY].filter(isControl))).toEqual(new Set(CONTROLS));
  });

  it('in no published file: feeds, pages, digest archive', async () => {
    for (const key of ['rss.xml', 'atom.xml', 'feed.json', 'tags/trade/rss.xml', 'index.html', 'tags/trade/index.html', 'entries/2014/rice/index.html', 'feeds.opml', 'digests/2014-W19.html', 'digests/2014-W19.txt', 'digests/index.html', 'digests/rss.xml', 'digests/feed.json']) {
      expect(published, key).toContain(key);
    }
    // Every text file; icon.png is an image, whose bytes are not text.
    for (const key of published.filter((k) => !k.endsWith('.png'))) {
      const text = await readFile(join(cwd, 'public', key), 'utf8');
      expect(controlsIn(resolved(text)), key).toEqual([]);
      // JSON writes C0 controls as escapes: read the strings themselves.
      if (key.endsWith('.json')) expect(controlsIn(JSON.stringify(JSON.parse(text), (_k, value: unknown) => (typeof value === 'string' ? value.replace(/[^]/g, (c) => (isControl(c) ? '\u0000' : '')) : value))), key).toEqual([]);
    }
  });

  it('the text without them is what readers get', async () => {
    const read = (key: string) => readFile(join(cwd, 'public', key), 'utf8');
    // Markdown reads a NUL in the commentary as U+FFFD (CommonMark §2.3), before any output sees it.
    const [title, source, summary] = [strip(TITLE), strip(SOURCE), strip(COMMENTARY.split('\n\n')[0]!.replaceAll('\u0000', '\uFFFD'))];
    for (const key of ['index.html', 'digests/2014-W19.html', 'digests/2014-W19.txt', 'rss.xml', 'atom.xml']) {
      const text = await read(key);
      expect(text, key).toContain(title);
      expect(text, key).toContain(source);
    }
    for (const key of ['index.html', 'digests/2014-W19.html', 'digests/2014-W19.txt']) expect(await read(key), key).toContain(summary);
    const json = JSON.parse(await read('feed.json')) as { title: string; items: { title: string; summary: string; authors: { name: string }[] }[] };
    expect(json.title).toBe(strip(SITE_TITLE));
    expect(json.items[0]).toMatchObject({ title, summary, authors: [{ name: source }] });
  });

  it('in no part of the email built from the digest model: header fields, plain text, HTML', async () => {
    const outbox = join(cwd, 'outbox/2014-W19');
    const files = await readdir(outbox);
    expect(files).toHaveLength(1);
    const raw = await readFile(join(outbox, files[0]!));
    const mail = await simpleParser(raw);
    expect(controlsIn(raw.toString('utf8').split(/\r?\n\r?\n/)[0]!), 'raw header').toEqual([]);
    expect(controlsIn(mail.subject ?? ''), 'subject').toEqual([]);
    expect(mail.subject).toContain(strip(SITE_TITLE));
    for (const [name, value] of mail.headers) expect(controlsIn(typeof value === 'string' ? value : JSON.stringify(value)), name).toEqual([]);
    expect(controlsIn(mail.text ?? ''), 'text').toEqual([]);
    expect(controlsIn(resolved(mail.html || '')), 'html').toEqual([]);
    for (const part of [mail.text ?? '', mail.html || '']) {
      expect(part).toContain(strip(TITLE));
      expect(part).toContain(strip(SOURCE));
    }
  });
});
