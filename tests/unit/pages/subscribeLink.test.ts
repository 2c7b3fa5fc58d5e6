import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseSite } from '../../../lib/content/site.js';
import { digestInfo } from '../../../lib/pages/pageArtifacts.js';
import { SITE } from '../../support/content.js';

const withDigest = (digest: Record<string, unknown>) => parseSite(dump({ ...SITE, digest: { from: 'Editors <editors@watch.example.org>', ...digest } }));

describe('digest.subscribe', () => {
  it('is a known field: an https or mailto link raises no warning', () => {
    for (const subscribe of ['https://watch.example.org/digest', 'mailto:editors@watch.example.org?subject=subscribe']) {
      const parsed = withDigest({ subscribe });
      expect(parsed.problems).toEqual([]);
      expect(parsed.warnings.filter((w) => w.field.includes('subscribe'))).toEqual([]);
    }
  });

  it('reports a link that is neither https nor mailto', () => {
    expect(withDigest({ subscribe: 'javascript:alert(1)' }).problems).toMatchObject([{ field: 'digest.subscribe' }]);
  });

  it('is written as an RFC 3986 URI, since every page links to it: a space, | or a stray % is percent-encoded', () => {
    const link = (subscribe: string) => withDigest({ subscribe }).site!.digest.subscribe;
    expect(link('https://watch.example.org/sign up|now')).toBe('https://watch.example.org/sign%20up%7Cnow');
    expect(link('mailto:editors@watch.example.org?subject=100%')).toBe('mailto:editors@watch.example.org?subject=100%25');
    expect(link('mailto:editors@watch.example.org?subject=%2Fok')).toBe('mailto:editors@watch.example.org?subject=%2Fok');
  });
});

describe("the author's address as the pages' mailto: link", () => {
  it('percent-encodes what RFC 6068 does not allow in an address, so % ? | { } neither break the URI nor start its query', () => {
    // A digest: block without from or subscribe: the author's address is the way to get it.
    const site = parseSite(dump({ ...SITE, author: { name: 'Ed', email: 'ed%ok|{x}?@watch.example.org' }, digest: { day: 'monday' } })).site!;
    const href = digestInfo(site, 'index.html').subscribeHref!;
    expect(href.split('?subject=')[0]).toBe('mailto:ed%25ok%7C%7Bx%7D%3F@watch.example.org');
  });
});
