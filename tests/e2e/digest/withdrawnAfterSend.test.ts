import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { readWithUniversalFeedParser } from '../../support/universalFeedParser.js';
import { tempDir } from './support.js';

// 2014-W19 is 5–11 May 2014 in Seoul; it closes on Monday 12 May 00:00 +09:00 (11 May 15:00Z), when it is sent.
const CLOSED = Date.UTC(2014, 4, 11, 15);
const first = entry({ title: 'Kaesong output recovers', url: 'https://news.example.com/kaesong', date: '2014-05-06' });
const second = entry({ title: 'Rice prices steady', url: 'https://news.example.com/rice', date: '2014-05-08' });
const WITHDRAWN = '2014-05-14T10:00:00+09:00';

/** Sends 2014-W19, withdraws its second entry (`how`), publishes at WITHDRAWN; returns the working folder. */
async function sendThenWithdraw(how: 'delete' | 'draft'): Promise<{ cwd: string; content: string }> {
  const content = await contentFolder({ site: siteYaml(), entries: { '2014/kaesong.md': entryText(first), '2014/rice.md': entryText(second) } });
  const cwd = await tempDir(`digest-withdrawn-${how}`);
  const sent = await runCli(['digest', '--content', content, '--week', '2014-W19', '--send', '--now', '2014-05-12T08:00:00+09:00', '--to', 'ada@example.org', '--quiet'], { cwd });
  expect(sent.stderr).toBe('');
  expect(sent.code).toBe(0);
  const rice = join(content, 'entries/2014/rice.md');
  if (how === 'delete') await rm(rice);
  else await writeFile(rice, entryText({ ...second, draft: true }));
  const published = await runCli(['publish', '--content', content, '--now', WITHDRAWN, '--quiet'], { cwd });
  expect(published.stderr).toBe('');
  expect(published.code).toBe(0);
  return { cwd, content };
}

const digestFiles = (cwd: string) => Promise.all(['atom.xml', 'feed.json', 'rss.xml', 'index.html', '2014-W19.html', '2014-W19.txt'].map((name) => readFile(join(cwd, 'public/digests', name))));

describe('a week one of whose entries was withdrawn after its digest went out, as the digest feeds show it', () => {
  for (const how of ['delete', 'draft'] as const) {
    it(`(${how}) the feed item keeps its id and publication time and is updated at the publish that withdrew it`, async () => {
      const { cwd, content } = await sendThenWithdraw(how);
      expect(await readFile(join(cwd, 'public/digests/2014-W19.html'), 'utf8')).not.toContain('Rice prices steady');
      const atom = readWithUniversalFeedParser(await readFile(join(cwd, 'public/digests/atom.xml'), 'utf8'));
      expect(atom.bozo).toBe(false);
      // 10:00 in Seoul on 14 May is 01:00Z.
      expect(atom.entries.map((item) => [item.published, item.updated])).toEqual([[CLOSED, Date.UTC(2014, 4, 14, 1)]]);
      expect(atom.entries[0]!.summary).not.toContain('Rice prices steady');
      const json = JSON.parse(await readFile(join(cwd, 'public/digests/feed.json'), 'utf8')) as { items: { date_published: string; date_modified: string }[] };
      expect(json.items.map((item) => [Date.parse(item.date_published), Date.parse(item.date_modified)])).toEqual([[CLOSED, Date.UTC(2014, 4, 14, 1)]]);

      // A later publish of the same content leaves the digest files as they are.
      const before = await digestFiles(cwd);
      const later = await runCli(['publish', '--content', content, '--now', '2014-05-16T10:00:00+09:00', '--quiet'], { cwd });
      expect(later.code).toBe(0);
      expect(await digestFiles(cwd)).toEqual(before);
    });
  }

  it('is deterministic: the same content and --now give byte-identical digest files, the withdrawal dated alike', async () => {
    const [one, two] = await Promise.all([sendThenWithdraw('delete'), sendThenWithdraw('delete')]);
    expect(await digestFiles(one.cwd)).toEqual(await digestFiles(two.cwd));
    expect((await readFile(join(one.cwd, 'public/digests/atom.xml'), 'utf8')).match(/<updated>[^<]*<\/updated>/g)).toEqual(['<updated>2014-05-14T01:00:00.000Z</updated>', '<updated>2014-05-14T01:00:00.000Z</updated>']);
  });
});
