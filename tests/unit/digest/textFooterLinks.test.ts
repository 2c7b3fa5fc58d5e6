import { describe, expect, it } from 'vitest';
import { renderDigestEmail } from '../../../lib/digest/renderDigestHtml.js';
import { renderDigestText } from '../../../lib/digest/renderDigestText.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// README, "The email": "A plain-text part carries the same content (multipart/alternative)": a reader of the text
// part (a text-only client, a screen reader's plain view) has every link the HTML part's footer gives.
describe("the digest email's text footer", () => {
  const model = weekModel(testSite(), [meta('2014-05-09')]);

  it("gives each of the HTML footer's own links, in the same order, each at the end of a line", () => {
    const html = renderDigestEmail(model, { variant: 'email' }).html;
    const footerHtml = html.slice(html.indexOf('class="cell footer"'));
    // The recipient's own links (unsubscribe, topics) are filled in per message; the site's are here already.
    const hrefs = [...footerHtml.matchAll(/href="(https:[^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, '&'));
    expect(hrefs).toContain(model.urls.index);
    const text = renderDigestText(model, { variant: 'email', unsubscribeUrl: 'https://watch.example.org/unsubscribe?token=t' });
    const lines = text.slice(text.indexOf('\n-- \n')).split('\n');
    const at = hrefs.map((href) => lines.findIndex((line) => line.endsWith(` ${href}`)));
    expect(at.every((index) => index >= 0), JSON.stringify({ hrefs, lines })).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});
