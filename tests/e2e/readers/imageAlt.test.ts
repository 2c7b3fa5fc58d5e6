import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { findAll, parseXml } from '../../support/xml.js';

type Node = DefaultTreeAdapterMap['node'];

// An entry's image as a reader meets it, through the real CLI: the entry's imageAlt is the text alternative on its
// page and in every feed's HTML content (WCAG 1.1.1); without one the page's image is decorative (alt="") and the
// feeds' carries the title.
const ALT = 'Trucks queue at the "Dandong" crossing & <gate>';
const TITLE = 'Rail freight resumes';

/** The alt of every img in an HTML document or fragment, as a browser parses it. */
function alts(html: string, fragment = false): (string | undefined)[] {
  const found: (string | undefined)[] = [];
  const walk = (node: Node) => {
    if ('tagName' in node && node.tagName === 'img') found.push(node.attrs.find((attr) => attr.name === 'alt')?.value);
    if ('childNodes' in node) for (const child of node.childNodes) walk(child as Node);
    if ('content' in node && node.content) walk(node.content as Node);
  };
  walk((fragment ? parseFragment(html) : parse(html)) as Node);
  return found;
}

let out: string;
beforeAll(async () => {
  const content = await contentFolder({
    entries: {
      '2014/described.md': entryText(entry({ title: TITLE, url: 'https://news.example.com/a', date: '2014-05-02', image: 'https://img.example.com/a.jpg', imageAlt: ALT })),
      '2014/bare.md': entryText(entry({ title: 'No description', url: 'https://news.example.com/b', date: '2014-05-01', image: 'https://img.example.com/b.jpg' })),
    },
  });
  out = await mkdtemp(join(tmpdir(), 'broadsheet-image-alt-'));
  const run = await runCli(['publish', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z', '--quiet']);
  expect(run.code, run.stderr).toBe(0);
});

describe("an entry image's text alternative", () => {
  it("is the entry's imageAlt on its page, and empty on a page whose entry has none", async () => {
    expect(alts(await readFile(join(out, 'entries/2014/described/index.html'), 'utf8'))).toEqual([ALT]);
    expect(alts(await readFile(join(out, 'entries/2014/bare/index.html'), 'utf8'))).toEqual(['']);
  });

  it('is the imageAlt, else the title, in RSS content:encoded, Atom content and JSON Feed content_html', async () => {
    const rss = parseXml(await readFile(join(out, 'rss.xml'), 'utf8'));
    const atom = parseXml(await readFile(join(out, 'atom.xml'), 'utf8'));
    const json = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { items: { content_html: string }[] };
    const contents = {
      rss: findAll(rss, 'content:encoded').map((element) => element.text),
      atom: findAll(atom, 'content').map((element) => element.text),
      json: json.items.map((item) => item.content_html),
    };
    for (const [format, htmls] of Object.entries(contents)) {
      // Newest first: the described entry, then the bare one.
      expect(htmls.map((html) => alts(html, true)), format).toEqual([[ALT], ['No description']]);
    }
  });
});
