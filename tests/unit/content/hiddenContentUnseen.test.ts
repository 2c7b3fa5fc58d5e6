import { describe, expect, it } from 'vitest';
import { hiddenContent } from '../../../lib/content/hiddenContent.js';

// A newsletter's preheader pads its text with characters a reader cannot see (`&#847;&zwnj;&nbsp;`): the warning that
// quotes it shows each as its escape, not as nothing. Expected text worked out by hand from the body.
describe('hiddenContent quoting invisible characters', () => {
  it('writes the combining grapheme joiner and a zero-width non-joiner as \\u034f and \\u200c', () => {
    const body = '<div style="display:none">Inside: rice &#847;&zwnj;&nbsp;&#847;&zwnj;</div>\n\nThe story.\n';
    expect(hiddenContent(body)?.message).toContain(' the text "Inside: rice \\u034f\\u200c \\u034f\\u200c"');
  });

  it('reads back as the same text: the quotation is JSON', () => {
    const body = '<span hidden>a\u200bb\u{E0001}c</span>\n';
    const quoted = /the text ("[^"]*")/.exec(hiddenContent(body)!.message)![1]!;
    expect(quoted).toBe('"a\\u200bb\\udb40\\udc01c"');
    expect(JSON.parse(quoted)).toBe('a\u200bb\u{E0001}c');
  });
});
