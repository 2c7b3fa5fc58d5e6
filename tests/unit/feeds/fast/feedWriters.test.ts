import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { prng } from '../../../../bench/corpus.js';
import type { FeedDocument, FeedItem, FeedUrls } from '../../../../lib/feeds/feedDocument.js';
import { fastAtom } from '../../../../lib/feeds/fast/fastAtom.js';
import { fastJsonFeed } from '../../../../lib/feeds/fast/fastJsonFeed.js';
import { fastRss } from '../../../../lib/feeds/fast/fastRss.js';
import { feedWriters } from '../../../../lib/feeds/fast/feedWriters.js';
import { renderAtom } from '../../../../lib/feeds/renderAtom.js';
import { renderJsonFeed } from '../../../../lib/feeds/renderJsonFeed.js';
import { renderRss } from '../../../../lib/feeds/renderRss.js';
import { RenderError } from '../../../../lib/shared/errors.js';
import { feedDoc, feedItem } from '../../../support/feedDoc.js';

// The fast writers against the library's: the same text for every document, the hostile ones above all.

const PAIRS = [
  ['RSS 2.0', fastRss, renderRss],
  ['Atom 1.0', fastAtom, renderAtom],
  ['JSON Feed 1.1', fastJsonFeed, renderJsonFeed],
] as const;

function expectSameText(doc: FeedDocument): void {
  for (const [, fast, library] of PAIRS) expect(fast(doc)).toBe(library(doc));
}

const urls = (base: string): FeedUrls => ({ rss: `${base}rss.xml`, atom: `${base}atom.xml`, json: `${base}feed.json` });

/** Text that each guard of feedGuards.ts exists for, and what XML and JSON escape. */
const HOSTILE = [
  '',
  'plain',
  'AT&T <b>bold</b> > less',
  'a literal &amp; and &lt; typed',
  'quotes " and \' apostrophes',
  ']]> first ]]> second ]]]]> third',
  'control \u0000\u0001\u0002\u0008\u000B\u000C\u001F DEL \u007F C1 \u0085\u009F non-characters \uFFFE\uFFFF',
  '\u0001\u0002',
  'lone surrogates \uD800 and \uDFFF, a pair \uD83D\uDCF0',
  'tab\tnewline\ncarriage return\r',
  '조선 경제 · 朝鮮經濟 — “curly”',
  '<script>alert(1)</script>',
  '<![CDATA[ nested ]]>',
];

const URLS = [
  'https://news.example.com/a',
  'https://News.Example.COM:443/path/../b?x=1&y=2#frag',
  'https://example.org/a?q=%3C%3E&amp;z',
  'https://例え.jp/記事?a=b&c=d',
  'http://example.net',
];

