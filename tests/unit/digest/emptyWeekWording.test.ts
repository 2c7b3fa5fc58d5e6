import { describe, expect, it } from 'vitest';
import { renderDigestArchiveHtml } from '../../../lib/digest/digestHtml.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { renderDigestText } from '../../../lib/digest/renderDigestText.js';
import { DIGEST, testSite, weekModel } from '../../support/digestFixtures.js';

/** Each rendering of an empty week, as one line of text: the email's and the archive's HTML and text parts. */
function renderings(digest: Record<string, unknown>): Record<string, string> {
  const model = weekModel(testSite({}, { ...DIGEST, ...digest }), []);
  const flat = (text: string) => text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  return {
    'email HTML': flat(renderDigestHtml(model, { variant: 'email' })),
    'archive HTML': flat(renderDigestArchiveHtml(model)),
    'email text': flat(renderDigestText(model, { variant: 'email', unsubscribeUrl: 'https://watch.example.org/u' })),
    'archive text': flat(renderDigestText(model, { variant: 'archive' })),
  };
}

describe('an empty week’s digest says when the next one comes, truly', () => {
  it('with sendEmpty (every week is mailed): every send day, news or not; without (an empty week is not mailed): when there is news', () => {
    for (const [name, text] of Object.entries(renderings({ sendEmpty: false }))) {
      expect(text, name).toContain('Nothing was published this week. The next digest comes when there is news.');
    }
    for (const day of ['monday', 'thursday']) {
      const weekday = `${day[0]!.toUpperCase()}${day.slice(1)}`;
      for (const [name, text] of Object.entries(renderings({ sendEmpty: true, day }))) {
        expect(text, name).toContain(`Nothing was published this week. The digest comes every ${weekday}, news or not.`);
        expect(text, name).not.toContain('when there is news');
      }
    }
  });
});
