import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../lib/publish/runRecord.js';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { tempDir } from './support.js';

describe('broadsheet status names the week of each digest run', () => {
  it('the week asked for, the week a run without --week settled on, and the week of a refused run', async () => {
    const content = await contentFolder({
      site: siteYaml(),
      entries: {
        '2014/w19.md': entryText(entry({ title: 'In week 19', url: 'https://news.example.com/19', date: '2014-05-07' })),
        '2014/w20.md': entryText(entry({ title: 'In week 20', url: 'https://news.example.com/20', date: '2014-05-14' })),
      },
    });
    const cwd = await tempDir('digest-status-week');
    const digest = (...args: string[]) => runCli(['digest', '--content', content, '--send', '--to', 'ada@example.org', ...args], { cwd });

    // Monday 5 May 08:00 in Seoul: 2014-W18 has ended, and neither entry (7 and 14 May) is published yet: nothing to do.
    expect((await digest('--now', '2014-05-05T08:00:00+09:00')).code).toBe(0);
    expect((await digest('--week', '2014-W19', '--now', '2014-05-12T08:00:00+09:00')).code).toBe(0);
    // Monday 19 May 08:00 in Seoul: the week that ended last is 12–18 May, 2014-W20.
    expect((await digest('--now', '2014-05-19T08:00:00+09:00')).code).toBe(0);
    // 2014-W25 (16–22 June) has not ended on 19 May: refused, nothing sent.
    const refused = await digest('--week', '2014-W25', '--now', '2014-05-19T08:00:00+09:00');
    expect(refused.code).toBe(2);
    // Named with its command and flag, the week's end (Monday 23 June 00:00 in Seoul) and the fix.
    expect(refused.stderr).toBe(
      'broadsheet digest: --week: 2014-W25 has not ended at 2014-05-19T08:00:00+09:00 (Asia/Seoul): it ends at 2014-06-23T00:00:00+09:00, and a digest covers a whole week; run it from then on, or name a week that has ended (the last one is 2014-W20)\n',
    );

    const json = await runCli(['status', '--json'], { cwd });
    const runs = (JSON.parse(json.stdout) as { runs: RunRecord[] }).runs;
    expect(runs.map((run) => [run.kind, run.outcome, run.week])).toEqual([
      ['digest', 'refused', '2014-W25'],
      ['digest', 'ok', '2014-W20'],
      ['digest', 'ok', '2014-W19'],
      ['digest', 'ok', '2014-W18'],
    ]);
    // The run that sent nothing keeps why.
    const notSent = "2014-W18 comes before the site's first entry (no entry is published yet): nothing to archive or send";
    expect(runs.map((run) => run.notSent)).toEqual([undefined, undefined, undefined, notSent]);

    const text = await runCli(['status'], { cwd });
    const lines = text.stdout.split('\n').filter((line) => line.includes('  digest  '));
    expect(lines).toHaveLength(4);
    // Each run sent with --to: test copies, which the line names after the week.
    expect(lines[0]).toMatch(new RegExp(`  digest   cli       REFUSED   week 2014-W25, test copies only  \\(run ${runs[0]!.id}\\)$`));
    expect(lines[1]).toMatch(new RegExp(`  digest   cli       ok        week 2014-W20, test copies only: \\d+ new, .*1 sent, 0 skipped, 0 failed, 0 unknown  \\(run ${runs[1]!.id}\\)$`));
    expect(lines[2]).toMatch(new RegExp(`  digest   cli       ok        week 2014-W19, test copies only: \\d+ new, .*1 sent, 0 skipped, 0 failed, 0 unknown  \\(run ${runs[2]!.id}\\)$`));
    expect(lines[3]).toMatch(new RegExp(`  digest   cli       ok        week 2014-W18, test copies only: \\d+ new, .*  \\(run ${runs[3]!.id}\\)$`));
    expect(text.stdout).toContain(`(run ${runs[3]!.id})\n    nothing sent: ${notSent}\n`);
  });
});
