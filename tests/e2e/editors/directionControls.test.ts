import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';

const FIX = '(remove it, or close it where it should end: U+202C after an embedding or override, U+2069 after an isolate)';

/** check warns with this one line alone and succeeds; publish warns with it too, and publishes. */
async function expectWarnedOnly(content: string, warning: string): Promise<void> {
  const check = await runCli(['check', '--content', content]);
  expect(check.code).toBe(0);
  expect(check.stderr.trim().split('\n')).toEqual([warning]);
  const publish = await runCli(['publish', '--content', content, '--out', await mkdtemp(join(tmpdir(), 'broadsheet-bidi-')), '--now', '2014-06-01T00:00:00Z', '--quiet']);
  expect(publish.code).toBe(0);
  expect(publish.stderr).toContain(warning);
}

// A title whose right-to-left override is never closed reads "Invoice exe.pdf" in a feed reader's list and a mail
// client's subject: check and publish say so, and publish anyway (the text is kept as typed).
describe('an unclosed direction control in an entry', () => {
  it('is a warning from check and publish naming the file, line, field and control, with the fix; both succeed', async () => {
    const content = await contentFolder({
      entries: {
        '2014/a.md': entryText(entry({ title: 'Invoice \u202Efdp.exe' })),
        '2014/b.md': entryText(entry({ title: 'Closed \u202Eenough\u202C here', url: 'https://news.example.com/b' })),
      },
    });
    await expectWarnedOnly(content, `warning: entries/2014/a.md:2: title: holds U+202E RIGHT-TO-LEFT OVERRIDE and never closes it, so feed readers and mail clients show the text after it reordered or backwards ${FIX}`);
  });
});

// The site's title heads every feed in a reader's list and every digest's Subject: the same rule.
describe('an unclosed direction control in site.yml', () => {
  it('is a warning from check and publish naming site.yml, the line, the field and the fix; both succeed', async () => {
    const content = await contentFolder({ site: { ...SITE, title: 'Watch \u202Eyllaer' }, entries: { '2014/a.md': entryText(entry()) } });
    // title: is the first line of the dumped site.yml.
    await expectWarnedOnly(content, `warning: site.yml:1: title: holds U+202E RIGHT-TO-LEFT OVERRIDE and never closes it, so feed readers and mail clients show the text after it reordered or backwards ${FIX}`);
  });
});
