import { describe, expect, it } from 'vitest';
import { renderSignupForm } from '../../../lib/subscribers/renderSignupForm.js';
import { ownWords } from '../../../lib/shared/ownWords.js';
import { languagesOf } from '../../support/textLanguages.js';

// WCAG 2.2 3.1.2: the signup form's words are English; on a Korean page it says so, and the tag's name in its label
// is Korean again.
describe('the signup form on a Korean page', () => {
  const html = `<!DOCTYPE html><html lang="ko"><body>${renderSignupForm({ action: '../subscribe', page: '/tags/trade/', tag: { slug: 'trade', name: '무역' } }, ownWords('ko'))}</body></html>`;

  it("marks its label, button and note English, and the tag's name in the label Korean", () => {
    for (const words of ['Your email address, for the entries tagged', 'Subscribe', 'Leave this field empty', 'We send a link to confirm first.']) expect(languagesOf(html, words), words).toEqual(['en']);
    expect(languagesOf(html, '무역')).toEqual(['ko']);
  });
});
