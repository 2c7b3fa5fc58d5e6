import { describe, expect, it } from 'vitest';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { renderDigestText } from '../../../lib/digest/renderDigestText.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// The footers' sentences end in typed text, the site's title or a chosen topic: one that ends in its own full stop
// (an abbreviation), "!" or "?" takes no second one, which read "the weekly digest of Watch Inc..".
const flat = (text: string) => text.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
const parts = (title: string, topics?: string[]) => {
  const model = { ...weekModel(testSite({ title, description: 'Curated test news.' }), [meta('2014-05-08')]), ...(topics ? { topics } : {}) };
  return {
    email: [renderDigestText(model, { variant: 'email' }), renderDigestHtml(model, { variant: 'email' })].map(flat),
    archive: [renderDigestText(model, { variant: 'archive' }), renderDigestHtml(model, { variant: 'archive' })].map(flat),
  };
};

describe("the digest footers' full stop", () => {
  for (const title of ['Watch Inc.', 'Watch!', 'What Now?', 'Watch…']) {
    it(`is not doubled after a title ending in its own: ${title}`, () => {
      const { email, archive } = parts(title);
      for (const text of email) expect(text).toMatch(new RegExp(`weekly digest of ${title.replace(/[.?]/g, '\\$&')} (Site:|View in browser)`));
      for (const text of archive) expect(text).toContain(`The weekly digest of ${title} Curated test news.`);
    });
  }

  it('is not doubled after a chosen topic ending in its own, and follows one that does not', () => {
    for (const text of parts('Test Watch', ['Trade', 'U.S.']).email) expect(text).toMatch(/for the entries tagged Trade, U\.S\. (Site:|View in browser)/);
    for (const text of parts('Test Watch', ['U.S.', 'Trade']).email) expect(text).toMatch(/for the entries tagged U\.S\., Trade\. (Site:|View in browser)/);
  });

  it('ends a sentence whose title has none', () => {
    const { email, archive } = parts('Test Watch');
    for (const text of email) expect(text).toMatch(/weekly digest of Test Watch\. (Site:|View in browser)/);
    for (const text of archive) expect(text).toContain('The weekly digest of Test Watch. Curated test news.');
  });
});
