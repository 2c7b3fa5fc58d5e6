import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { entryPageArtifacts } from '../../../lib/pages/entryPageArtifacts.js';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { monthPageArtifacts } from '../../../lib/pages/monthPageArtifacts.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE, type ContentSpec } from '../../support/content.js';

const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00');

const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The page's canonical link and every og:, article: and twitter: meta, in order, their values decoded. */
function preview(html: string): [string, string][] {
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<(?:link rel="(canonical)" href|meta (?:property|name)="((?:og|article|twitter):[\w:]+)" content)="([^"]*)">/g)].map((m) => [m[1] ?? m[2]!, decode(m[3]!)]);
}

// A title, description and tag with markup-like text, on a site under a path: what a preview shows is escaped, and
// the canonical address is the folder's, the form the site's own links use.
const site = { ...SITE, title: 'Watch <&> "quotes"', description: 'News & notes <b>on</b> "trade".', url: 'https://example.org/watch/', language: 'ko-KR' };
const spec: ContentSpec = {
  site,
  entries: {
    '2014/a.md': entryText(entry({ title: 'Alpha', url: 'https://news.example.com/alpha', date: '2014-05-01', tags: ['R&D <lab>', 'China'] })),
    '2014/b.md': entryText(entry({ title: 'Bravo', url: 'https://news.example.com/bravo', date: '2014-05-02', tags: ['R&D <lab>'] })),
  },
};

async function build(content: ContentSpec): Promise<MemoryStore> {
  const output = new MemoryStore();
  await publish({ content: memoryContent(content), output, now: NOW, builders: [feedArtifacts, pageArtifacts, entryPageArtifacts, monthPageArtifacts] });
  return output;
}

/** What a website page (index, tag, month) previews, worked out from site.yml and the page's own title and address. */
const website = (title: string, description: string, url: string, locale = 'ko_KR'): [string, string][] => [
  ['canonical', url],
  ['og:type', 'website'],
  ['og:site_name', site.title],
  ['og:title', title],
  ['og:description', description],
  ['og:url', url],
  ['og:locale', locale],
  ['twitter:card', 'summary'],
  ['twitter:title', title],
  ['twitter:description', description],
];

// The Open Graph protocol (https://ogp.me/) and X's cards (developer.x.com, "Cards markup"); rel=canonical, RFC 6596.
describe('the canonical link and link preview of the index, tag and month pages', () => {
  it('gives the index the site’s title and description, at the site’s address', async () => {
    const out = await build(spec);
    expect(preview(out.text('index.html')!)).toEqual(website(site.title, site.description, 'https://example.org/watch/'));
  });

  it('gives a tag page the tag’s name and description, at the tag’s folder', async () => {
    const out = await build(spec);
    const slug = 'r-d-lab';
    expect(preview(out.text(`tags/${slug}/index.html`)!)).toEqual(website('R&D <lab>', `Entries tagged “R&D <lab>” on ${site.title}.`, `https://example.org/watch/tags/${slug}/`));
  });

  it('gives a month page and the list of months their headings and descriptions, at their folders', async () => {
    const out = await build({ ...spec, site: { ...site, language: 'en' } });
    expect(preview(out.text('months/2014-05/index.html')!)).toEqual(website('May 2014', '2 entries dated May 2014.', 'https://example.org/watch/months/2014-05/', 'en'));
    expect(preview(out.text('months/index.html')!)).toEqual(website('Every entry, month by month', '2 entries in 1 month, newest first.', 'https://example.org/watch/months/', 'en'));
  });

  it('writes the entry pages’ preview through the same function: an article, with its date and tags', async () => {
    const out = await build(spec);
    const entryPreview = preview(out.text('entries/2014/a/index.html')!);
    expect(entryPreview.slice(0, 2)).toEqual([['canonical', 'https://example.org/watch/entries/2014/a/'], ['og:type', 'article']]);
    expect(entryPreview.filter(([key]) => key === 'article:tag').map(([, value]) => value)).toEqual(['R&D <lab>', 'China']);
  });
});
