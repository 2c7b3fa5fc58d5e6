import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';

const NOW = '2014-06-01T00:00:00Z';
const outDir = () => mkdtemp(join(tmpdir(), 'broadsheet-issue15-'));

// Issue 15, cases 3, 4 and 7 through the built CLI (their other runs are in process, tests/unit/cli): nested YAML
// aliases are one short line, a mistyped year (in a date or an updated:) a warning that costs the sendEmpty archive nothing, and a language no
// validator knows a refusal before anything is written.
describe('issue 15: aliases, a mistyped year, an unregistered language', () => {
  it('check names an alias bomb in one short line and warns of a year typed 1914 in a date, 1014 or 2104 in an updated:; publish --skip-invalid archives its week and those of the others, not the century between', async () => {
    // 431 bytes that expand nine-fold per level: the refusal comes before any expansion.
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefgh'[index]}`).join(', ')}]`)];
    const bomb = `---\ntitle: Bomb\nurl: https://news.example.com/bomb\nsource: S\ndate: 2014-05-07\n${levels.join('\n')}\n---\nBody.\n`;
    const early = entryText(entry({ url: 'https://news.example.com/early', date: '2014-05-09', updated: '1014-05-11' }));
    const typo = entryText(entry({ title: 'Typo', url: 'https://news.example.com/typo', date: '1914-05-08' }));
    const late = entryText(entry({ url: 'https://news.example.com/late', date: '2014-05-09', updated: '2104-05-11' }));
    const lineOf = (text: string, key: string) => text.split('\n').findIndex((line) => line.startsWith(`${key}:`)) + 1;
    const digest = { day: 'monday', time: '08:00', from: 'Watch <digest@watch.example.org>', sendEmpty: true, transport: 'file', unsubscribe: { mailto: 'leave@watch.example.org' } };
    const content = await contentFolder({
      site: { ...SITE, digest },
      entries: {
        '2014/bomb.md': bomb,
        '2014/typo.md': typo,
        '2014/a.md': entryText(entry({ url: 'https://news.example.com/a', date: '2014-05-08' })),
        '2014/b.md': entryText(entry({ url: 'https://news.example.com/b', date: '2014-05-20' })),
        // The year mistyped in updated: (1014 and 2104 for 2014).
        '2014/early.md': early,
        '2014/late.md': late,
      },
    });
    const outlier = `warning: entries/2014/typo.md:${lineOf(typo, 'date')}: date: is about 100 years before the other entries (a gap of more than 10 years with no entry is flagged) (check the year; if the date is right, nothing needs to change)`;
    const earlyLine = lineOf(early, 'updated');
    const updatedEarly = `warning: entries/2014/early.md:${earlyLine}: updated: 1014-05-11 is earlier than the date, 2014-05-09: every feed gives the date as the update time, and the page shows no correction (check both years; if the correction did come before the date, remove updated:)`;
    const updatedLate = `warning: entries/2014/late.md:${lineOf(late, 'updated')}: updated: is about 90 years after the other entries (a gap of more than 10 years with no entry is flagged) (check the year; if the date is right, nothing needs to change)`;
    const check = await runCli(['check', '--content', content, '--now', NOW]);
    expect(check.code).toBe(1);
    const lines = check.stderr.trim().split('\n');
    expect(lines).toContain('entries/2014/bomb.md:6: a: uses a YAML anchor ("&a"), which is not allowed (write the value out in full where it is used; if & is part of the text, quote it: "&...")');
    expect(lines).toContain(outlier);
    expect(lines).toContain(updatedEarly);
    expect(lines).toContain(updatedLate);
    for (const line of lines) expect(line.length, line.slice(0, 80)).toBeLessThan(400);
    const out = await outDir();
    const publish = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--skip-invalid', '--quiet']);
    expect(publish.code, publish.stderr).toBe(0);
    expect(publish.stderr).toContain(outlier);
    expect(publish.stderr).toContain(updatedEarly);
    expect(publish.stderr).toContain(updatedLate);
    // The archive's weeks (README, The weekly digest): the mistyped entry's own (1914-W19), then from the others'
    // first (2014-W19) to the last ended before NOW (Sunday in Seoul: 2014-W21), not one for every week since 1914.
    const weeks = (await readdir(join(out, 'digests'))).filter((name) => /^\d{4}-W\d\d\.html$/.test(name));
    expect(weeks).toEqual(['1914-W19.html', '2014-W19.html', '2014-W20.html', '2014-W21.html']);
    expect(await readFile(join(out, 'rss.xml'), 'utf8')).not.toContain('news.example.com/bomb');
  });

  it('check and publish refuse language: english, naming the line and the fix, and write nothing', async () => {
    const content = await contentFolder({ site: { ...SITE, language: 'english' }, entries: { '2014/a.md': entryText(entry()) } });
    // site.yml: language is SITE's fourth field.
    const refusal = 'site.yml:4: language: "english" is not a registered language ("english" is no ISO 639 code the feed validators know) (write a registered BCP 47 tag such as en, en-GB, ko or zh-Hant-TW)';
    const check = await runCli(['check', '--content', content, '--now', NOW]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(refusal);
    const out = await outDir();
    const publish = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--skip-invalid', '--quiet']);
    expect(publish.code).toBe(1);
    expect(publish.stderr).toContain(refusal);
    expect(await readdir(out)).toEqual([]);
  });
});
