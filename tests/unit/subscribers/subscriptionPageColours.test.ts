import { describe, expect, it } from 'vitest';
import { renderSubscriptionPage } from '../../../lib/subscribers/renderSubscriptionPage.js';
import { itStatesItsColours } from '../../support/contrast.js';

// A subscriber comes to these pages from the site's and goes back to it: they state the site's colours in both
// schemes, and its focus ring on the links and the form's controls. Left to the browser, a dark-mode reader went
// from the dark site to a white page, and the controls had the browser's own ring.
describe("a subscription page's colours", () => {
  const html = renderSubscriptionPage({
    siteTitle: 'Test Watch',
    language: 'en',
    heading: 'Your topics',
    paragraphs: ['Tick the topics you want in your digest.'],
    form: { action: '/preferences', hidden: { token: 't' }, tags: [{ slug: 'trade', name: 'Trade', checked: true }], button: 'Save my topics' },
    links: [{ href: '/', text: 'Back' }],
  });

  it('follows the reader\'s scheme, the form controls too', () => {
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
  });

  itStatesItsColours(/<style>\n([\s\S]*?)<\/style>/.exec(html)![1]!, 'a:focus-visible, button:focus-visible, input:focus-visible');
});
