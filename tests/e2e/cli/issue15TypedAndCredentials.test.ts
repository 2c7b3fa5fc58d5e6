import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';

const NOW = '2014-06-01T00:00:00Z';

// Issue 15, cases 6 and 9 through the built CLI: a site.yml image or hub URL with credentials is refused as the
// site's url is, and a number-like source, source name, summary or related title is kept as typed or asked to be
// quoted, never called missing.
describe('issue 15: credentials in site.yml URLs, number-like text in every text field', () => {
  it('refuses an icon with a password in check and publish, writing nothing', async () => {
    const content = await contentFolder({ site: { ...SITE, icon: 'https://editor:secret@img.example.org/icon.png' }, entries: { '2014/a.md': entryText(entry()) } });
    // site.yml: SITE's six fields, then icon (line 7).
    const refusal = 'site.yml:7: icon: holds a user name or password (the part before @), which every feed would publish (write icon: https://img.example.org/icon.png)';
    const check = await runCli(['check', '--content', content, '--now', NOW]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(refusal);
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-issue15-'));
    const publish = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    expect(publish.code).toBe(1);
    expect(publish.stderr).toContain(refusal);
    expect(publish.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(out)).toEqual([]);
  });

  it('publishes a source and a related title typed as numbers as typed, and asks to quote one that YAML reads otherwise', async () => {
    const kept = '---\ntitle: Kept\nurl: https://news.example.com/a\nsource: {name: 1843, url: "https://s.example.com/"}\ndate: 2014-05-08\nsummary: 2048\ntags: 2014\nrelated: [{title: 1984, url: "https://r.example.com/"}]\n---\nBody.\n';
    const quoted = '---\ntitle: Quoted\nurl: https://news.example.com/b\nsource: 1e3\ndate: 2014-05-09\nrelated:\n  - title: 1.50\n    url: https://r.example.com/b\n---\nBody.\n';
    const content = await contentFolder({ entries: { '2014/a.md': kept, '2014/b.md': quoted } });
    const problems = [
      'entries/2014/b.md:4: source: YAML reads "1e3" as the number 1000, not as typed (put it in quotes to keep it as typed, e.g. source: "1e3")',
      'entries/2014/b.md:7: related[0].title: YAML reads "1.50" as the number 1.5, not as typed (put it in quotes to keep it as typed, e.g. title: "1.50")',
    ];
    const check = await runCli(['check', '--content', content, '--now', NOW]);
    expect(check.code).toBe(1);
    for (const line of problems) expect(check.stderr).toContain(line);
    expect(check.stderr).not.toContain('is missing');
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-issue15-'));
    const publish = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--skip-invalid', '--quiet']);
    expect(publish.code).toBe(0);
    const feed = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { items: { title: string; summary?: string; content_html: string }[] };
    expect(feed.items.map((item) => item.title)).toEqual(['Kept']);
    expect(feed.items[0]!.summary).toBe('2048');
    expect(feed.items[0]!.content_html).toContain('>1984</a>');
    expect(feed.items[0]!.content_html).toContain('Source: <a href="https://s.example.com/">1843</a>.');
    expect(await readFile(join(out, 'rss.xml'), 'utf8')).toContain('<dc:creator>1843</dc:creator>');
    // One tag written alone as a number: its own feed.
    expect(await readFile(join(out, 'tags/2014/rss.xml'), 'utf8')).toContain('<title>Kept</title>');
  });
});
