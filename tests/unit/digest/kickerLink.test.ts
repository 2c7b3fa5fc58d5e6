import { describe, expect, it } from 'vitest';
import { renderDigestArchiveHtml } from '../../../lib/digest/digestHtml.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// WCAG 2.2 1.4.1 Use of Color (A): a link in a line of text must be told from the text by more than colour. The
// masthead's site name is a link, in the kicker's own colour; without its underline the line read as one label.
describe("the digest's masthead link to the site", () => {
  const model = weekModel(testSite(), [meta('2014-05-08T10:00')]);
  it('is underlined in the email, in its inlined style', () => {
    const link = /<p class="kicker"[^>]*>Weekly digest of <a [^>]*>/.exec(renderDigestHtml(model, { variant: 'email' }))?.[0] ?? '';
    expect(link).toMatch(/style="[^"]*text-decoration: underline/);
  });

  it('is underlined in the archived page, by its stylesheet', () => {
    expect(renderDigestArchiveHtml(model)).toMatch(/\.kicker a \{[^}]*text-decoration: underline;[^}]*\}/);
  });
});
