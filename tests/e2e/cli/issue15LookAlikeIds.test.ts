import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';

// Issue 15, case 14 through the built CLI: ids that differ only by case folded in full (ß and SS) or by Turkish's
// two i's are refused as look-alikes, each naming the other.
describe('issue 15: look-alike ids beyond lower case', () => {
  it('check refuses straße beside STRASSE and dıa beside DİA', async () => {
    const content = await contentFolder({
      entries: {
        '2014/a.md': entryText(entry({ id: 'straße', url: 'https://news.example.com/a' })),
        '2014/b.md': entryText(entry({ id: 'STRASSE', url: 'https://news.example.com/b' })),
        '2014/c.md': entryText(entry({ id: 'dıa', url: 'https://news.example.com/c' })),
        '2014/d.md': entryText(entry({ id: 'DİA', url: 'https://news.example.com/d' })),
      },
    });
    const check = await runCli(['check', '--content', content, '--now', '2014-06-01T00:00:00Z']);
    expect(check.code).toBe(1);
    const fix = '(give one of them a clearly different id: line, or rename the file)';
    expect(check.stderr).toContain(`entries/2014/a.md: id: the id "straße" differs only by case, Unicode normalisation or invisible characters from "STRASSE" (entries/2014/b.md) ${fix}`);
    expect(check.stderr).toContain(`entries/2014/b.md: id: the id "STRASSE" differs only by case, Unicode normalisation or invisible characters from "straße" (entries/2014/a.md) ${fix}`);
    expect(check.stderr).toContain(`entries/2014/c.md: id: the id "dıa" differs only by case, Unicode normalisation or invisible characters from "DİA" (entries/2014/d.md) ${fix}`);
    expect(check.stderr).toContain(`entries/2014/d.md: id: the id "DİA" differs only by case, Unicode normalisation or invisible characters from "dıa" (entries/2014/c.md) ${fix}`);
  });
});
