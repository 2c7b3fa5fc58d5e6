import { describe, expect, it } from 'vitest';
import { renderDigestText } from '../../../lib/digest/renderDigestText.js';
import { sizeAsSent } from '../../../lib/digest/sizeAsSent.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// The text part's lists hang their lines under the text, past the marker: an entry's number ("1. ", "172. "), a
// related link's bullet ("- "), in the full entries and in the titles-only list of an email past its budget alike.
// A title of 20 words: "word0" to "word9" of 5 letters, "word10" to "word19" of 6. After a marker of 5 columns, 67
// are left: "word0" to "word10" take 10 × 5 + 6 + 10 spaces = 66, and "word11" would pass 67.
const TITLE = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
const FIRST = Array.from({ length: 11 }, (_, i) => `word${i}`).join(' ');
const REST = Array.from({ length: 9 }, (_, i) => `word${i + 11}`).join(' ');

describe("the digest text part's hanging indents", () => {
  it("continues a related link's title under its text, not under the bullet, and puts its link there too", () => {
    const model = weekModel(testSite(), [meta('2014-05-09', { related: [{ title: TITLE, url: 'https://news.example.com/bg' }] })]);
    const text = renderDigestText(model, { variant: 'archive' });
    // Entry 1: "1. " indents its lines 3 columns, and "- " 2 more.
    expect(text).toContain(`   Related:\n   - ${FIRST}\n     ${REST}\n     https://news.example.com/bg\n`);
  });

  it('continues a title of the "More this week" list under its text, past its number, and puts its link there too', () => {
    const summary = 'Markets held steady and prices moved little. '.repeat(40);
    const model = weekModel(testSite(), Array.from({ length: 300 }, () => meta('2014-05-08T10:00', { title: TITLE, summary })));
    const text = renderDigestText(model, { variant: 'email', maxBytes: 100_000, sizeAsSent });
    expect(text).toContain('More this week');
    // "172. " is 5 columns wide.
    expect(text).toContain(`\n172. ${FIRST}\n     ${REST}\n     ${model.entries[171]!.url}\n`);
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(72);
  });
});
