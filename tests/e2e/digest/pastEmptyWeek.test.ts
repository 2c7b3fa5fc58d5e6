import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { tempDir } from './support.js';

// Entries in 2014-W15 and W19 leave W16 to W18 empty; at NOW, Monday of W21, the week just ended is W20.
const NOW = '2014-05-19T08:00:00+09:00';
const entries = {
  '2014/old.md': entryText(entry({ title: 'Old', url: 'https://news.example.com/old', date: '2014-04-08' })),
  '2014/new.md': entryText(entry({ title: 'New', url: 'https://news.example.com/new', date: '2014-05-08' })),
};

/** The weeks archived in `cwd`'s output. */
async function archived(cwd: string): Promise<string[]> {
  return (await readdir(join(cwd, 'out/digests'))).filter((name) => name.endsWith('.html') && name !== 'index.html').map((name) => name.slice(0, -5)).sort();
}

describe('digest --week on a past empty week, and the next publish, agree on whether it is archived', () => {
  it('without sendEmpty: refused in one line, nothing written or sent; the publish archives what it would have anyway', async () => {
    const content = await contentFolder({ site: siteYaml(), entries });
    const cwd = await tempDir('past-empty-week');
    const run = await runCli(['digest', '--content', content, '--week', '2014-W17', '--now', NOW, '--send', '--to', 'ada@example.org', '--out', 'out', '--outbox', 'box'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'broadsheet digest: --week: 2014-W17 has no entries and digest.sendEmpty is false, so the archive keeps it only while it is the week just ended (now 2014-W20): the next publish would delete it, so nothing is archived or sent\n',
    );
    await expect(readdir(join(cwd, 'out'))).rejects.toThrow();
    await expect(readdir(join(cwd, 'box'))).rejects.toThrow();
    const published = await runCli(['publish', '--content', content, '--out', 'out', '--now', NOW, '--quiet'], { cwd });
    expect(published.code).toBe(0);
    // The entries' weeks, and the week just ended though it is empty.
    expect(await archived(cwd)).toEqual(['2014-W15', '2014-W19', '2014-W20']);
  });
});
