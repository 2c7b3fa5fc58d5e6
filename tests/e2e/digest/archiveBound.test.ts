import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { tempDir } from './support.js';

const mailing = { from: 'W <d@watch.example.org>', sendEmpty: true, unsubscribe: { url: 'https://watch.example.org/u?e={email}', mailto: 'u@watch.example.org' } };

describe('the digest archive with sendEmpty, through the CLI', () => {
  it('check reports an archive of more than 100 years and publish refuses it, with --skip-invalid too', async () => {
    const entries: Record<string, string> = {};
    // Every 9 years from 1905 to 2013: no outlier, 5,637 weeks.
    for (let year = 1905; year <= 2013; year += 9) entries[`${year}.md`] = entryText(entry({ title: `E${year}`, url: `https://news.example.com/${year}`, date: `${year}-05-07` }));
    const content = await contentFolder({ site: siteYaml({}, mailing), entries });
    const line = 'site.yml: digest.since: with sendEmpty: true the digest archive would hold every week from 1905-05-07 (the oldest entry) to 2013-05-07 (the newest entry): 5,637 weeks, more than the 5,218 (100 years) it may hold (set digest.since to the first day to archive, "YYYY-MM-DD", at most 100 years before 2013-05-07, e.g. since: "1923-04-30", which leaves ten years before the bound is reached again)';
    const check = await runCli(['check', '--content', content]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(line);
    expect(check.stderr).not.toMatch(/\n\s+at /);
    const cwd = await tempDir('archive-bound');
    const run = await runCli(['publish', '--content', content, '--out', 'out', '--now', '2014-06-01T00:00:00Z', '--skip-invalid'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(line);
    await expect(readdir(join(cwd, 'out'))).rejects.toThrow();
  });

  it('digest --week refuses a week before the archive’s start, or before 1000, sending and writing nothing', async () => {
    const content = await contentFolder({ site: siteYaml({}, mailing), entries: { 'a.md': entryText(entry({ date: '2014-05-08' })) } });
    const cwd = await tempDir('archive-bound-week');
    for (const [week, why] of [
      ['2013-W01', "--week: 2013-W01 has no entries and comes before 2014-W19, where the archive of every week starts (the first entry's week)"],
      ['0999-W01', '--week: 0999-W01 is outside the years 1000 to 9999'],
    ] as const) {
      const run = await runCli(['digest', '--content', content, '--week', week, '--now', '2014-05-19T08:00:00+09:00', '--send', '--to', 'ada@example.org', '--out', 'out', '--outbox', 'box'], { cwd });
      expect(run.code, week).toBe(2);
      expect(run.stderr, week).toContain(why);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      await expect(readdir(join(cwd, 'box'))).rejects.toThrow();
      await expect(readdir(join(cwd, 'out/digests'))).rejects.toThrow();
    }
  });
});
