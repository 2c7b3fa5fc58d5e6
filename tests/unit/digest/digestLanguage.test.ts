import { describe, expect, it } from 'vitest';
import { renderDigestArchiveHtml } from '../../../lib/digest/digestHtml.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';
import { languagesOf } from '../../support/textLanguages.js';

// WCAG 2.2 3.1.2: the digest's own words (its kicker, counts, headings, labels, footer) are English; on a Korean
// site they say so, in the email and in the archived page, and the typed text among them (the site's title and
// description, tags) is Korean.
describe('the digest on a Korean site', () => {
  const site = testSite({ language: 'ko', title: '테스트 워치', description: '엄선한 뉴스' });
  const tags = [{ name: '무역', slug: 'trade' }];
  const model = weekModel(site, [meta('2014-05-06', { tags, related: [{ title: '관련 기사', url: 'https://news.example.com/r' }] })]);

  for (const [variant, html] of [['email', renderDigestHtml(model, { variant: 'email' })], ['archive', renderDigestArchiveHtml(model)]] as const) {
    it(`marks its own words English and the typed text among them Korean (${variant})`, () => {
      const own = ['Weekly digest', '1 entry · Week', 'Related', 'Tags:', 'All digests', ...(variant === 'email' ? ['You receive this email', 'Unsubscribe'] : ['The weekly digest of', 'Plain text'])];
      // The archived page says "All digests" twice: among the links to the weeks around it, and in its footer.
      for (const words of own) expect(languagesOf(html, words), words).toEqual(variant === 'archive' && words === 'All digests' ? ['en', 'en'] : ['en']);
      expect(languagesOf(html, '테스트 워치')).toEqual(['ko', 'ko']);
      expect(languagesOf(html, '무역')).toEqual(['ko']);
      expect(languagesOf(html, '관련 기사')).toEqual(['ko']);
      if (variant === 'archive') expect(languagesOf(html, '엄선한 뉴스')).toEqual(['ko']);
    });
  }

  it('marks the heading over the titles-only list English in an email cut to fit its budget', () => {
    const big = weekModel(site, Array.from({ length: 30 }, (_, i) => meta(`2014-05-0${(i % 7) + 5}`, { tags, summary: 'x'.repeat(2000) })));
    const html = renderDigestHtml(big, { variant: 'email', maxBytes: 12_000 });
    expect(languagesOf(html, 'More this week')).toEqual(['en']);
    expect(languagesOf(html, 'Read the full digest')).toEqual(['en']);
  });
});
