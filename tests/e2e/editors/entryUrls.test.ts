import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';

// An entry's URLs are published as a browser reads them, in one form in every output, and never with credentials.
describe('entry URLs through check and publish', () => {
  it('publishes backslashes and a hex IPv4 host as the browser reads them everywhere, and refuses credentials', async () => {
    const content = await contentFolder({
      entries: {
        '2014/a.md': entryText(entry({ url: 'https://news.example.com\\articles\\story.html', source: { name: 'S', url: 'https://0x7f.1/hexip' } })),
        '2014/b.md': entryText(entry({ title: 'Secret', url: 'https://user:secret@news.example.com/b', date: '2014-05-09' })),
      },
    });
    const warning = 'warning: entries/2014/a.md:3: url: has a backslash (\\) before its query, which browsers read as / (write url: https://news.example.com/articles/story.html, as it is published)';
    const refusal = 'entries/2014/b.md:3: url: holds a user name or password (the part before @), which every feed and page would publish (write url: https://news.example.com/b)';
    const check = await runCli(['check', '--content', content]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(warning);
    expect(check.stderr).toContain(refusal);
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-entry-urls-'));
    const publish = await runCli(['publish', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z', '--skip-invalid', '--quiet']);
    expect(publish.code).toBe(0);
    expect(publish.stderr).toContain(warning);
    expect(publish.stderr).toContain(refusal);
    const files = (await readdir(out, { recursive: true, withFileTypes: true })).filter((file) => file.isFile());
    const texts = await Promise.all(files.map(async (file) => [join(file.parentPath, file.name), await readFile(join(file.parentPath, file.name), 'utf8')] as const));
    for (const [path, text] of texts) {
      expect(text, path).not.toContain('secret');
      expect(text, path).not.toContain('0x7f');
      expect(text, path).not.toContain('news.example.com\\');
    }
    const read = (key: string) => texts.find(([path]) => path === join(out, key))![1];
    for (const key of ['rss.xml', 'atom.xml', 'feed.json', 'entries/2014/a/index.html', 'index.html']) {
      expect(read(key), key).toContain('https://news.example.com/articles/story.html');
      expect(read(key), key).toContain('https://127.0.0.1/hexip');
    }
  });
});
