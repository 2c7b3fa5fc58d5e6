import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestCommand } from '../../../cli/commands/digest.js';
import { publishCommand } from '../../../cli/commands/publish.js';
import type { CliIo } from '../../../cli/io.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';

describe('digest lists every file its publish wrote or deleted', () => {
  it('the archive’s, and those of an entry come due since the last publish (its page, the index, the feeds)', async () => {
    // In Seoul: W20 is 12–18 May 2014. Published on Thursday 15 May, before the entry dated Saturday 17 May came due;
    // the digest on Monday 19 May publishes it with the week.
    const content = await contentFolder({
      site: siteYaml(),
      entries: {
        '2014/early.md': entryText(entry({ title: 'Early', url: 'https://news.example.com/early', date: '2014-05-13' })),
        '2014/late.md': entryText(entry({ title: 'Late', url: 'https://news.example.com/late', date: '2014-05-17' })),
      },
    });
    const cwd = await mkdtemp(join(tmpdir(), 'broadsheet-digest-lists-'));
    const io = (out: string[]): CliIo => ({ stdout: (line) => out.push(line), stderr: () => undefined, env: {}, cwd, isTty: false });
    expect(await publishCommand.run(['--content', content, '--out', 'out', '--now', '2014-05-15T10:00:00+09:00', '--quiet'], io([]))).toBe(0);
    const out: string[] = [];
    expect(await digestCommand.run(['--content', content, '--out', 'out', '--now', '2014-05-19T08:00:00+09:00'], io(out))).toBe(0);
    const listed = out.filter((line) => /^(new|changed|deleted) /.test(line)).map((line) => line.replace(/ +\S+ +\S+ +/, ' '));
    expect(listed).toEqual(expect.arrayContaining(['new digests/2014-W20.html', 'new entries/2014/late/index.html', 'changed index.html', 'changed rss.xml']));
    // As many as the summary counts.
    const counts = /: (\d+) new, (\d+) changed, (\d+) deleted files in all$/.exec(out.at(-1)!)!;
    expect(listed).toHaveLength(Number(counts[1]) + Number(counts[2]) + Number(counts[3]));
  });
});

describe('digest --send to a subscriber list that is missing', () => {
  it('is refused before the week is archived: nothing is published, and the error names the list and the fix', async () => {
    // The file transport sends to digest.subscribers, subscribers.txt by default: the content folder has none.
    const content = await contentFolder({ site: siteYaml(), entries: { '2014/a.md': entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-13' })) } });
    const cwd = await mkdtemp(join(tmpdir(), 'broadsheet-digest-nolist-'));
    const out: string[] = [];
    const io: CliIo = { stdout: (line) => out.push(line), stderr: () => undefined, env: {}, cwd, isTty: false };
    // The command throws its ConfigError, which the CLI's main prints with exit 2.
    await expect(digestCommand.run(['--content', content, '--out', 'out', '--week', '2014-W20', '--send', '--now', '2014-05-19T08:00:00+09:00'], io)).rejects.toThrow(
      `the subscriber list subscribers.txt is not in ${content}/ (create it with one address a line, set digest.subscribers, or pass --to)`,
    );
    expect(out).toEqual([]);
    // Refused as a bad transport setting is: the output folder was never made.
    expect(await readdir(cwd)).toEqual([]);
  });
});

// digest --week 2014-19 was refused inside the run, and recorded as a refused digest run: status then listed the
// typing slip as the latest digest, and exited 2, until a digest ran again.
describe('digest --week that names no week', () => {
  it('is refused as a flag is, naming it, before any run begins: no run record is written', async () => {
    const content = await contentFolder({ site: siteYaml(), entries: { '2014/a.md': entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-13' })) } });
    const cwd = await mkdtemp(join(tmpdir(), 'broadsheet-digest-badweek-'));
    const io: CliIo = { stdout: () => undefined, stderr: () => undefined, env: {}, cwd, isTty: false };
    expect(await publishCommand.run(['--content', content, '--out', 'out', '--now', '2014-05-15T10:00:00+09:00', '--quiet'], io)).toBe(0);
    const records = await readdir(join(cwd, 'out', '_broadsheet', 'runs'));
    for (const [week, problem] of [
      ['2014-19', '"2014-19" is not an ISO week (write YYYY-Www: 2014-W19)'],
      ['2014-W60', '2014 has 52 ISO weeks, so there is no 2014-W60'],
      // It ends on 3 January 10000, which no --now reaches.
      ['9999-W52', '9999-W52 runs into the year 10000, past the years 1000 to 9999 that dates may have (see "Limits"), so it never ends: name a week up to 9999-W51'],
    ]) {
      await expect(digestCommand.run(['--content', content, '--out', 'out', '--week', week!, '--now', '2014-05-19T08:00:00+09:00'], io)).rejects.toThrow(`--week: ${problem}`);
    }
    expect(await readdir(join(cwd, 'out', '_broadsheet', 'runs'))).toEqual(records);
  });
});
