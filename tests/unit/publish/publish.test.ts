import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../../lib/shared/errors.js';
import { MANIFEST_KEY } from '../../../lib/publish/manifest.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { publish as publishAll, type PublishOptions } from '../../../lib/publish/publish.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { childrenNamed, findAll, parseXml } from '../../support/xml.js';

// The feeds alone: pages and digests have tests of their own.
const publish = (options: PublishOptions) => publishAll({ builders: [feedArtifacts], ...options });

const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const feeds = (dir: string) => [`${dir}rss.xml`, `${dir}atom.xml`, `${dir}feed.json`];

function twoEntries() {
  return {
    entries: {
      '2014/a.md': entryText(entry({ title: 'A', date: '2014-05-08', tags: ['Trade'] })),
      '2014/b.md': entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-09', tags: ['Russia', 'Trade'] })),
    },
  };
}

describe('publish', () => {
  it('writes the site feeds, each tag feed in three formats, feed.xsl and feed.css', async () => {
    const output = new MemoryStore();
    await publish({ content: memoryContent(twoEntries()), output, now: NOW });
    const published = [...output.objects.keys()].filter((key) => !key.startsWith('_broadsheet/')).sort();
    expect(published).toEqual(['feed.css', 'feed.xsl', ...feeds(''), ...feeds('tags/russia/'), ...feeds('tags/trade/')].sort());
  });

  it('serves each file with its content type', async () => {
    const output = new MemoryStore();
    await publish({ content: memoryContent(twoEntries()), output, now: NOW });
    expect(output.objects.get('rss.xml')!.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(output.objects.get('atom.xml')!.contentType).toBe('application/atom+xml; charset=utf-8');
    expect(output.objects.get('feed.json')!.contentType).toBe('application/feed+json; charset=utf-8');
    expect(output.objects.get('feed.xsl')!.contentType).toBe('text/xsl; charset=utf-8');
    expect(output.objects.get('feed.css')!.contentType).toBe('text/css; charset=utf-8');
    expect(output.objects.get('rss.xml')!.cacheControl).toBe('public, max-age=300');
  });

  it('makes 0 PUTs and 0 DELETEs when nothing changed', async () => {
    const content = memoryContent(twoEntries());
    const output = new MemoryStore();
    await publish({ content, output, now: NOW });
    const putsBefore = output.requests.put;
    const result = await publish({ content, output, now: NOW.plus({ hours: 1 }) });
    expect(output.requests.put - putsBefore).toBe(0);
    expect(output.requests.delete).toBe(0);
    expect(result.counts).toMatchObject({ new: 0, changed: 0, deleted: 0 });
  });

  it('reads no entry again when nothing changed (the index cache)', async () => {
    const content = memoryContent(twoEntries());
    const output = new MemoryStore();
    await publish({ content, output, now: NOW });
    const getsBefore = content.requests.get;
    await publish({ content, output, now: NOW });
    // Only site.yml is read again.
    expect(content.requests.get - getsBefore).toBe(1);
  });

  it('rewrites only what an edit changes', async () => {
    const content = memoryContent(twoEntries());
    const output = new MemoryStore();
    await publish({ content, output, now: NOW });
    content.objects.set('entries/2014/b.md', { body: Buffer.from(entryText(entry({ title: 'B, edited', url: 'https://news.example.com/b', date: '2014-05-09', tags: ['Russia'] }))), contentType: 'text/markdown' });
    const result = await publish({ content, output, now: NOW });
    const changed = result.changes.filter((c) => c.status === 'changed').map((c) => c.key).sort();
    // B left the Trade tag and changed title: the site and Russia feeds change, Trade loses B.
    expect(changed).toEqual([...feeds(''), ...feeds('tags/russia/'), ...feeds('tags/trade/')].sort());
  });

  it('deletes the feeds of a tag that no longer has entries', async () => {
    const content = memoryContent(twoEntries());
    const output = new MemoryStore();
    await publish({ content, output, now: NOW });
    content.objects.delete('entries/2014/b.md');
    const result = await publish({ content, output, now: NOW });
    expect(result.changes.filter((c) => c.status === 'deleted').map((c) => c.key).sort()).toEqual(feeds('tags/russia/').sort());
    for (const key of feeds('tags/russia/')) expect(output.objects.has(key)).toBe(false);
  });

  it('publishes an embargoed entry once now reaches its date', async () => {
    const content = memoryContent({ entries: { ...twoEntries().entries, '2014/later.md': entryText(entry({ title: 'Later', url: 'https://news.example.com/later', date: '2014-06-10T09:00:00+09:00' })) } });
    const output = new MemoryStore();
    await publish({ content, output, now: NOW });
    expect(output.text('rss.xml')).not.toContain('Later');
    await publish({ content, output, now: DateTime.fromISO('2014-06-10T00:00:00Z') });
    expect(output.text('rss.xml')).toContain('Later');
  });

  it('refuses invalid content and writes nothing', async () => {
    const content = memoryContent({ entries: { ...twoEntries().entries, '2014/bad.md': entryText(entry({ date: '2014-13-45' })) } });
    const output = new MemoryStore();
    const failure = await publish({ content, output, now: NOW }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ContentError);
    expect((failure as ContentError).problems).toMatchObject([{ file: 'entries/2014/bad.md', field: 'date' }]);
    expect(output.requests.put).toBe(0);
    expect(output.objects.size).toBe(0);
  });

  it('leaves the previous output exactly as it was when new content is invalid', async () => {
    const content = memoryContent(twoEntries());
    const output = new MemoryStore();
    await publish({ content, output, now: NOW });
    const before = new Map([...output.objects].map(([key, object]) => [key, object.body.toString('base64')]));
    content.objects.set('entries/2014/broken.md', { body: Buffer.from('---\ntitle: [\n---\n'), contentType: 'text/markdown' });
    await expect(publish({ content, output, now: NOW })).rejects.toBeInstanceOf(ContentError);
    expect(new Map([...output.objects].map(([key, object]) => [key, object.body.toString('base64')]))).toEqual(before);
  });

  it('with skipInvalid publishes the valid entries and reports the skipped', async () => {
    const content = memoryContent({ entries: { ...twoEntries().entries, '2014/bad.md': entryText(entry({ url: 'javascript:alert(1)' })) } });
    const output = new MemoryStore();
    const result = await publish({ content, output, now: NOW, skipInvalid: true });
    expect(result.entries).toEqual({ total: 3, published: 2, skipped: 1 });
    expect(result.skipped).toMatchObject([{ file: 'entries/2014/bad.md', field: 'url' }]);
    expect(findAll(parseXml(output.text('rss.xml')!), 'item')).toHaveLength(2);
  });

  it('reports both files of a duplicate id and refuses to publish', async () => {
    const content = memoryContent({ entries: { ...twoEntries().entries, '2014/c.md': entryText(entry({ id: '2014/a' })) } });
    const failure = (await publish({ content, output: new MemoryStore(), now: NOW }).catch((e: unknown) => e)) as ContentError;
    expect(failure.problems.map((p) => [p.file, p.field])).toEqual([['entries/2014/a.md', 'id'], ['entries/2014/c.md', 'id']]);
    expect(failure.problems[0]!.message).toContain('entries/2014/c.md');
  });

  it('writes nothing on a dry run but reports the changes', async () => {
    const output = new MemoryStore();
    const result = await publish({ content: memoryContent(twoEntries()), output, now: NOW, dryRun: true });
    expect(output.objects.size).toBe(0);
    // The three feeds of the site and of its two tags, feed.xsl and feed.css.
    expect(result.counts.new).toBe(11);
  });

  it('is deterministic: the same content and now give byte-identical files', async () => {
    const first = new MemoryStore();
    const second = new MemoryStore();
    await publish({ content: memoryContent(twoEntries()), output: first, now: NOW });
    await publish({ content: memoryContent(twoEntries()), output: second, now: NOW });
    for (const [key, object] of first.objects) if (key !== '_broadsheet/index.json') expect(second.objects.get(key)!.body.equals(object.body), key).toBe(true);
  });

  it('dates the feed by its newest entry, not by now', async () => {
    const output = new MemoryStore();
    await publish({ content: memoryContent(twoEntries()), output, now: NOW });
    // B is dated 2014-05-09 in Asia/Seoul: 2014-05-08T15:00Z.
    expect(childrenNamed(parseXml(output.text('rss.xml')!).children[0]!, 'lastBuildDate')[0]!.text).toBe('Thu, 08 May 2014 15:00:00 GMT');
  });

  it('writes the manifest last', async () => {
    const order: string[] = [];
    const output = new MemoryStore();
    const put = output.put.bind(output);
    output.put = async (key, body, options) => {
      order.push(key);
      return put(key, body, options);
    };
    await publish({ content: memoryContent(twoEntries()), output, now: NOW, concurrency: 1 });
    expect(order.at(-1)).toBe(MANIFEST_KEY);
  });
});
