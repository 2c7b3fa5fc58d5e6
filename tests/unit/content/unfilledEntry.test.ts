import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { renderNewEntry } from '../../../cli/newEntry.js';

const FILE = 'entries/2014/a.md';
const warned = (text: string) => parseEntry(text, FILE, { timezone: 'Asia/Seoul' }).warnings.filter((w) => w.field === 'summary');
const FIX = 'write summary: with one or two sentences, or your commentary below the front matter; for a link without commentary, remove the summary: line';
const MESSAGE = 'is empty, and so is the body: feed readers and the digest show this entry as its title and a link alone';

// `new` writes `summary: ""` for the editor to fill; left so over an empty body, the item is a title and a link.
describe('an entry left as new wrote it', () => {
  const scaffold = renderNewEntry({ url: 'https://x.example/a', title: 'Talks resume', date: '2014-05-08' }, { name: 'Example News' });

  it('is warned of on its summary: line, with what to write or how to make it a link alone', () => {
    // The scaffold's lines: ---, title, url, source, date, tags, summary.
    expect(scaffold.split('\n')[6]).toMatch(/^summary: ""/);
    expect(warned(scaffold)).toEqual([{ file: FILE, line: 7, field: 'summary', message: MESSAGE, fix: FIX }]);
  });

  it('not once filled in, nor as a link without commentary (no summary: line), nor as a draft', () => {
    expect(warned(`${scaffold}My commentary.\n`)).toEqual([]);
    expect(warned(scaffold.replace('summary: ""', 'summary: Talks resumed.'))).toEqual([]);
    expect(warned(scaffold.replace(/^summary:.*\n/m, ''))).toEqual([]);
    expect(warned(scaffold.replace('summary: ""', 'summary: ""\ndraft: true'))).toEqual([]);
  });
});
