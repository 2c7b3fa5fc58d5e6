import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { prng } from '../../../bench/corpus.js';
import { encodeUriTail, normalizeUrl } from '../../../lib/shared/normalizeUrl.js';
import { isHttpUrl, isHttpUrlParsed, urlHostFault, urlHostRefusal } from '../../../lib/shared/urls.js';

// isHttpUrl accepts plain URLs without parsing them; the WHATWG parser (isHttpUrlParsed) is the reference.

// Thousands of generated URLs are compared in the loop and asserted once, as tests/unit/time/zoneClock.test.ts does:
// an expect() per URL cost more than the comparison. The first disagreements are named, with both answers.
const expectNone = (found: string[]) => expect(found.slice(0, 10), `${found.length} disagreements with the parser`).toEqual([]);
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
    const found: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const host = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(labels)).join('.');
      const url = `${pick(schemes)}${host}${pick(ports)}${pick(tails)}${random() < 0.3 ? pick(tails) : ''}`;
      const [ours, parsed] = [isHttpUrl(url), isHttpUrlParsed(url)];
      if (ours !== parsed) found.push(`${JSON.stringify(url)}: ${ours}, parser ${parsed}`);
    }
    expectNone(found);
  });
});

// What a browser reads in a URL normalizeUrl gives must be what it reads in the URL as typed: the same scheme, user,
// host and port, and the same path, query and fragment once both are in RFC 3986's characters (encodeUriTail).
describe('normalizeUrl against the WHATWG parser', () => {
  const read = (url: string) => {
    const parsed = new URL(url);
    return { protocol: parsed.protocol, username: parsed.username, password: parsed.password, host: parsed.host, rest: encodeUriTail(parsed.pathname + parsed.search + parsed.hash) };
  };

  it('keeps every part of a URL with backslashes, a numeric host or odd slashes (worked out from the URL Standard)', () => {
    expect(normalizeUrl('https://news.example.com\\articles\\2026\\story.html')).toBe('https://news.example.com/articles/2026/story.html');
    expect(normalizeUrl('https://rel.example\\x\\y?q=1\\2#a\\b')).toBe('https://rel.example/x/y?q=1%5C2#a%5Cb');
    expect(normalizeUrl('https://0x7f.1/hexip')).toBe('https://127.0.0.1/hexip');
    expect(normalizeUrl('http://127.1:8080/a')).toBe('http://127.0.0.1:8080/a');
    expect(normalizeUrl('https:///\\a.example/b')).toBe('https://a.example/b');
    expect(normalizeUrl('https://%61.example/b')).toBe('https://a.example/b');
    expect(normalizeUrl('https://a.example/b\u0001')).toBe('https://a.example/b');
  });

  it('agrees with the parser on 20,000 generated URLs isHttpUrl accepts', () => {
    const random = prng(3988);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const schemes = ['https://', 'http://', 'HTTP://', 'https:///', 'https://\\', 'https:////\\'];
    const users = ['', '', '', 'u@', 'u:p@', 'a@b@', ':p@', '@', 'ü:%41@'];
    const hosts = ['x.example', 'X.Example', 'bücher.example', '0x7f.1', '127.1', '1.2.3.4', '[::1]', '[0:0::1]', 'localhost', '%61.example', 'a_b.example', 'x.example.', '192.168.0.0x1'];
    const ports = ['', '', ':8080', ':443', ':80', ':0080', ':'];
    const pieces = ['/', '\\', 'a', '.', '..', '%2e', '?', '#', '%', '%41', '%zz', ' ', '|', '^', '[', ']', '"', '<', '>', '{', '}', '`', "'", 'é', '😀', '@', ':', '&', '=', '\u0001', '\u007f'];
    let accepted = 0;
    const found: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const tail = Array.from({ length: Math.floor(random() * 8) }, () => pick(pieces)).join('');
      const url = `${pick(schemes)}${pick(users)}${pick(hosts)}${pick(ports)}${pick(['', '/', '\\', '?', '#'])}${tail}`;
      if (!isHttpUrl(url)) continue;
      accepted++;
      const [ours, typed] = [read(normalizeUrl(url)), read(url)];
      if (!isDeepStrictEqual(ours, typed)) found.push(`${JSON.stringify(url)}: ${JSON.stringify(ours)}, as typed ${JSON.stringify(typed)}`);
    }
    expectNone(found);
    expect(accepted).toBeGreaterThan(10_000);
  });
});

