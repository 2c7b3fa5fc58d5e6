import { describe, expect, it } from 'vitest';
import { characterReferences } from '../../../lib/content/characterReferences.js';
import { parseEntry } from '../../../lib/content/entry.js';

// A CMS export writes the typographer's characters as references (`&#8217;`): in a plain-text field readers see them
// as typed. Each expected text below is written out by hand.
describe('characterReferences', () => {
  it('finds numeric references and WordPress\'s typographic names, and writes each as its character', () => {
    expect(characterReferences('Kim Jong Un&#8217;s visit, 2014&ndash;15')).toEqual({ reference: '&#8217;', text: 'Kim Jong Un\u2019s visit, 2014\u201315' });
    expect(characterReferences('&#x201C;Quoted&#x201D; &hellip;')).toEqual({ reference: '&#x201C;', text: '\u201CQuoted\u201D \u2026' });
  });

  it('writes a reference to 0x80–0x9F as the Windows-1252 character HTML reads (0x92 ’, 0x96 –), not the control character', () => {
    expect(characterReferences('It&#146;s &#150; &#x80;5')).toEqual({ reference: '&#146;', text: 'It\u2019s \u2013 \u20ac5' });
    expect(characterReferences('&#129;')).toBeUndefined();
  });

  it('leaves what may be meant as written: &amp;, &lt;, a bare &, a reference to no character', () => {
    expect(characterReferences('AT&T, R&D &amp; &lt;b&gt;')).toBeUndefined();
    expect(characterReferences('&#0; &#xD800; &#1114112;')).toBeUndefined();
  });

  it('is a warning on the field, with its line and the text to write', () => {
    const text = '---\ntitle: "Kim Jong Un&#8217;s visit"\nurl: https://x.example/a\nsource: S\ndate: 2014-05-08\n---\nBody.\n';
    expect(parseEntry(text, 'entries/2014/a.md', { timezone: 'Asia/Seoul' }).warnings).toEqual([
      { file: 'entries/2014/a.md', line: 2, field: 'title', message: 'holds the HTML character reference "&#8217;", which readers are shown as typed: the field is plain text', fix: 'write the characters themselves: "Kim Jong Un\u2019s visit"' },
    ]);
  });
});
