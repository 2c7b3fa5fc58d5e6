import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';

// Through a real publish: what the sanitiser drops with its content (a tracking pixel in <noscript>, the text
// in an <svg>, ...) reaches no feed, no page (the entry's own included), no digest archive and no OPML, though the
// paragraph around it does, as the body and as the default summary (the first paragraph).
const DROPPED = ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'template', 'svg', 'math'];
const inside = (tag: string) => `<${tag}><img src="https://track.example.com/${tag}.gif" alt="">${tag}-hidden-words</${tag}>`;

let out: string | undefined;
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('content the sanitiser drops', () => {
  it('reaches no published file, while the words around it do', async () => {
    const body = `Visible opening ${DROPPED.map(inside).join(' ')} <embed src="https://track.example.com/embed.swf"> visible closing.\n\nSecond paragraph.\n`;
    const content = await contentFolder({
      site: siteYaml(),
      entries: { '2014/pixel.md': entryText(entry({ title: 'Harbour reopens', url: 'https://news.example.com/harbour', date: '2014-05-08' }), body) },
    });
    out = await mkdtemp(join(tmpdir(), 'broadsheet-dropped-'));
    const run = await runCli(['publish', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z']);
    expect(run.code, run.stderr).toBe(0);

    const files = (await readdir(out, { recursive: true, withFileTypes: true }))
      .filter((file) => file.isFile())
      .map((file) => relative(out!, join(file.parentPath, file.name)))
      .filter((key) => !key.startsWith('_broadsheet/'));
    const texts = Object.fromEntries(await Promise.all(files.map(async (key) => [key, await readFile(join(out!, key), 'utf8')] as const)));
    // The files that carry the body or its summary: the feeds, the index, the entry's page, the week's digest.
    for (const key of ['rss.xml', 'atom.xml', 'feed.json', 'index.html', 'tags/trade/rss.xml', 'entries/2014/pixel/index.html', 'digests/2014-W19.html', 'digests/2014-W19.txt']) {
      expect(texts[key], key).toBeDefined();
      expect(texts[key], key).toContain('Visible opening');
    }
    for (const [key, text] of Object.entries(texts)) {
      expect(text.includes('track.example.com'), `${key} has a dropped element's URL`).toBe(false);
      for (const tag of DROPPED) expect(text.includes(`${tag}-hidden-words`), `${key} has the text of a <${tag}>`).toBe(false);
    }
  }, 60_000);
});
