import { describe, expect, it } from 'vitest';
import { digestInfo } from '../../../lib/pages/pageArtifacts.js';
import { ownWords } from '../../../lib/shared/ownWords.js';
import { renderSignupForm } from '../../../lib/subscribers/renderSignupForm.js';
import { siteSignup } from '../../../lib/subscribers/siteSignup.js';
import { siteSignupForm } from '../../../lib/subscribers/siteSignupForm.js';
import { testSite } from '../../support/digestFixtures.js';

// Whether a site takes signups itself has one owner, siteSignup: the site's pages (digestInfo) and the digests' pages
// (siteSignupForm) show the form for the same sites, posting to the same place.
const FROM = 'Eds <eds@watch.example.org>';
const SUBSCRIBE = 'https://lists.example.org/join';
const AUTHOR = { author: { name: 'Eds', email: 'eds@watch.example.org' } };
const sites = {
  'digest.from alone': testSite(AUTHOR, { from: FROM }),
  'digest.from and digest.subscribe': testSite(AUTHOR, { from: FROM, subscribe: SUBSCRIBE }),
  'digest.subscribe alone': testSite(AUTHOR, { subscribe: SUBSCRIBE }),
  'a digest: block with neither (a mail to the author)': testSite(AUTHOR, { day: 'monday' }),
  'digest.from, under a path': testSite({ ...AUTHOR, url: 'https://watch.example.org/news/' }, { from: FROM }),
};

describe('siteSignup: the one place that says whether a site takes signups', () => {
  it('only a site that sends the digest and names no other signup page takes them', () => {
    const takes = Object.fromEntries(Object.entries(sites).map(([name, site]) => [name, siteSignup(site, 'index.html', '/') !== undefined]));
    expect(takes).toEqual({
      'digest.from alone': true,
      'digest.from and digest.subscribe': false,
      'digest.subscribe alone': false,
      'a digest: block with neither (a mail to the author)': false,
      'digest.from, under a path': true,
    });
  });

  it("is the form of the site's home and tag pages, with the tag, and of digests/index.html", () => {
    const words = ownWords('en-GB');
    for (const [name, site] of Object.entries(sites)) {
      const home = siteSignup(site, 'index.html', '/');
      const tag = siteSignup(site, 'tags/trade/index.html', '/tags/trade/');
      expect(digestInfo(site, 'index.html').signup, name).toEqual(home);
      expect(digestInfo(site, 'tags/trade/index.html', { name: 'Trade', slug: 'trade' }).signup, name).toEqual(tag && { ...tag, tag: { slug: 'trade', name: 'Trade' } });
      const digests = siteSignup(site, 'digests/index.html', '/digests/');
      expect(siteSignupForm(site, 'digests/index.html', '/digests/', words), name).toBe(digests && renderSignupForm(digests, words));
    }
    // /subscribe at the root of the origin, from each page (subscribeHref): one folder up more under /news/.
    expect(siteSignup(sites['digest.from alone'], 'tags/trade/index.html', '/tags/trade/')).toEqual({ action: '../../subscribe', page: '/tags/trade/' });
    expect(siteSignup(sites['digest.from, under a path'], 'tags/trade/index.html', '/tags/trade/')).toEqual({ action: '../../../subscribe', page: '/tags/trade/' });
  });
});
