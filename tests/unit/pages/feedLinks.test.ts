import { HtmlValidate } from 'html-validate';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// Issue 17 (6): a tag page's autodiscovery links (HTML Living Standard, link type "alternate" with a feed type)
// are plain relative file names: the page and its feeds share a folder.

async function tagPage(): Promise<string> {
  const output = new MemoryStore();
  const entries = { '2014/a.md': entryText(entry({ title: 'Alpha', url: 'https://news.example.com/alpha', tags: ['Trade', 'China'] })) };
  await publish({ content: memoryContent({ entries }), output, now: DateTime.fromISO('2014-06-01T00:00:00+09:00'), builders: [feedArtifacts, pageArtifacts] });
  return output.text('tags/trade/index.html')!;
}

const alternates = (html: string) => [...html.matchAll(/<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]*)">/g)].map((match) => [match[1], match[2]]);

describe('a tag page', () => {
  it('autodiscovers its feeds as rss.xml, atom.xml and feed.json', async () => {
    expect(alternates(await tagPage())).toEqual([
      ['application/rss+xml', 'rss.xml'],
      ['application/atom+xml', 'atom.xml'],
      ['application/feed+json', 'feed.json'],
    ]);
  });

  it('lists its own feeds as the same relative names, and links the index for the other tags\' feeds', async () => {
    const html = await tagPage();
    for (const file of ['rss.xml', 'atom.xml', 'feed.json']) expect(html).toContain(`<dt><a href="${file}"`);
    // Only the index lists every tag's feeds: a list on every tag page would grow with the square of the tags.
    expect(html).not.toContain('tags/china/rss.xml');
    expect(html).toContain('<a href="../../#tag-feeds">');
  });

  it('stays valid HTML (html-validate, recommended rules)', async () => {
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(await tagPage());
    expect(report.results.flatMap((result) => result.messages.map((message) => `${message.ruleId} ${message.message}`))).toEqual([]);
  });
});
