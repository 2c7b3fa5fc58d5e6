import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';

const DATA_IMAGE = '![Chart](data:image/png;base64,AAAA)';
const html = (body: string) => renderMarkdown(body, 'https://watch.example.org/').html.replace(/\n/g, '');

// The sanitiser drops an item left blank (an image of a data: address alone); a browser numbers the items after it
// from the items it sees, so each kept item must show the number the body gave it (WHATWG HTML §4.4.8, `value`).
describe('an ordered list whose item is dropped as blank', () => {
  it('gives the next item kept its number, in a Markdown list from 1 or from its own start', () => {
    expect(html(`1. Rice\n2. ${DATA_IMAGE}\n3. Wheat\n4. Corn\n`)).toBe('<ol><li>Rice</li><li value="3">Wheat</li><li>Corn</li></ol>');
    expect(html(`7. Rice\n8. ${DATA_IMAGE}\n9. ${DATA_IMAGE}\n10. Wheat\n`)).toBe('<ol start="7"><li>Rice</li><li value="10">Wheat</li></ol>');
    expect(html(`1. ${DATA_IMAGE}\n2. Wheat\n`)).toBe('<ol><li value="2">Wheat</li></ol>');
    // In a list nested in an item, its own numbers; a bulleted list has none.
    expect(html(`1. Rice\n   1. ${DATA_IMAGE}\n   2. Wheat\n2. Corn\n`)).toBe('<ol><li>Rice<ol><li value="2">Wheat</li></ol></li><li>Corn</li></ol>');
    expect(html(`- Rice\n- ${DATA_IMAGE}\n- Wheat\n`)).toBe('<ul><li>Rice</li><li>Wheat</li></ul>');
  });

  it('keeps a list as written where nothing is dropped', () => {
    expect(html('1. Rice\n2. Wheat\n')).toBe('<ol><li>Rice</li><li>Wheat</li></ol>');
    expect(html('<ol reversed start="5"><li>Rice</li><li value="2">Wheat</li></ol>\n')).toBe('<ol reversed start="5"><li>Rice</li><li value="2">Wheat</li></ol>');
  });

  it('counts down a reversed list: from its start, or from its count of items, which it is given', () => {
    const image = '<img src="data:image/png;base64,AAAA" alt="Chart">';
    expect(html(`<ol reversed start="10"><li>Rice</li><li>${image}</li><li>Wheat</li></ol>\n`)).toBe('<ol reversed start="10"><li>Rice</li><li value="8">Wheat</li></ol>');
    // Three items: 3, 2, 1, the second dropped.
    expect(html(`<ol reversed><li>Rice</li><li>${image}</li><li>Wheat</li></ol>\n`)).toBe('<ol reversed start="3"><li>Rice</li><li value="1">Wheat</li></ol>');
    // The first of four dropped: 3, 2, 1 follow.
    expect(html(`<ol reversed><li>${image}</li><li>Rice</li><li>Wheat</li><li>Corn</li></ol>\n`)).toBe('<ol reversed start="4"><li value="3">Rice</li><li>Wheat</li><li>Corn</li></ol>');
  });

  it('reads start and value as a browser does, drops one that is no integer, and numbers no hidden item', () => {
    // " 7x" is 7 (the rules for parsing integers, WHATWG HTML §2.3.4.1); "x" none; a hidden item is not numbered, a
    // blank one is (8), so the next after it would be 9, but its own value says 20.
    expect(html('<ol start=" 7x"><li value="x">Rice</li><li hidden>Note</li><li></li><li value="20">Wheat</li><li>Corn</li></ol>\n')).toBe('<ol start="7"><li>Rice</li><li value="20">Wheat</li><li>Corn</li></ol>');
    expect(html('<ol><li>Rice</li><li style="display:none">Note</li><li></li><li>Wheat</li></ol>\n')).toBe('<ol><li>Rice</li><li value="3">Wheat</li></ol>');
    // A value only on an ordered list's item (the Nu checker refuses it on a ul's); an integer a browser keeps.
    expect(html('<ul><li value="3">Rice</li></ul><ol start="99999999999"><li value="-2">Wheat</li></ol>\n')).toBe('<ul><li>Rice</li></ul><ol><li value="-2">Wheat</li></ol>');
  });

  it('takes no numbering attribute of its own from the body, and none from text that looks like one', () => {
    expect(html('<p>x data-broadsheet-start="0" y</p><ol data-broadsheet-start="0" reversed><li data-broadsheet-value="0:1">Rice</li></ol>\n')).toBe('<p>x data-broadsheet-start="0" y</p><ol reversed><li>Rice</li></ol>');
  });
});
