import { describe, expect, it } from 'vitest';
import { IMAGE_SCHEMES, LINK_SCHEMES, refusedAddress } from '../../../lib/content/refusedAddress.js';

// The rule itself: what the WHATWG URL parser reads against the site's URL, of a scheme the sanitiser keeps.
const parsedRefused = (address: string, image: boolean): boolean => {
  try {
    return !(image ? IMAGE_SCHEMES : LINK_SCHEMES).includes(new URL(address.trim(), 'https://base.invalid/').protocol.slice(0, -1));
  } catch {
    return true;
  }
};

// Pieces of addresses, many of them where a URL parser fails or reads another scheme: a host a Punycode label, an IPv4
// number or a port may make unreadable, a user name, two slashes either way round, a control character, a colon.
const STARTS = ['http://', 'https://', 'HTTPS://', 'hTtP://', 'http:/', 'http:', 'https:\\\\', 'https:///', 'ftp://', 'javascript:', 'data:', 'mailto:', 'tel:', 'a+b.c:', '', '//', '/\\', '\\\\', '\\/', '/', './', '../', '#', '?', ' ', '\t', '\x01', '\x00', '\u00a0', '\ufeff'];
const HOSTS = ['a', 'example', 'EXAMPLE', 'xn--', 'xn--abc', 'XN--p1ai', 'xn--nxasmq6b', 'axn--b', '0x7f', '0X', '127', '1', '999', '256', '0', '09', '-', 'a-b', '.', '..', '%41', '%zz', '@', 'user:pw@', ':80', ':99999', ':', ' ', '[::1]', '[::1', '\u00e9', '\u0000', '_', '*', '|', '^', '\u00ad', 'ß', 'Ⅻ', '\ud800', 'ﬀ'];
const TAILS = ['/', '/path', '/a/b.png', '?q=1', '#f', '\\', '&amp;', '&', ':', '%', ' ', '//', '/\\x', '\n', '[', '\ud800', 'é'];

function* addresses(count: number): Generator<string> {
  // A fixed sequence (a linear congruential generator), so a failure is met again.
  let state = 47;
  const random = () => (state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
  const pick = (pieces: readonly string[]) => pieces[Math.floor(random() * pieces.length)]!;
  for (let n = 0; n < count; n++) {
    let address = pick(STARTS);
    for (let i = Math.floor(random() * 4); i > 0; i--) address += pick(HOSTS) + (random() < 0.4 ? '.' : '');
    for (let i = Math.floor(random() * 3); i > 0; i--) address += pick(TAILS);
    yield address;
  }
}

// A URL parser that throws after each parse, so that an address it parses is refused.
function withParseRefused(run: () => void): void {
  const Parser = globalThis.URL;
  globalThis.URL = class extends Parser {
    constructor(url: string | URL, base?: string | URL) {
      super(url, base);
      throw new Error(`parsed ${String(url)}`);
    }
  };
  try {
    run();
  } finally {
    globalThis.URL = Parser;
  }
}

describe('refusedAddress', () => {
  it('says what the URL parser says, for every address: its quick look decides only where a parse could not differ', () => {
    const differing: string[] = [];
    let kept = 0;
    for (const address of addresses(20_000)) {
      for (const image of [true, false]) if (refusedAddress(address, image) !== parsedRefused(address, image)) differing.push(`${JSON.stringify(address)} ${image ? 'image' : 'link'}`);
      if (!parsedRefused(address, true)) kept++;
    }
    expect(differing).toEqual([]);
    // Both answers are among them, many times.
    expect(kept).toBeGreaterThan(2_000);
    expect(kept).toBeLessThan(18_000);
  });

  it('needs no parse for an http(s) address with a host of letters, nor for a relative one; parses any other', () => {
    withParseRefused(() => {
      for (const address of ['https://www.nknews.org/2014/05/rice-prices/', 'HTTP://Example.ORG', 'https://a-b.example.org./x?y#z', '/images/a.png', 'b.png', '#notes', '?page=2', ' ./a ']) {
        expect(refusedAddress(address, true), address).toBe(false);
      }
      for (const address of ['https://xn--p1ai/', 'https://127.1/', 'https://a.example:8080/', '//a.example/', '\\\\a.example/', 'mailto:a@b.example']) expect(refusedAddress(address, false), address).toBe(true);
    });
  });
});
