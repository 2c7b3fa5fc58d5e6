import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { markdown } from '../../../lib/content/markdownParser.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { seededPick } from '../../support/seededPick.js';

const BASE = 'https://watch.example.org/';
const text = (body: string) => /<a [^>]*>([^<]*)<\/a>/.exec(renderMarkdown(body, BASE).html)?.[1];

// A link's text shows its address decoded; percent-encoding that is not UTF-8 (Latin-1 queries of old sites) would
// decode to U+FFFD, so such an address is shown as typed.
describe("a link's text from an address with percent-encoding", () => {
  it('that is not UTF-8 is shown as typed, in an autolink and a bare link; the href is unchanged', () => {
    expect(text('<https://n.example.com/?q=caf%E9>')).toBe('https://n.example.com/?q=caf%E9');
    expect(text('<https://n.example.com/?q=%E0%A4%A>')).toBe('https://n.example.com/?q=%E0%A4%A');
    expect(text('See https://n.example.com/%C3 here.')).toBe('https://n.example.com/%C3');
    expect(renderMarkdown('<https://n.example.com/?q=caf%E9>', BASE).html).toContain('href="https://n.example.com/?q=caf%E9"');
    expect(markdown.render('<https://n.example.com/%FF> https://n.example.com/%C0%AF')).not.toContain('\uFFFD');
  });

  it('that is UTF-8 is decoded as before, the host shown in Unicode', () => {
    expect(text('<https://a.example/caf%C3%A9>')).toBe('https://a.example/café');
    expect(text('See https://xn--bcher-kva.example/%E2%82%AC here.')).toBe('https://bücher.example/€');
  });
});

describe("a link's text, against markdown-it's own", () => {
  const pick = seededPick(52);
  const one = <T>(items: readonly T[]) => items[pick(items.length)]!;
  const percent = (bytes: Iterable<number>, lower: boolean) => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).map((run) => (lower ? run : run.toUpperCase())).join('');
  // Characters whose UTF-8 is percent-encoded: ASCII (reserved ones included), Latin, CJK, Hangul, an emoji (4 bytes).
  const CHARACTERS = ['a', '/', '?', '#', '%', '&', '=', ' ', '+', ';', 'é', 'ü', '€', '中', '한', '😀', '\u00a0'];
  // Runs that are not UTF-8: Latin-1 é, a lead byte alone or cut, a stray continuation, an overlong /, a surrogate, FF.
  const BROKEN = [[0xe9], [0xc3], [0xe2, 0x82], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff], [0xf0, 0x9f, 0x98]];
  const piece = (broken: boolean) =>
    one<() => string>([
      () => one(['news', 'a-b_c', '2024', 'x.html', '~user', '']),
      () => percent(new TextEncoder().encode(Array.from({ length: 1 + pick(3) }, () => one(CHARACTERS)).join('')), pick(2) === 0),
      () => one(['é', '中文', '한국', '😀']),
      () => (broken ? percent(one(BROKEN), pick(2) === 0) : '100%'),
    ])();
  const generated = (broken: boolean) => {
    const host = one(['n.example.com', 'xn--bcher-kva.example', 'bücher.example', 'xn--fiqs8s.example', '192.0.2.7', '[2001:db8::1]', 'example.com.']);
    const start = one([`https://${host}`, `http://${host}:8080`, `www.${host}`, 'mailto:a', `https://user:p%40ss@${host}`]);
    const path = Array.from({ length: 1 + pick(4) }, () => piece(broken)).join('/');
    return `${start}/${path}${one(['', `?q=${piece(broken)}`, `#${piece(broken)}`, `?a=${piece(broken)}&b=${piece(broken)}`])}`;
  };
  // Whether every run of percent-encoding is UTF-8, told by the WHATWG decoder, not the code under test's check.
  const utf8 = (url: string) =>
    (url.match(/(?:%[0-9A-Fa-f]{2})+/g) ?? []).every((run) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(run.slice(1).split('%'), (hex) => parseInt(hex, 16)));
        return true;
      } catch {
        return false;
      }
    });
  const theirs = new MarkdownIt({ html: true, linkify: true, typographer: false });
  const urls = Array.from({ length: 400 }, (_, index) => generated(index % 2 === 1));

  it('is markdown-it\'s own wherever the percent-encoding is UTF-8, and the address as typed where it is not', () => {
    const valid = urls.filter(utf8);
    const broken = urls.filter((url) => !utf8(url));
    // Both kinds well represented.
    expect(valid.length).toBeGreaterThan(150);
    expect(broken.length).toBeGreaterThan(100);
    for (const url of valid) expect(markdown.normalizeLinkText(url), url).toBe(theirs.normalizeLinkText(url));
    for (const url of broken) expect(markdown.normalizeLinkText(url), url).toBe(url);
    // markdown-it's own shows U+FFFD in every one of those: what the hook is for.
    expect(broken.filter((url) => !theirs.normalizeLinkText(url).includes('\uFFFD'))).toEqual([]);
  });
});
