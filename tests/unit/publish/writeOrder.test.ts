import { posix } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import type { PutBody, PutOptions } from '../../../lib/store/store.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// While a publish writes, a reader following links from any page or feed already there that stays (a feed reader,
// a browser, a CDN that caches a 404) never reaches a file the publish has yet to write, or one it already deleted.

/** The output's keys a file links to: absolute URLs under the site's, and an HTML page's relative and rooted links. */
function linkedKeys(key: string, text: string): string[] {
  const targets: string[] = [];
  for (const [, path] of text.matchAll(new RegExp(`${SITE.url.replaceAll('.', '\\.')}([^"'<>\\s)]*)`, 'g'))) targets.push(path!);
  if (key.endsWith('.html')) {
    for (const [, href] of text.matchAll(/(?:href|src)="([^"#?:]*)[#?"]/g)) {
      if (href === '') continue;
      // posix.join keeps a trailing slash: a folder's link stays one.
      targets.push(href!.startsWith('/') ? href!.slice(1) : posix.join(posix.dirname(key), href!));
    }
  }
  return targets.map((path) => {
    const bare = path.replace(/[#?].*$/, '').replace(/^\.\/?/, '');
    return bare === '' || bare.endsWith('/') ? `${bare}index.html` : bare;
  });
}

/** An output that, after each write and deletion, follows every link from the pages that were there before the publish. */
class LinkWalkingStore extends MemoryStore {
  reached = new Set<string>();
  broken: { after: string; from: string; to: string }[] = [];

  override async put(key: string, body: PutBody, options: PutOptions): Promise<string> {
    const version = await super.put(key, body, options);
    this.walk(`put ${key}`);
    return version;
  }

  override async delete(key: string): Promise<void> {
    await super.delete(key);
    this.walk(`delete ${key}`);
  }

  private walk(after: string): void {
    const queue = [...this.reached].filter((key) => this.objects.has(key));
    const seen = new Set(queue);
    for (const key of queue) {
      for (const target of linkedKeys(key, this.text(key)!)) {
        if (!this.objects.has(target)) this.broken.push({ after, from: key, to: target });
        else if (!seen.has(target)) (seen.add(target), queue.push(target));
      }
    }
  }
}

const may = (id: string, day: number, tags: string[]) =>
  entryText(entry({ title: `Story ${id}`, url: `https://news.example.com/${id}`, date: `2014-05-${String(day).padStart(2, '0')}`, tags }));

describe('write order', () => {
  it('writes what a page links to before the page, and deletes a page only once nothing there links to it', async () => {
    const content = memoryContent({ entries: { '2014/a.md': may('a', 6, ['trade']), '2014/b.md': may('b', 7, ['trade', 'energy']), '2014/c.md': may('c', 12, ['energy']) } });
    const output = new LinkWalkingStore();
    await publish({ content, output, now: DateTime.fromISO('2014-05-14T00:00:00Z') });

    // A new entry in a new month under a new tag, an entry moved to another new tag, and a tag emptied; the
    // digest's week of 26 May closes.
    content.objects.set('entries/2014/d.md', { body: Buffer.from(entryText(entry({ title: 'Story d', url: 'https://news.example.com/d', date: '2014-06-01', tags: ['trade', 'kaesong'] }))), contentType: 'text/markdown' });
    content.objects.set('entries/2014/b.md', { body: Buffer.from(may('b', 7, ['trade', 'wages'])), contentType: 'text/markdown' });
    content.objects.delete('entries/2014/c.md');
    output.reached = new Set([...output.objects.keys()].filter((key) => !key.startsWith('_broadsheet/')));
    const result = await publish({ content, output, now: DateTime.fromISO('2014-06-02T00:00:00Z') });

    // The publish made every kind of change this checks.
    const keys = (status: string) => result.changes.filter((change) => change.status === status).map((change) => change.key);
    expect(keys('new')).toEqual(expect.arrayContaining(['entries/2014/d/index.html', 'tags/kaesong/index.html', 'tags/wages/atom.xml', 'months/2014-06/index.html', 'digests/2014-W22.html']));
    expect(keys('changed')).toEqual(expect.arrayContaining(['index.html', 'atom.xml', 'entries/2014/b/index.html', 'months/2014-05/index.html', 'digests/index.html']));
    expect(keys('deleted')).toEqual(expect.arrayContaining(['entries/2014/c/index.html', 'tags/energy/index.html', 'tags/energy/atom.xml']));
    // Pages deleted link to each other (an entry to its tag's page, the page to the entry): no page that stays does.
    const deleted = new Set(keys('deleted'));
    expect(output.broken.filter((link) => !deleted.has(link.from))).toEqual([]);
  });
});
