import { describe, expect, it } from 'vitest';
import { renderDigestIndex } from '../../../lib/digest/digestIndexPage.js';
import { renderDigestArchiveHtml } from '../../../lib/digest/digestHtml.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The head's meta description, canonical link and every og:/twitter: meta, in order, their values decoded. */
function preview(html: string): [string, string][] {
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<(?:link rel="(canonical)" href|meta (?:property|name)="((?:og|twitter):[\w:]+|description)" content)="([^"]*)">/g)].map((m) => [m[1] ?? m[2]!, decode(m[3]!)]);
}

/** What a website page previews (ogp.me; developer.x.com "Cards markup"), worked out from site.yml and the page. */
const website = (siteTitle: string, title: string, description: string, url: string): [string, string][] => [
  ['description', description],
  ['canonical', url],
  ['og:type', 'website'],
  ['og:site_name', siteTitle],
  ['og:title', title],
  ['og:description', description],
  ['og:url', url],
  ['og:locale', 'ko_KR'],
  ['twitter:card', 'summary'],
  ['twitter:title', title],
  ['twitter:description', description],
];

// A site under a path, with markup-like text in its title and an entry's: what a preview shows is escaped, and the
// canonical address is the page's public one (the archive index's folder, as the site's pages link to it).
describe("the digest archive's link previews", () => {
  const siteTitle = 'Watch <&> "quotes"';
  const site = testSite({ title: siteTitle, url: 'https://example.org/watch/', language: 'ko-KR' });
  const first = meta('2014-05-06', { title: 'Tea & <b>"cakes"</b>' });
  const second = meta('2014-05-07', { title: 'Bravo' });
  const model = weekModel(site, [first, second]);

  // 2014-W19 is 5–11 May in Seoul; in Korean (CLDR's ko date range) 2014년 5월 5일~11일.
  it("gives a week's page its address, its week in the site's language as title and the entries' titles as description", () => {
    const html = renderDigestArchiveHtml(model);
    expect(html).toContain(`<h1 dir="auto">2014년 5월 5일~11일</h1>`);
    expect(preview(html)).toEqual(website(siteTitle, '2014년 5월 5일~11일', `2 entries: ${first.title} · ${second.title}`, 'https://example.org/watch/digests/2014-W19.html'));
  });

  it("gives an empty week's page the empty week's line", () => {
    const empty = weekModel(site, [], '2014-W21');
    expect(preview(renderDigestArchiveHtml(empty))).toEqual(website(siteTitle, '2014년 5월 19일~25일', `No new entries on ${siteTitle} this week.`, 'https://example.org/watch/digests/2014-W21.html'));
  });

  // A meta's content cannot be marked lang="en": English words stay in the title only on an English site (README,
  // "The weekly digest"), which names the week "Weekly digest: May 5–11, 2014".
  it("keeps the English words of an English site's week's title", () => {
    const english = weekModel(testSite({ title: siteTitle, url: 'https://example.org/watch/', language: 'en' }), [first]);
    const titles = preview(renderDigestArchiveHtml(english)).filter(([name]) => name === 'og:title' || name === 'twitter:title');
    expect(titles).toEqual([['og:title', 'Weekly digest: May 5–11, 2014'], ['twitter:title', 'Weekly digest: May 5–11, 2014']]);
  });

  it('gives digests/index.html its folder as address and its intro as description', () => {
    expect(preview(renderDigestIndex(site, [model]))).toEqual(website(siteTitle, 'Weekly digests', `Every week's entries on ${siteTitle} in one email.`, 'https://example.org/watch/digests/'));
  });

  it('leaves the email without them: it has no address of its own', () => {
    expect(preview(renderDigestHtml(model, { variant: 'email' }))).toEqual([]);
  });
});
