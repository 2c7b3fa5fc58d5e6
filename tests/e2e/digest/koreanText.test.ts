import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hangulColumns } from '../../support/columns.js';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { readWithPythonEmail } from '../../support/pythonMail.js';
import { tempDir } from './support.js';

// A Korean site's digest, archived and mailed through the CLI: its text part fits 72 columns of a fixed-width screen,
// a Hangul syllable taking two (UAX #11), and its heading's underline is as wide as the heading. The test's text is
// Hangul syllables (U+AC00–U+D7A3) and ASCII, counted by that rule alone.
const SUMMARY = Array.from({ length: 24 }, (_, i) => `개성공단${'의'.repeat(i % 3)} 생산`).join(' ');

describe("a Korean site's digest text, through the CLI", () => {
  it('keeps every line of the archived text and of the email within 72 columns, URLs aside, the underline as wide as the heading', async () => {
    const content = await contentFolder({
      site: siteYaml({ title: '한반도 경제 워치', language: 'ko' }),
      entries: { '2014/kaesong.md': entryText(entry({ title: '개성공단 생산 회복', url: 'https://news.example.com/kaesong', date: '2014-05-07', summary: SUMMARY })) },
    });
    const cwd = await tempDir('digest-korean-text');
    const run = await runCli(['digest', '--content', content, '--out', join(cwd, 'public'), '--week', '2014-W19', '--send', '--now', '2014-05-12T08:00:00+09:00', '--to', 'ada@example.org', '--quiet'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const archived = await readFile(join(cwd, 'public', 'digests', '2014-W19.txt'), 'utf8');
    const [file] = await readdir(join(cwd, 'outbox/2014-W19'));
    const mail = readWithPythonEmail(await readFile(join(cwd, 'outbox/2014-W19', file!)), { strict: true });
    const emailed = mail.parts.find((part) => part.type === 'text/plain')!.content!;
    for (const text of [archived, emailed]) {
      const lines = text.split(/\r?\n/);
      expect(lines[0]).toBe('Weekly digest of 한반도 경제 워치');
      expect(lines[1]).toBe('='.repeat(hangulColumns(lines[0]!)));
      expect(text).toContain('개성공단 생산');
      for (const line of lines.filter((line) => !/https?:\/\//.test(line))) expect(hangulColumns(line), line).toBeLessThanOrEqual(72);
    }
  });
});
