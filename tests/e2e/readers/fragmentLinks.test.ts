import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { readWithUniversalFeedParser } from '../../support/universalFeedParser.js';

// A commentary pasted with its footnotes (`<a href="#fn1">`), or linking a place in itself (`[the notes](#notes)`):
// the sanitiser keeps no id, and resolved against the site's url the link opened the home page, in every reader and
// on the entry's page. The words stay; the link goes.

const temporary: string[] = [];
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

const BODY = 'Exports fell by a third.<sup><a href="#fn1">1</a></sup> See [the notes](#notes) and [the archive](/digests/#2014).\n\n<ol><li id="fn1">Chinese customs data.</li></ol>\n';

describe('links to a place in the commentary', () => {
  it('are published as their text in the feeds and on the entry’s page; other links keep their fragment', async () => {
    const content = await contentFolder({ entries: { '2014/notes.md': entryText(entry({ title: 'Exports fall', url: 'https://news.example.com/exports', date: '2014-05-20', summary: 'Exports fell.' }), BODY) } });
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-fragments-'));
    temporary.push(content, out);
    const run = await runCli(['publish', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z', '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const atom = await readFile(join(out, 'atom.xml'), 'utf8');
    expect(readWithUniversalFeedParser(atom).bozo).toBe(false);
    for (const file of ['rss.xml', 'atom.xml', 'feed.json', 'entries/2014/notes/index.html']) {
      const text = await readFile(join(out, file), 'utf8');
      expect(text, file).not.toMatch(/https:\/\/watch\.example\.org\/#(fn1|notes)/);
      expect(text, file).toContain('https://watch.example.org/digests/#2014');
    }
    const page = await readFile(join(out, 'entries/2014/notes/index.html'), 'utf8');
    expect(page).toContain('<sup><a>1</a></sup>');
    expect(page).toContain('See <a>the notes</a> and');
  });
});
