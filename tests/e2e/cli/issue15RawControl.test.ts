import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';

// Issue 15, case 10 through the built CLI: a control character typed raw in front matter (pasted from a terminal or
// a PDF) is named with its line, column and field and the fix to delete it, not taken for a list or a quote slip;
// an author name of control characters alone is named on its field.
describe('issue 15: control characters in front matter and site.yml', () => {
  it('check names it with its place and the fix', async () => {
    const text = '---\ntitle: T\nurl: https://news.example.com/a\nsource: S\ndate: 2014-05-08\ntags: [Trade, "Ch\u0001ina"]\n---\nBody.\n';
    // And on a list item's own line, which has no key: the list's.
    const item = '---\ntitle: T\nurl: https://news.example.com/b\nsource: S\ndate: 2014-05-08\ntags:\n  - Trade\n  - Ch\u0001ina\n---\nBody.\n';
    const content = await contentFolder({ entries: { '2014/a.md': text, '2014/b.md': item } });
    const check = await runCli(['check', '--content', content, '--now', '2014-06-01T00:00:00Z']);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('entries/2014/a.md:6: tags: malformed YAML: holds U+0001, a control character, at column 18, which YAML does not read in a file (delete it, as no feed or page would show it; to keep it, write it as an escape inside double quotes: "\\u0001")');
    expect(check.stderr).toContain('entries/2014/b.md:8: tags: malformed YAML: holds U+0001, a control character, at column 7, which YAML does not read in a file (delete it, as no feed or page would show it; to keep it, write it as an escape inside double quotes: "\\u0001")');
    expect(check.stderr).not.toMatch(/\n\s+at /);
  });

  it('check names an author name of control characters alone (a YAML escape) on author.name, as blank in every feed', async () => {
    const content = await contentFolder({ site: { ...SITE, author: { name: '\u0001\u009b' } }, entries: { '2014/a.md': entryText(entry()) } });
    const check = await runCli(['check', '--content', content, '--now', '2014-06-01T00:00:00Z']);
    expect(check.code).toBe(1);
    // site.yml: SITE's six fields, then author: (7) and its name: (8).
    expect(check.stderr).toContain('site.yml:8: author.name: holds nothing once the control characters every feed removes are gone, so every feed would show the author blank (write the name readers should see, e.g. author: {name: Jane Doe}, or remove author (the site title stands in))');
  });
});
