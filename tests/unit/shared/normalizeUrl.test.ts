import { describe, expect, it } from 'vitest';
import { prng } from '../../../bench/corpus.js';
import { normalizeUrl } from '../../../lib/shared/normalizeUrl.js';
import { isHttpUrl } from '../../../lib/shared/urls.js';

// RFC 3986 Appendix A, for an http(s) URI with a reg-name or IP host: every character in its place.
const PCT = '%[0-9A-Fa-f]{2}';
const UNRESERVED_SUB = "[A-Za-z0-9\\-._~!$&'()*+,;=]";
const PCHAR = `(?:${UNRESERVED_SUB}|${PCT}|[:@])`;
const RFC3986_HTTP = new RegExp(`^https?://(?:(?:${UNRESERVED_SUB}|${PCT}|:)*@)?(?:\\[[0-9A-Fa-f:.]+\\]|(?:${UNRESERVED_SUB}|${PCT})*)(?::\\d*)?(?:/${PCHAR}*)*(?:\\?(?:${PCHAR}|[/?])*)?(?:#(?:${PCHAR}|[/?])*)?$`, 'i');

describe('normalizeUrl', () => {
  it('percent-encodes what RFC 3986 does not allow (worked out by hand)', () => {
    expect(normalizeUrl('https://x.example/a[1]|b^c')).toBe('https://x.example/a%5B1%5D%7Cb%5Ec');
    expect(normalizeUrl('https://x.example/a b?q="x"&r=<y>')).toBe('https://x.example/a%20b?q=%22x%22&r=%3Cy%3E');
    expect(normalizeUrl('https://x.example/50%/%41')).toBe('https://x.example/50%25/%41');
    expect(normalizeUrl('https://x.example/a#f#g')).toBe('https://x.example/a#f%23g');
    expect(normalizeUrl('https://x.example/ü{}`?\\')).toBe('https://x.example/%C3%BC%7B%7D%60?%5C');
    expect(normalizeUrl('https://x.example/😀')).toBe('https://x.example/%F0%9F%98%80');
    expect(normalizeUrl('https://bücher.example/a')).toBe('https://xn--bcher-kva.example/a');
    expect(normalizeUrl('https://[::1]:8080/a')).toBe('https://[::1]:8080/a');
  });

  it('returns a valid URL unchanged, host case and all', () => {
    for (const url of ['https://Example.COM', 'https://www.nknews.org/2019/08/a-b/?x=1&y=%20#top', "http://a.example/(x)!$'*+,;=:@~"]) expect(normalizeUrl(url)).toBe(url);
  });

  it('gives an RFC 3986 URI for 5,000 generated URLs isHttpUrl accepts, and is idempotent', () => {
    const random = prng(3987);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const pieces = ['/', 'a', '[', ']', '|', '^', ' ', '%', '%4', '%41', '#', '?', '"', '<', '>', '{', '}', '`', '\\', 'é', '漢', '😀', '&', '=', ':', '@', '\u0000', '\u007f'];
    let accepted = 0;
    // Checked in the loop and asserted once, as tests/unit/time/zoneClock.test.ts does: three expect() calls per URL cost
    // more than normalizeUrl. The first ten URLs that break a rule are named, with what broke.
    const found: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      const tail = Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick(pieces)).join('');
      const url = `${pick(['https://', 'http://'])}${pick(['x.example', 'bücher.example', 'user:pw@x.example:8080', '[::1]'])}/${tail}`;
      if (!isHttpUrl(url)) continue;
      accepted++;
      const normal = normalizeUrl(url);
      if (!RFC3986_HTTP.test(normal)) found.push(`${JSON.stringify(url)}: ${JSON.stringify(normal)} is no RFC 3986 URI`);
      else if (normalizeUrl(normal) !== normal) found.push(`${JSON.stringify(url)}: ${JSON.stringify(normal)} normalised again is ${JSON.stringify(normalizeUrl(normal))}`);
      else if (new URL(normal).host !== new URL(url).host) found.push(`${JSON.stringify(url)}: host ${new URL(normal).host}, typed ${new URL(url).host}`);
    }
    expect(found.slice(0, 10), `${found.length} URLs`).toEqual([]);
    expect(accepted).toBeGreaterThan(1_000);
  });
});

describe('normalizeUrl on a long run of spaces', () => {
  it('drops the trailing C0 controls and spaces in time linear in a run of spaces inside the URL', () => {
    expect(normalizeUrl('https://x.example/a b \u0001 \t')).toBe('https://x.example/a%20b');
    const url = `https://x.example/a${' '.repeat(50_000)}b \u0001 `;
    const began = performance.now();
    const normalized = normalizeUrl(url);
    const took = performance.now() - began;
    expect(normalized).toBe(`https://x.example/a${'%20'.repeat(50_000)}b`);
    // /[\u0000-\u001f ]+$/ took seconds here (it grows with the square of the run); one pass, milliseconds.
    expect(took).toBeLessThan(1_000);
  });
});