// The WHATWG parser keeps hosts HTML refuses (the Nu checker: "A domain name label is longer than 63 bytes"): labels of
// 1 to 63 characters and names of at most 253 (RFC 1035 §2.3.4), one final dot allowed.
describe('isHttpUrl: hosts HTML refuses', () => {
  const label63 = 'x'.repeat(63);
  const name253 = Array.from({ length: 4 }, (_, index) => (index === 3 ? 'y'.repeat(253 - 3 * 64) : label63)).join('.');

  it('refuses an empty label, a label over 63 characters and a name over 253, through the fast path and the parser alike', () => {
    expect(name253).toHaveLength(253);
    for (const url of ['https://a..b.example/', 'https://.a.example/', 'https://a.example../', `https://${label63}x.example/`, `https://${label63}x.example`, `https://${'x'.repeat(64)}.xn--bcher-kva.example/`, `https://${name253}.z/`, `http://${name253}a:8080/p`]) {
      expect(isHttpUrl(url), url).toBe(false);
      expect(isHttpUrlParsed(url), url).toBe(false);
    }
  });

  it('accepts labels of 63 characters, a name of 253, and one final dot', () => {
    for (const url of [`https://${label63}.example/a`, `https://${name253}/`, `https://${name253}./x`, 'https://a.example./', 'https://127.0.0.1/', 'https://[::1]/', `https://news.example.com/${'p'.repeat(400)}`,
      // IDNs typed in Unicode or punycode, an IPv6 literal with a port, localhost, a final dot before a port.
      'https://bücher.example/', 'https://xn--bcher-kva.example/', 'https://例え.テスト/', 'https://[2001:db8::1]:8080/a', 'http://localhost:3000/', 'https://example.com.:8443/']) {
      expect(isHttpUrl(url), url).toBe(true);
      expect(isHttpUrlParsed(url), url).toBe(true);
    }
  });

  it('names the host and what is wrong with it (urlHostFault)', () => {
    expect(urlHostFault('https://a..b.example/x')).toBe('has the host "a..b.example", which has an empty label: two dots in a row, or a dot at its start, or more than one at its end');
    expect(urlHostFault(`https://${'x'.repeat(64)}.example/`)).toBe(`has the host "${'x'.repeat(64)}.example", which has a label of 64 characters, more than the 63 a domain name's label may have (RFC 1035)`);
    expect(urlHostFault(`https://${name253}a/`)).toBe(`has the host "${name253}a", which is 254 characters long, more than the 253 a domain name may have (RFC 1035)`);
    // A Unicode label is measured in its ASCII form: 60 ü are 66 characters as xn--tda…; the host is named as typed too.
    const umlauts = 'ü'.repeat(60);
    expect(new URL(`https://${umlauts}.de/`).hostname).toBe(`xn--td${'a'.repeat(60)}.de`);
    expect(urlHostFault(`https://${umlauts}.de/`)).toBe(`has the host "${umlauts}.de" ("xn--td${'a'.repeat(60)}.de" as DNS spells it), which has a label of 66 characters, more than the 63 a domain name's label may have (RFC 1035)`);
    expect(urlHostFault('https://news.example.com/a')).toBeUndefined();
    expect(urlHostFault('news.example.com')).toBeUndefined();
  });

  it('gives the problem of a URL refused for its host alone, quoting the value as typed (urlHostRefusal)', () => {
    expect(urlHostRefusal('websub', ' https://a..b.example/x')).toEqual({
      message: '" https://a..b.example/x" has the host "a..b.example", which has an empty label: two dots in a row, or a dot at its start, or more than one at its end: no page may link to it (HTML\'s valid URL)',
      fix: "write websub: with the host's name as it is spelt, labels of 1 to 63 letters, digits or hyphens between single dots",
    });
    expect(urlHostRefusal('url', 'https://news.example.com/a')).toBeUndefined();
    expect(urlHostRefusal('url', 42)).toBeUndefined();
  });
});
