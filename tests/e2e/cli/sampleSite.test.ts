import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../../support/cli.js';
import { checkFeedFile } from '../../support/feedChecks.js';
import { hashTree } from '../../support/tree.js';
import { readWithUniversalFeedParser } from '../../support/universalFeedParser.js';

// The sample site in content/, as `npm start` publishes it.
let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'broadsheet-sample-'));
  const run = await runCli(['publish', '--content', join(REPO, 'content'), '--out', out, '--now', '2026-11-27T12:00:00Z', '--quiet']);
  expect(run.code, run.stderr).toBe(0);
});
afterAll(() => rm(out, { recursive: true, force: true }));

describe('the sample site', () => {
  it('passes check, warned only that its one-click unsubscribe URL names the recipient by {email} alone (RFC 8058 §3.1)', async () => {
    const run = await runCli(['check', '--content', join(REPO, 'content')]);
    expect(run.code, run.stderr).toBe(0);
    // content/site.yml's url: https://lists.watch.example.org/unsubscribe?email={email}, on the site https://watch.example.org/.
    expect(run.stderr.split('\n').filter((line) => line.startsWith('warning:'))).toEqual([
      'warning: site.yml: digest.unsubscribe.url: "https://lists.watch.example.org/unsubscribe?email={email}" names the recipient by {email} alone: anyone who knows an address can unsubscribe it with one POST (RFC 8058 §3.1 asks for a one-click URI that cannot be guessed) (put {token} in it, a link signed for each recipient, e.g. https://watch.example.org/unsubscribe?token={token}; sending then needs DIGEST_UNSUBSCRIBE_SECRET)',
    ]);
  });

  it('publishes valid feeds', async () => {
    const feeds = Object.keys(await hashTree(out)).filter((key) => /(rss\.xml|atom\.xml|feed\.json)$/.test(key));
    expect(feeds.length).toBeGreaterThanOrEqual(3 * 6);
    for (const key of feeds) checkFeedFile(key, await readFile(join(out, key), 'utf8'));
  });

  it('has the seed entry with its source (IFES) and the related link to 38 North', async () => {
    const json = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { items: { title: string; authors: { name: string }[]; content_html: string }[] };
    const seed = json.items.find((item) => item.title === 'DPRK-Russia personnel exchanges and economic cooperation expand')!;
    expect(seed.authors[0]!.name).toBe('Institute for Far Eastern Studies (IFES)');
    expect(seed.content_html).toContain('<a href="https://www.38north.org/">38 North has more analysis here</a>');
  });

  it('spans at least 4 ISO weeks and 5 tags, with at least 11 entries', async () => {
    const feed = readWithUniversalFeedParser(await readFile(join(out, 'atom.xml'), 'utf8'));
    expect(feed.entries.length).toBeGreaterThanOrEqual(11);
    const weeks = new Set(feed.entries.map((entry) => {
      const date = new Date(entry.published!);
      // ISO week (UTC is close enough to separate weeks here: entries are dated at Seoul midnight).
      const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7)));
      return Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / 604_800_000);
    }));
    expect(weeks.size).toBeGreaterThanOrEqual(4);
    expect(new Set(feed.entries.flatMap((entry) => entry.tags)).size).toBeGreaterThanOrEqual(5);
  });

  it('never shows the draft', async () => {
    expect(await readFile(join(out, 'rss.xml'), 'utf8')).not.toContain('Wonsan–Kumgangsan international tourist zone');
  });
});
