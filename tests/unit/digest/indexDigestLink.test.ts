import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { renderDigestIndex } from '../../../lib/digest/digestIndexPage.js';
import { DIGEST, testSite } from '../../support/digestFixtures.js';

// digests/index.html of a site that offers the digest by email another way than its own form (an outside signup page,
// a mail to the editors) links the home page's digest section, which says how, as each archived week's page does;
// relative, as every link of the site's pages, so that it works in `preview` too.

const LINK = '<p><a href="../#digest">Get the weekly digest by email</a></p>';
const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
const messages = async (html: string) => (await validator.validateString(html)).results.flatMap((result) => result.messages.map((message) => `${message.ruleId} ${message.message}`));

describe('digests/index.html of a site without its own signup form', () => {
  it("links the home page's digest section where an outside page takes the signups", async () => {
    const site = testSite({}, { ...DIGEST, subscribe: 'https://lists.example.net/join' });
    const html = renderDigestIndex(site, []);
    expect(html).toContain(LINK);
    expect(html).not.toContain('<form');
    // From digests/index.html under the site's url, ../#digest is the home page's section.
    expect(new URL('../#digest', new URL('digests/index.html', site.url)).href).toBe('https://watch.example.org/#digest');
    expect(await messages(html)).toEqual([]);
  });

  it('links it where a mail to the editors is the way, and under a path too', () => {
    const author = { name: 'Desk', email: 'desk@watch.example.org' };
    expect(renderDigestIndex(testSite({ author }, { day: 'monday' }), [])).toContain(LINK);
    expect(renderDigestIndex(testSite({ author, url: 'https://watch.example.org/news/' }, { day: 'monday' }), [])).toContain(LINK);
  });

  it('holds the form, and no link, where the site takes signups; neither where no digest is mailed', () => {
    const own = renderDigestIndex(testSite(), []);
    expect(own).toContain('<form class="signup"');
    expect(own).not.toContain('#digest"');
    const none = renderDigestIndex(testSite({ digest: undefined }), []);
    expect(none).not.toContain('<form');
    expect(none).not.toContain('#digest"');
  });
});
