import { describe, expect, it } from 'vitest';
import { renderDigestIndex } from '../../../lib/digest/digestIndexPage.js';
import { renderDigestArchiveHtml } from '../../../lib/digest/digestHtml.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { RIGHT_TO_LEFT_CSS } from '../../../lib/shared/rightToLeftCss.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// An Arabic site's digest, in the email, its archived page and the archive's list, is right to left (HTML "The dir
// attribute", beside WCAG 3.1.1's lang), and its English words on it left to right.
describe('the digest of an Arabic site', () => {
  const site = testSite({ language: 'ar', title: 'مرصد الاقتصاد' });
  const model = weekModel(site, [meta('2014-05-08', { tags: [{ name: 'تجارة', slug: 'trade' }] })]);
  const pages = { email: renderDigestHtml(model, { variant: 'email' }), archive: renderDigestArchiveHtml(model), index: renderDigestIndex(site, [model]) };

  it('says dir="rtl" on <html>, and dir="ltr" on its English lines', () => {
    for (const [name, html] of Object.entries(pages)) {
      expect(html, name).toMatch(/^<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n/);
      const english = [...html.matchAll(/<[a-z0-9]+\b[^>]* lang="en"[^>]*>/g)].map((match) => match[0]);
      expect(english.length, name).toBeGreaterThan(0);
      expect(english.filter((tag) => !tag.includes(' lang="en" dir="ltr"')), name).toEqual([]);
    }
    expect(pages.email).toMatch(/<p class="tags" lang="en" dir="ltr"[^>]*>Tags: <bdi lang="ar"/);
  });

  it('says lang and dir again on the email’s container table, which a webmail keeps when it drops <html>', () => {
    expect(pages.email).toMatch(/<table class="container" role="presentation" lang="ar" dir="rtl"( style="[^"]*")?><tbody>/);
    expect(renderDigestHtml(weekModel(testSite({ language: 'en-GB' }), [meta('2014-05-08')]), { variant: 'email' })).toMatch(/<table class="container" role="presentation" lang="en-GB"( style="[^"]*")?><tbody>/);
  });

  it("keeps the archive list's hidden skip link off screen on the right, where it cannot widen the page", () => {
    expect(pages.index).toContain(RIGHT_TO_LEFT_CSS);
  });
});
