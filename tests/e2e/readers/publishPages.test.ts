import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { TestHub } from '../../support/hub.js';
import { hashTree } from '../../support/tree.js';

const NOW = '2014-06-01T00:00:00+09:00';
const out = () => mkdtemp(join(tmpdir(), 'broadsheet-out-'));
const feedsOf = (dirs: string[]) => dirs.flatMap((dir) => ['rss.xml', 'atom.xml', 'feed.json'].map((file) => `https://watch.example.org/${dir}${file}`)).sort();

describe('publish makes the reader pages', () => {
  it('writes index.html, a page per tag, a page per published entry, feeds.opml and tags.opml, byte-identical for the same content and --now', async () => {
    const content = await contentFolder({
      site: SITE,
      entries: {
        '2014/a.md': entryText(entry({ title: 'Alpha', url: 'https://news.example.com/a', tags: ['Trade', 'China'] })),
        '2014/d.md': entryText(entry({ title: 'Draft', url: 'https://news.example.com/d', tags: ['Secret'], draft: true })),
      },
    });
    const [one, two] = [await out(), await out()];
    const first = await runCli(['publish', '--content', content, '--out', one, '--now', NOW]);
    expect(first.code).toBe(0);
    for (const line of ['new', 'index.html', 'tags/china/index.html', 'tags/trade/index.html', 'entries/2014/a/index.html', 'feeds.opml', 'tags.opml']) expect(first.stdout).toContain(line);
    await runCli(['publish', '--content', content, '--out', two, '--now', NOW]);
    const [a, b] = [await hashTree(one), await hashTree(two)];
    for (const key of ['index.html', 'tags/china/index.html', 'tags/trade/index.html', 'entries/2014/a/index.html', 'feeds.opml', 'tags.opml']) {
      expect(a[key], key).toBeDefined();
      expect(a[key], key).toBe(b[key]);
    }
    expect(a['tags/secret/index.html']).toBeUndefined();
    expect(a['entries/2014/d/index.html']).toBeUndefined();
    expect(await readFile(join(one, 'index.html'), 'utf8')).not.toContain('Draft');
  });
});

describe('WebSub through the CLI', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await new TestHub().start();
  });
  afterEach(() => hub.close());

  const site = () => dump({ ...SITE, websub: hub.url });

  it('pings the hub once per changed feed, and not for unchanged ones', async () => {
    const content = await contentFolder({
      site: site(),
      entries: {
        '2014/a.md': entryText(entry({ title: 'Alpha', url: 'https://news.example.com/a', tags: ['Trade'] })),
        '2014/b.md': entryText(entry({ title: 'Bravo', url: 'https://news.example.com/b', tags: ['China'] })),
      },
    });
    const output = await out();
    const first = await runCli(['publish', '--content', content, '--out', output, '--now', NOW]);
    expect(first.code).toBe(0);
    // Every feed is new: the site's, each tag's, and the digest archive's when that is published.
    const firstPings = hub.pinged();
    expect(firstPings).toEqual(expect.arrayContaining(feedsOf(['', 'tags/china/', 'tags/trade/'])));
    expect(new Set(firstPings).size).toBe(firstPings.length);
    expect(first.stdout).toContain(`WebSub: told the hub about ${firstPings.length} changed feeds`);

    hub.requests.length = 0;
    const again = await runCli(['publish', '--content', content, '--out', output, '--now', NOW]);
    expect(again.code).toBe(0);
    expect(hub.requests).toEqual([]);

    await writeFile(join(content, 'entries', '2014', 'a.md'), entryText(entry({ title: 'Alpha, revised', url: 'https://news.example.com/a', tags: ['Trade'] })));
    const third = await runCli(['publish', '--content', content, '--out', output, '--now', NOW, '--json']);
    const summary = JSON.parse(third.stdout) as { pings: { url: string; ok: boolean }[] };
    // Bravo's China feeds did not change, so they are not pinged.
    expect(hub.pinged().filter((url) => !url.includes('/digests/'))).toEqual(feedsOf(['', 'tags/trade/']));
    expect(summary.pings.map((ping) => ping.url).sort()).toEqual(hub.pinged());
  });

  it('a hub that fails is a warning: the publish exits 0 and every file is written', async () => {
    hub.respond = () => 503;
    const content = await contentFolder({ site: site(), entries: { '2014/a.md': entryText(entry({ url: 'https://news.example.com/a', tags: [] })) } });
    const output = await out();
    const run = await runCli(['publish', '--content', content, '--out', output, '--now', NOW]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: WebSub: the hub was not told about https:\/\/watch\.example\.org\/rss\.xml after 3 attempts: the hub answered HTTP 503/);
    expect(await readFile(join(output, 'rss.xml'), 'utf8')).toContain('<rss');
  });
});
