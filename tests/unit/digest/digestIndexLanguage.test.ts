import { describe, expect, it } from 'vitest';
import { renderDigestIndex } from '../../../lib/digest/digestIndexPage.js';
import { testSite, weekModel, meta } from '../../support/digestFixtures.js';
import { languagesOf } from '../../support/textLanguages.js';

// WCAG 2.2 3.1.2: digests/index.html's own words are English; on a Korean site they say so, and the site's title
// and the weeks' dates (in the site's language) stay Korean.
describe('the digest archive page on a Korean site', () => {
  const site = testSite({ language: 'ko', title: '테스트 워치' });
  const model = weekModel(site, [meta('2014-05-06')]);
  const html = renderDigestIndex(site, [model]);

  it("marks the heading, the introduction, the signup form and each week's details English, not the site's title or the weeks' dates", () => {
    for (const words of ['Weekly digests', "Every week's entries in one email.", 'Your email address, for every entry:', '1 entry']) expect(languagesOf(html, words), words).toEqual(['en']);
    expect(languagesOf(html, '테스트 워치')).toEqual(['ko']);
    // The week's dates: the link to its page, and the plain-text link's hidden words ("text of …").
    expect(languagesOf(html, model.rangeText)).toEqual(['ko', 'ko']);
  });
});
