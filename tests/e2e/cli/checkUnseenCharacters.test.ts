import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder } from '../../support/content.js';

// The file line (1-based) of the first line of `text` that holds `part`.
const lineOf = (text: string, part: string) => text.split('\n').findIndex((line) => line.includes(part)) + 1;

// Through the built CLI, characters no editor shows: a lone surrogate half escaped into a related link's title (dropped
// from every output), a NEL in a front-matter comment, and two look-alike ids in a composed and a decomposed é.md,
// whose file names print alike unless their marks are escaped.
describe('check on characters no editor shows', () => {
  it('names each with its file, line, field and fix, and the look-alike files apart', async () => {
    const head = (title: string, url: string) => ['---', `title: ${title}`, `url: https://news.example.com/${url}`, 'source: Example News', 'date: 2014-05-08'];
    const halved = [...head('Rice', 'rice'), 'related:', '  - title: "More\\uDC00 rice"', '    url: https://news.example.com/more', '---', 'Body.', ''].join('\n');
    const commented = [...head('Wheat', 'wheat'), '# checked \u0085 by desk', '---', 'Body.', ''].join('\n');
    const content = await contentFolder({
      entries: {
        '2014/halved.md': halved,
        '2014/commented.md': commented,
        '2014/caf\u00e9.md': [...head('Oats', 'oats'), '---', 'Body.', ''].join('\n'),
        '2014/cafe\u0301.md': [...head('Barley', 'barley'), '---', 'Body.', ''].join('\n'),
      },
    });
    const check = await runCli(['check', '--content', content]);
    expect(check.code).toBe(1);
    const lines = check.stderr.trim().split('\n');
    const fix = '(give one of them a clearly different id: line, or rename the file)';
    const expected = [
      `warning: entries/2014/halved.md:${lineOf(halved, 'More')}: related[0].title: holds U+DC00, a lone surrogate half (no character), which every feed, page and mail drops: published as "More rice" (delete it: most often a YAML escape, "\\u…" or "\\x…", typed by mistake)`,
      `warning: entries/2014/commented.md:${lineOf(commented, '# checked')}: front matter comment: holds U+0085, a control character, at column 11, which no editor shows: YAML leaves the comment out, so nothing is published, but the file holds it (delete it)`,
      `entries/2014/caf\u00e9.md: id: the id "2014/caf\u00e9" differs only by case, Unicode normalisation or invisible characters from "2014/cafe\u0301" (with U+0301) (entries/2014/cafe\\u301.md) ${fix}`,
      // Its line starts with its file's mark escaped (problemLines), as the composed one's does not: said once.
      `entries/2014/cafe\\u301.md: id: the id "2014/cafe\u0301" (with U+0301) differs only by case, Unicode normalisation or invisible characters from "2014/caf\u00e9" (entries/2014/caf\u00e9.md) ${fix}`,
    ];
    for (const line of expected) expect(lines, line).toContain(line);
  });

  // The composed one published, the decomposed one added since: only the new one has a line, which said its own file
  // twice, at its start and again as "(in entries/2014/cafe\u301.md)". Now once, escaped, at its start.
  it('check --out names the new look-alike of a published entry once, its file escaped at the line start', async () => {
    const text = (title: string) => ['---', `title: ${title}`, `url: https://news.example.com/${title}`, 'source: Example News', 'date: 2014-05-08', '---', 'Body.', ''].join('\n');
    const content = await contentFolder({ entries: { '2014/caf\u00e9.md': text('oats') } });
    const out = `${content}-out`;
    const now = ['--now', '2014-06-01T00:00:00Z'];
    expect((await runCli(['publish', '--content', content, '--out', out, ...now, '--quiet'])).code).toBe(0);
    await writeFile(join(content, 'entries', '2014', 'cafe\u0301.md'), text('barley'));
    const check = await runCli(['check', '--content', content, '--out', out, ...now]);
    expect(check.code).toBe(1);
    expect(check.stderr.trim().split('\n')).toEqual([
      'entries/2014/cafe\\u301.md: id: the id "2014/cafe\u0301" (with U+0301) differs only by case, Unicode normalisation or invisible characters from "2014/caf\u00e9" (entries/2014/caf\u00e9.md) (give this entry a clearly different id: line)',
      `1 problem in ${content}/`,
    ]);
  });
});
