import { describe, expect, it } from 'vitest';
import { bodyDrops } from '../../../lib/content/bodyDrops.js';
import { isNamedWhenEmptied } from '../../../lib/content/blockLines.js';
import { emptiedElementWarning } from '../../../lib/content/emptiedElementWarning.js';

// The emptied-element warning renders a body only after a quick look for what may leave an element empty; for a
// paragraph of characters of no width, that look is for one such character or a reference to one. Its warning must be
// the render's answer for every body the look lets through, and a body that holds none must not be rendered.
const BASE = 'https://watch.example.org/';

function look(body: string): { warned: boolean; named: boolean; rendered: boolean } {
  const drops = bodyDrops(body, BASE);
  let rendered = false;
  const warning = emptiedElementWarning(body, BASE, () => {
    rendered = true;
    return drops();
  });
  return { warned: warning !== undefined, named: drops().emptied.some(isNamedWhenEmptied), rendered };
}

describe('the quick look for a paragraph of characters of no width', () => {
  it('lets through each character and each reference to one, in either case, and the warning is the render\'s', () => {
    // Each as written, and each reference form WHATWG HTML §13.2.5.72–80 reads: hex (x or X, any case of digit, leading
    // zeros), decimal, and the names (case-sensitive: &zerowidthspace; is no reference, so nothing is emptied).
    const FORMS = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '&#8203;', '&#08204;', '&#8205;', '&#8288;', '&#65279;', '&#x200b;', '&#X200B;', '&#x0200C;', '&#x200d;', '&#x2060;', '&#xFEFF;', '&#XfeFF;', '&ZeroWidthSpace;', '&zwj;', '&zwnj;', '&NoBreak;', '&NegativeThinSpace;', '&NegativeVeryThinSpace;', '&zerowidthspace;', '&ZWJ;'];
    for (const form of FORMS) {
      for (const body of [`Rice & wheat.\n\n${form}\n\nBarley.\n`, `Rice.\n\n<p>${form}</p>\n`, `${form}\n`]) {
        const { warned, named } = look(body);
        expect(warned, JSON.stringify(body)).toBe(named);
      }
    }
    // Those a browser reads as a character of no width alone: each warned of.
    for (const form of ['\u200b', '&#X200B;', '&#xFEFF;', '&#08204;', '&zwnj;', '&NegativeVeryThinSpace;']) expect(look(`Rice.\n\n${form}\n`).warned, form).toBe(true);
  });

  it('renders no body that holds neither such a character nor a reference to one, with a & or without', () => {
    for (const body of ['Rice and wheat rose.\n\nBarley fell.\n', 'Rice & wheat rose 5%.\n\nAT&T; fell &amp; rose; &#8202; &#x2061; &nbsp;.\n', 'Prices rose\u00a0sharply.\n']) {
      const { warned, rendered } = look(body);
      expect(warned, body).toBe(false);
      expect(rendered, body).toBe(false);
    }
  });
});