describe('the fast writers give the library writers\u2019 bytes', () => {
  it('for the model of an ordinary feed', () => {
    expectSameText(feedDoc());
    expectSameText(feedDoc({ hub: 'https://hub.example.org/?a=1&b=2', icon: 'https://watch.example.org/icon.png', logo: 'https://watch.example.org/logo.png' }));
  });

  it('for an archive document, linked every RFC 5005 way', () => {
    expectSameText(
      feedDoc({
        urls: urls('https://watch.example.org/archives/2014-05/'),
        history: { prevArchive: urls('https://watch.example.org/archives/2014-04/'), nextArchive: urls('https://watch.example.org/archives/2014-06/'), current: urls('https://watch.example.org/') },
      }),
    );
    expectSameText(feedDoc({ history: { prevArchive: urls('https://watch.example.org/archives/a&b"<c>/') } }));
    expectSameText(feedDoc({ history: {} }));
  });

  it('for an empty feed', () => {
    expectSameText(feedDoc({ items: [], updated: DateTime.fromMillis(0, { zone: 'utc' }) }));
  });

  it('for each hostile text in each field', () => {
    for (const text of HOSTILE) {
      expectSameText(feedDoc({ title: text, description: text, author: { name: text, email: text }, stylesheetHref: text, icon: text, logo: text }));
      expectSameText(
        feedDoc({
          items: [
            feedItem({ title: text, summary: text, contentHtml: text, tags: [{ name: text, slug: 'x' }], source: { name: text } }),
            feedItem({ contentHtml: `<p>${text}</p>`, pageUrl: `https://watch.example.org/entries/?q=${text}`, image: `https://img.example.org/${text}.png`, source: { name: 'S', url: URLS[1]!, feed: text } }),
          ],
        }),
      );
    }
  });

  it('for items with nothing to summarise or no content (the library leaves such elements out)', () => {
    expectSameText(feedDoc({ items: [feedItem({ summary: '', contentHtml: '' })] }));
    expectSameText(feedDoc({ items: [feedItem({ summary: '\u0000', contentHtml: '\u0001' }), feedItem()] }));
    expectSameText(feedDoc({ items: [feedItem({ summary: '', contentHtml: '' }), feedItem({ summary: '' })] }));
    expectSameText(feedDoc({ items: [feedItem({ tags: [] }), feedItem({ tags: [{ name: '', slug: 'x' }, { name: 'Trade', slug: 'trade' }] })] }));
  });

  it('for URLs the WHATWG serialisation rewrites', () => {
    for (const url of URLS) expectSameText(feedDoc({ homeUrl: url, hub: url, urls: urls(`${url}/`), items: [feedItem({ url, source: { name: 'S', url } })] }));
  });

  it('for 400 generated documents', () => {
    const random = prng(20261205);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    const text = () => (random() < 0.5 ? pick(HOSTILE) : `${pick(HOSTILE)} ${pick(HOSTILE)}`);
    const maybe = <T>(value: () => T): T | undefined => (random() < 0.5 ? value() : undefined);
    const when = () => Date.UTC(1970 + Math.floor(random() * 80), 0, 1) + Math.floor(random() * 365 * 86_400_000);
    for (let n = 0; n < 400; n++) {
      const items: FeedItem[] = [];
      const count = Math.floor(random() * 6);
      for (let i = 0; i < count; i++) {
        const published = when();
        const sourceUrl = maybe(() => pick(URLS));
        const sourceFeed = maybe(text);
        const pageUrl = maybe(() => `https://watch.example.org/entries/${i}/`);
        const image = maybe(() => `${pick(URLS)}/${i}.jpg`);
        items.push({
          id: `tag:watch.example.org,2014:${n}/${i}`,
          title: text(),
          url: pick(URLS),
          published,
          updated: random() < 0.5 ? published : when(),
          summary: text(),
          contentHtml: random() < 0.2 ? '' : `<p>${text()}</p>`,
          tags: Array.from({ length: Math.floor(random() * 4) }, (_, t) => ({ name: text(), slug: `t${t}` })),
          source: { name: text(), ...(sourceUrl ? { url: sourceUrl } : {}), ...(sourceFeed ? { feed: sourceFeed } : {}) },
          ...(pageUrl ? { pageUrl } : {}),
          ...(image ? { image } : {}),
        });
      }
      const hub = maybe(() => pick(URLS));
      const icon = maybe(text);
      const logo = maybe(text);
      const email = maybe(text);
      const doc: FeedDocument = {
        title: text(),
        description: text(),
        language: pick(['en', 'ko-KP', 'zh-Hant-TW']),
        homeUrl: pick(URLS),
        urls: urls(`https://watch.example.org/archives/${n}/`),
        stylesheetHref: pick(['feed.xsl', '../../feed.xsl', text()]),
        author: { name: text(), ...(email ? { email } : {}) },
        updated: DateTime.fromMillis(when(), { zone: pick(['utc', 'Asia/Seoul']) }),
        items,
        ...(hub ? { hub } : {}),
        ...(icon ? { icon } : {}),
        ...(logo ? { logo } : {}),
        ...(random() < 0.6 ? { history: { ...(random() < 0.7 ? { prevArchive: urls('https://watch.example.org/archives/p/') } : {}), ...(random() < 0.5 ? { nextArchive: urls('https://watch.example.org/archives/n/?a&b') } : {}), ...(random() < 0.8 ? { current: urls('https://watch.example.org/') } : {}) } } : {}),
      };
      expectSameText(doc);
    }
  });

  it('and refuse what the library refuses', () => {
    const doc = feedDoc({ language: 'en" onload="x' });
    expect(() => renderAtom(doc)).toThrow(RenderError);
    expect(() => fastAtom(doc)).toThrow(RenderError);
  });
});

describe('feedWriters', () => {
  it('writes archive documents with the fast writers and the feeds readers poll with the library', () => {
    expect(feedWriters(true)).toEqual({ rss: fastRss, atom: fastAtom, json: fastJsonFeed });
    expect(feedWriters(false)).toEqual({ rss: renderRss, atom: renderAtom, json: renderJsonFeed });
  });
});
