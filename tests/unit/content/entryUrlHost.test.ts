import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { entry, entryText } from '../../support/content.js';

const problemsOf = (fields: Record<string, unknown>) => parseEntry(entryText(entry(fields)), 'entries/2014/a.md', { timezone: 'UTC', url: 'https://watch.example.org/' }).problems;

// A host HTML refuses (urlHostFault) would put a Nu checker error on every page and feed item carrying the URL.
describe('an entry URL whose host HTML refuses', () => {
  it('is a problem naming the field, the host, what is wrong and the fix', () => {
    const fix = "write url: with the host's name as it is spelt, labels of 1 to 63 letters, digits or hyphens between single dots";
    expect(problemsOf({ url: 'https://news..example.com/a' })).toMatchObject([
      { file: 'entries/2014/a.md', field: 'url', message: '"https://news..example.com/a" has the host "news..example.com", which has an empty label: two dots in a row, or a dot at its start, or more than one at its end: no page may link to it (HTML\'s valid URL)', fix },
    ]);
    const long = `https://${'n'.repeat(64)}.example.com/a`;
    expect(problemsOf({ url: long })).toMatchObject([{ field: 'url', message: expect.stringContaining('which has a label of 64 characters, more than the 63') as unknown, fix }]);
    expect(problemsOf({ source: { name: 'Wire', url: 'https://.wire.example/' } })).toMatchObject([{ field: 'source.url', message: expect.stringContaining('has the host ".wire.example"') as unknown }]);
  });

  it('a host of 63-character labels is published', () => {
    expect(problemsOf({ url: `https://${'n'.repeat(63)}.example.com/a` })).toEqual([]);
  });
});

// A no-break space pasted into an address prints as a space: the problem names it, instead of asking for https://.
describe('an entry URL holding white space other than a space', () => {
  it('is a problem naming the character and the address without it', () => {
    expect(problemsOf({ url: 'https://news.example.com/\u00a0x' })).toEqual([
      { file: 'entries/2014/a.md', line: expect.any(Number) as unknown, field: 'url', message: '"https://news.example.com/\u00a0x" holds a no-break space (U+00A0), white space no URL may hold', fix: 'delete it: write url: https://news.example.com/x (or %20 where a space is meant)' },
    ]);
    expect(problemsOf({ source: { name: 'Wire', url: 'https://wire.example/a\u3000b' } })).toMatchObject([{ field: 'source.url', message: '"https://wire.example/a\u3000b" holds an ideographic space (U+3000), white space no URL may hold' }]);
  });

  it('names one at either end of a URL field as it names one inside', () => {
    // YAML keeps a no-break space as text (1.2 §5.5): pasted before or after the address, it is part of the value.
    expect(problemsOf({ source: { name: 'Wire', url: '\u00a0https://wire.example/a' } })).toEqual([
      { file: 'entries/2014/a.md', line: expect.any(Number) as unknown, field: 'source.url', message: '"\u00a0https://wire.example/a" holds a no-break space (U+00A0), white space no URL may hold', fix: 'delete it: write url: https://wire.example/a (or %20 where a space is meant)' },
    ]);
    expect(problemsOf({ image: 'https://img.example/a.png\u00a0' })).toMatchObject([{ field: 'image', message: '"https://img.example/a.png\u00a0" holds a no-break space (U+00A0), white space no URL may hold', fix: 'delete it: write image: https://img.example/a.png (or %20 where a space is meant)' }]);
    expect(problemsOf({ related: [{ title: 'R', url: 'https://r.example/a\u3000' }] })).toMatchObject([{ field: 'related[0].url', message: '"https://r.example/a\u3000" holds an ideographic space (U+3000), white space no URL may hold' }]);
  });
});
