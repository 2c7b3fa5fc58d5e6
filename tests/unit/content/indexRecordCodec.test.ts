import { describe, expect, it } from 'vitest';
import { parseEntry, type EntryMeta } from '../../../lib/content/entry.js';
import { decodeRecord, encodeRecord, type IndexRecord } from '../../../lib/content/indexRecordCodec.js';
import { entry, entryText, SITE } from '../../support/content.js';

// The stored record leaves out what the key and the defaults say; reading it back must give the entry exactly as
// parseEntry made it, fields in the same order (JSON of the two is compared, so order counts).
function parsed(key: string, frontMatter: Record<string, unknown>): EntryMeta {
  const result = parseEntry(entryText(entry(frontMatter)), key, SITE);
  expect(result.problems).toEqual([]);
  return result.entry!;
}

const CASES: [string, Record<string, unknown>][] = [
  ['entries/2014/plain.md', {}],
  ['entries/2014/own-id.md', { id: 'ifes/2014-05-08', tags: [] }],
  ['entries/2014/rich.md', { source: { name: 'IFES', url: 'https://ifes.example/', feed: 'https://ifes.example/rss' }, updated: '2014-05-09T10:00:00+09:00', summary: 'In short.', related: [{ title: 'More at 38 North', url: 'https://38north.example/a' }], image: 'https://img.example/a.png', imageAlt: 'A rail bridge over the Tumen', draft: true, tags: ['Trade', '북한', 'Food Security'] }],
  ['entries/2014/numeric-title.md', { title: 2014, id: 7 }],
  // trade merges into Trade by slug: Sanctions is kept second but was written third (tagIndexes).
  ['entries/2014/merged-tags.md', { tags: ['Trade', 'trade', 'Sanctions'] }],
];

describe('index record codec', () => {
  it.each(CASES)('reads back %s exactly as parsed', (key, frontMatter) => {
    const record: IndexRecord = { version: 'v1', entry: parsed(key, frontMatter), firstParagraph: 'First.' };
    const stored = JSON.parse(JSON.stringify(encodeRecord(key, record)));
    expect(JSON.stringify(decodeRecord(key, stored))).toBe(JSON.stringify(record));
  });

  it('keeps problems, warnings and rendered bodies as they are', () => {
    const record: IndexRecord = { version: 'v2', problems: [{ file: 'entries/2014/x.md', field: 'url', message: 'is missing', fix: 'add url:' }], warnings: [], rendered: { html: '<p>Hi</p>', firstParagraph: 'Hi' } };
    expect(decodeRecord('entries/2014/x.md', JSON.parse(JSON.stringify(encodeRecord('entries/2014/x.md', record))))).toEqual(record);
  });

  it('stores a typical entry in well under its plain JSON size', () => {
    const key = 'entries/2019/regional-networks-modest-shortage-steady-5309.md';
    const record: IndexRecord = { version: '2038-1795813850649717-2388389', entry: parsed(key, { tags: ['Mining', 'Fisheries', 'Labour', 'Aid'] }) };
    expect(JSON.stringify(encodeRecord(key, record)).length).toBeLessThan(JSON.stringify(record).length * 0.7);
  });
});
