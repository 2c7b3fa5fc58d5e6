import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';

// Issue 15, case 10 through the built CLI: a reference to no character (a surrogate, beyond U+10FFFF, a
// noncharacter) is published as U+FFFD, which the W3C validator calls a bad character, or, in a Markdown link's
// address, as typed, where its `#` starts a fragment; check and publish say so.
describe('issue 15: references published as U+FFFD', () => {
  it('check and publish warn, naming the first and counting the rest', async () => {
    const body = 'Rice prices.\n\nWheat&#xD800; and &#x110000; too.\n';
    // And one in a Markdown link's address, which keeps it as typed: its `#` starts a fragment.
    const linked = 'See [the report](https://x.example.org/report&#xD800;).\n';
    // And one in a plain-text field, shown as typed: the fix deletes it rather than writing U+FFFE into the file.
    const b = entryText(entry({ url: 'https://news.example.com/b', summary: 'Rice&#xFFFE; prices' }), linked);
    const content = await contentFolder({ entries: { '2014/a.md': entryText(entry(), body), '2014/b.md': b } });
    const line = entryText(entry(), body).split('\n').indexOf('Wheat&#xD800; and &#x110000; too.') + 1;
    const warning = `warning: entries/2014/a.md:${line}: body: holds "&#xD800;", a reference to U+D800, a surrogate, half of a UTF-16 pair and no character by itself: every feed and page shows it as U+FFFD (\uFFFD); and 1 more such reference (delete &#xD800; and the others, or write the character meant)`;
    const linkWarning = `warning: entries/2014/b.md:${b.split('\n').indexOf(linked.trimEnd()) + 1}: body: holds "&#xD800;" in a link's address, a reference to U+D800, a surrogate, half of a UTF-16 pair and no character by itself: the address keeps it as typed, where its "#" starts a fragment, so the link leads elsewhere (delete &#xD800;, or write the address meant)`;
    const summaryWarning = `warning: entries/2014/b.md:${b.split('\n').findIndex((text) => text.startsWith('summary:')) + 1}: summary: holds the HTML character reference "&#xFFFE;", which readers are shown as typed: the field is plain text (delete &#xFFFE;, which stands for no character a reader can read, and write the rest as plain text)`;
    const check = await runCli(['check', '--content', content, '--now', '2014-06-01T00:00:00Z']);
    expect(check.code).toBe(0);
    expect(check.stderr).toContain(warning);
    expect(check.stderr).toContain(linkWarning);
    expect(check.stderr).toContain(summaryWarning);
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-issue15-'));
    const publish = await runCli(['publish', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z', '--quiet']);
    expect(publish.code).toBe(0);
    expect(publish.stderr).toContain(warning);
    expect(publish.stderr).toContain(linkWarning);
    expect(await readFile(join(out, 'rss.xml'), 'utf8')).toContain('Wheat\uFFFD and \uFFFD too.');
    expect(await readFile(join(out, 'entries/2014/b/index.html'), 'utf8')).toContain('href="https://x.example.org/report&amp;#xD800;"');
  });
});
