import { describe, expect, it } from 'vitest';
import { prng } from '../../../bench/corpus.js';
import { isHttpUrl, isHttpUrlParsed } from '../../../lib/shared/urls.js';

// isHttpUrl accepts plain URLs without parsing them; the WHATWG parser (isHttpUrlParsed) is the reference.
describe('isHttpUrl', () => {
  it('accepts absolute http(s) URLs and refuses the rest (worked out by hand)', () => {
    for (const url of ['https://www.nknews.org/2019/08/a-b/', 'http://example.com', 'https://a-b.example.co.kr:8080/p?q=1#f', 'https://xn--bcher-kva.example/', 'https://a.example/a b']) expect(isHttpUrl(url), url).toBe(true);
    for (const url of ['javascript:alert(1)', 'ftp://example.com/', 'www.example.com', '/relative', 'https://', 'https://1.2.3.999/', 'https://a:99999/', ' https://example.com', 'https://exa mple.com', 'https://a.example/x\ty', 'https://xn--a.example/', '', 'https:host.example/a', 'https:/host.example/a', 'HTTPS:host.example']) expect(isHttpUrl(url), url).toBe(false);
  });

  it('agrees with the WHATWG parser on 20,000 generated URL-like strings', () => {
    const random = prng(3986);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const schemes = ['https://', 'http://', 'HTTPS://', 'ftp://', 'https:/', 'https:', 'javascript:', '//', ''];
    const labels = ['www', 'example', 'a-b', '-a', 'a-', 'xn--bcher-kva', 'xn--a', 'XN--80ak6aa92e', '0x1', '1', '255', '999', 'com', 'co', 'kr', 'localhost', '', 'a_b', 'é', '%41'];
    const ports = ['', ':80', ':8080', ':65535', ':65536', ':99999', ':', ':0'];
    const tails = ['', '/', '/a/b', '/a b', '?q=1', '#f', '/%zz', '/\\x', '/"q"', '/<a>', '@evil.com', ':pass@host', '/ü', '/\t', '\n'];
    for (let i = 0; i < 20_000; i++) {
      const host = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(labels)).join('.');
      const url = `${pick(schemes)}${host}${pick(ports)}${pick(tails)}${random() < 0.3 ? pick(tails) : ''}`;
      expect(isHttpUrl(url), JSON.stringify(url)).toBe(isHttpUrlParsed(url));
    }
  });
});
