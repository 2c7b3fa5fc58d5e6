import { HtmlValidate } from 'html-validate';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { digestArtifacts } from '../../../lib/digest/digestArtifacts.js';
import { renderDigestArchiveHtml } from '../../../lib/digest/digestHtml.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { DIGEST, meta, testSite, twoWeeksContent, weekModel } from '../../support/digestFixtures.js';

// An archived week's page is the one an email's "View in browser" opens, a forwarded digest's too: its reader can
// sign up there (README, "The subscriber's way"), with the site's own form when the site takes signups, else by a
// link to the home page's digest section, which says how. The email itself holds no form.

const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-inline-style': 'off', 'no-conditional-comment': 'off' } });
const forms = (html: string) => [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((match) => match[0]);
const style = (html: string) => /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
const messages = async (html: string) => (await validator.validateString(html)).results.flatMap((result) => result.messages.map((message) => `${message.ruleId} ${message.message}`));

describe("an archived week's page offers the digest by email", () => {
  it('holds the signup form of a site that takes signups, posting to /subscribe at the root with the page recorded, its honeypot hidden', async () => {
    // 2014-W19 is archived as digests/2014-W19.html: /subscribe is one folder up from it.
    const html = renderDigestArchiveHtml(weekModel(testSite(), [meta('2014-05-09')], '2014-W19'));
    const [form, ...more] = forms(html);
    expect(more).toEqual([]);
    expect(form).toContain('<form class="signup" method="post" action="../subscribe">');
    expect(form).toContain('<input type="hidden" name="page" value="/digests/2014-W19.html">');
    expect(form).toMatch(/<input id="signup-email" type="email" name="email" required autocomplete="email">/);
    expect(form).toMatch(/<p class="hp" aria-hidden="true">[^\n]*name="website" tabindex="-1"/);
    // The honeypot off screen, the field and button with a focus ring, in the page's one stylesheet.
    const css = style(html);
    expect(css).toMatch(/(^|\n)\.hp \{ position: absolute; left: -10000px;/);
    expect(css).toMatch(/button:focus-visible, input:focus-visible \{ outline: 3px solid #1a4f8b;/);
    // Inside the page's main landmark, after the entries, before the footer (its links).
    expect(html.indexOf(form!)).toBeGreaterThan(html.indexOf('<main id="digest">'));
    expect(html.indexOf(form!)).toBeLessThan(html.indexOf('</main>'));
    expect(html.indexOf('</main>')).toBeLessThan(html.indexOf('>Plain text</a>'));
    expect(await messages(html)).toEqual([]);
  });

  it('climbs the path of a site under one, and keeps the honeypot off screen on the right of a right-to-left page', () => {
    const html = renderDigestArchiveHtml(weekModel(testSite({ url: 'https://example.org/watch/', language: 'ar' }), [meta('2014-05-09')]));
    expect(forms(html)[0]).toContain('action="../../subscribe"');
    expect(forms(html)[0]).toContain('lang="en" dir="ltr"');
    expect(style(html)).toContain('.hp{left:auto;right:-10000px}');
  });

  it("links the home page's digest section where another page takes the signups, and offers nothing where no digest is mailed", async () => {
    const outside = { ...DIGEST, subscribe: 'https://lists.example.net/join' };
    const html = renderDigestArchiveHtml(weekModel(testSite({}, outside), [meta('2014-05-09')]));
    expect(forms(html)).toEqual([]);
    expect(html).toContain('<p><a href="https://watch.example.org/#digest">Get the weekly digest by email</a></p>');
    expect(await messages(html)).toEqual([]);
    // The link's target: the home page's digest section, which names the outside page.
    const output = new MemoryStore();
    await publish({ content: twoWeeksContent({}, outside), output, now: DateTime.fromISO('2014-05-19T08:00:00+09:00'), builders: [pageArtifacts, digestArtifacts] });
    const home = output.text('index.html')!;
    expect(home).toMatch(/<h2 id="digest">Weekly digest<\/h2>[\s\S]*?href="https:\/\/lists\.example\.net\/join"/);
    expect(output.text('digests/2014-W19.html')).toContain('href="https://watch.example.org/#digest"');

    // A site.yml without a digest: block mails none: its archive promises no email.
    const none = renderDigestArchiveHtml(weekModel(testSite({}, {}), [meta('2014-05-09')]));
    expect(forms(none)).toEqual([]);
    expect(none).not.toContain('by email');
  });

  it('is not in the email, which a mail client shows: a form there would post from it', () => {
    const email = renderDigestHtml(weekModel(testSite(), [meta('2014-05-09')]), { variant: 'email' });
    expect(forms(email)).toEqual([]);
    expect(email).not.toContain('signup');
  });
});
