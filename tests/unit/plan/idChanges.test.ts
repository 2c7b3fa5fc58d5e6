import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { findIdChanges, heldBackIdChanges, idChangeProblem } from '../../../lib/plan/idChanges.js';
import type { EntryMeta } from '../../../lib/content/entry.js';
import { entryPages } from '../../support/entryPages.js';

describe('idChangeProblem: the fix that keeps the published id', () => {
  it('a file renamed, its id its path: add an id: line', () => {
    const problem = idChangeProblem({ url: 'https://news.example.com/b', oldKey: 'entries/2014/b.md', oldId: '2014/b', newKey: 'entries/2014/b-renamed.md', newId: '2014/b-renamed' });
    expect(problem.fix).toBe('add `id: 2014/b` to its front matter, or publish with --allow-id-change to give it the new id, as a new entry about the same article needs');
  });

  it('an id: line changed: change it back, since a second id: line would be a YAML error', () => {
    const problem = idChangeProblem({ url: 'https://news.example.com/b', oldKey: 'entries/2014/b.md', oldId: 'kaesong-wages', newKey: 'entries/2014/b.md', newId: 'kaesong-wages-2' });
    expect(problem.message).toBe('this entry was published with the id "kaesong-wages"; under the id "kaesong-wages-2" every reader would show it again as a new item');
    expect(problem.fix).toBe('change its id: line to `id: kaesong-wages`, or publish with --allow-id-change to give it the new id');
  });

  // macOS's older disks and zip tools write names decomposed: the two names print alike.
  it('a file name changed only in Unicode normalisation: said so, the letter that differs by code point, and the form to write', () => {
    const nfc = 'caf\u00E9-prices';
    const nfd = 'cafe\u0301-prices';
    const renamed = idChangeProblem({ url: 'https://news.example.com/c', oldKey: `entries/2014/${nfc}.md`, oldId: `2014/${nfc}`, newKey: `entries/2014/${nfd}.md`, newId: `2014/${nfd}` });
    expect(renamed.message).toBe(`its url was published from entries/2014/${nfc}.md with the id "2014/${nfc}" (the two look alike and differ only in Unicode normalisation, the published one NFC and this one NFD: "\u00E9" is U+00E9 in the published id and U+0065 U+0301 here); under the id "2014/${nfd}" every reader would show it again as a new item`);
    expect(renamed.fix).toBe(`rename the file to its NFC name, as published (an editor or zip tool wrote it in NFD), or add \`id: 2014/${nfc}\` to its front matter, written in NFC, or publish with --allow-id-change to give it the new id, as a new entry about the same article needs`);
    const retyped = idChangeProblem({ url: 'https://news.example.com/c', oldKey: 'entries/2014/c.md', oldId: `2014/${nfc}`, newKey: 'entries/2014/c.md', newId: `2014/${nfd}` });
    expect(retyped.fix).toBe(`change its id: line to \`id: 2014/${nfc}\`, written in NFC, or publish with --allow-id-change to give it the new id`);
  });

  // check --out takes --allow-id-change too, to foretell the publish given it: its fix names both commands.
  it('reported by check: the fix names check --allow-id-change beside publish', () => {
    const problem = idChangeProblem({ url: 'https://news.example.com/b', oldKey: 'entries/2014/b.md', oldId: 'kaesong-wages', newKey: 'entries/2014/b.md', newId: 'kaesong-wages-2' }, 'check');
    expect(problem.fix).toBe('change its id: line to `id: kaesong-wages`, or publish (or check) with --allow-id-change to give it the new id');
  });
});

describe('findIdChanges: a published entry that comes back under another id', () => {
  const now = DateTime.fromISO('2014-06-01T00:00:00Z');
  const date = Date.parse('2014-05-08T00:00:00Z');
  const old = { key: 'entries/2016/01/a.md', id: '2016/01/a', url: 'https://x.example/p/?utm_source=feedburner&utm_medium=feed', date, draft: false };
  const renamed = (url: string): EntryMeta => ({ key: 'entries/2016/01/b.md', id: '2016/01/b', url, title: 'T', source: { name: 'S' }, date, tags: [], related: [], draft: false });
  const before = { entries: [old], reread: new Set(['entries/2016/01/b.md']) };
  const pages = entryPages(old.id);

  it('is found by its url', () => {
    expect(findIdChanges({ entries: [renamed(old.url)], before, now, pages })).toMatchObject([{ oldId: '2016/01/a', newId: '2016/01/b' }]);
  });

  it('is found when the same edit took tracking parameters, a fragment or a trailing / off its url', () => {
    for (const url of ['https://x.example/p/', 'https://x.example/p', 'https://x.example/p/#top', 'https://x.example/p/?utm_source=newsletter']) {
      expect(findIdChanges({ entries: [renamed(url)], before, now, pages }), url).toMatchObject([{ oldKey: 'entries/2016/01/a.md', newKey: 'entries/2016/01/b.md' }]);
    }
  });

  it('is none when the entry gone had no page: the last publish, at an earlier --now, kept it back', () => {
    expect(findIdChanges({ entries: [renamed(old.url)], before, now, pages: {} })).toEqual([]);
  });

  it('is not another article\'s', () => {
    expect(findIdChanges({ entries: [renamed('https://x.example/q/')], before, now, pages })).toEqual([]);
  });
});

describe('findIdChanges: an entry renamed while out of the feeds', () => {
  const now = DateTime.fromISO('2014-06-01T00:00:00Z');
  const date = Date.parse('2014-05-08T00:00:00Z');
  const url = 'https://x.example/p';
  const back = (draft = false): EntryMeta => ({ key: 'entries/2014/b-renamed.md', id: '2014/b-renamed', url, title: 'T', source: { name: 'S' }, date, tags: [], related: [], draft });
  // Published as 2014/b, then drafted (or deleted) by an earlier publish: the index keeps it out (EntryIndex.out).
  const out = [{ key: 'entries/2014/b.md', id: '2014/b', url, date, draft: false }];
  // Out since: its page is gone, and a draft has none.
  const pages = {};

  it('is found by its url when the id published is kept as out, though no file the last publish had was it', () => {
    const before = { entries: [], reread: new Set(['entries/2014/b-renamed.md']), out };
    expect(findIdChanges({ entries: [back()], before, now, pages })).toEqual([{ url, oldKey: 'entries/2014/b.md', oldId: '2014/b', newKey: 'entries/2014/b-renamed.md', newId: '2014/b-renamed' }]);
  });

  it('is found when renamed as a draft in one publish and published in the next: the draft id was never in a feed', () => {
    const before = { entries: [{ ...back(true) }], reread: new Set(['entries/2014/b-renamed.md']), out };
    expect(findIdChanges({ entries: [back()], before, now, pages })).toMatchObject([{ oldId: '2014/b', newId: '2014/b-renamed' }]);
  });

  it('is found when its file, renamed while a later date held it back, is unchanged since and its date has come', () => {
    // Read again by the publish that held it back, not by this one: the last manifest has no page for its id.
    const before = { entries: [], reread: new Set<string>(), out };
    expect(findIdChanges({ entries: [back()], before, now, pages })).toMatchObject([{ oldId: '2014/b', newId: '2014/b-renamed' }]);
  });

  it('is none for a file unchanged since the last publish had it public, or when no manifest says whether it did', () => {
    const before = { entries: [], reread: new Set<string>(), out };
    expect(findIdChanges({ entries: [back()], before, now, pages: entryPages('2014/b-renamed') })).toEqual([]);
    expect(findIdChanges({ entries: [back()], before, now, pages: undefined })).toEqual([]);
  });

  it('is none when it comes back under the id published', () => {
    const before = { entries: [], reread: new Set(['entries/2014/b-renamed.md']), out };
    expect(findIdChanges({ entries: [{ ...back(), id: '2014/b' }], before, now, pages })).toEqual([]);
  });
});

describe('heldBackIdChanges: an entry renamed while a later date holds it back', () => {
  const now = DateTime.fromISO('2014-06-03T00:00:00Z');
  const url = 'https://x.example/p';
  // Published as 2014/b at the last publish, then renamed and dated 2014-06-10 in Seoul (2014-06-09T15:00Z).
  const old = { key: 'entries/2014/b.md', id: '2014/b', url, date: Date.parse('2014-05-08T00:00:00Z'), draft: false };
  const later = (draft = false): EntryMeta => ({ key: 'entries/2014/b-renamed.md', id: '2014/b-renamed', url, title: 'T', source: { name: 'S' }, date: Date.parse('2014-06-09T15:00:00Z'), tags: [], related: [], draft });
  const before = { entries: [old], reread: new Set(['entries/2014/b-renamed.md']) };
  const pages = entryPages(old.id);

  it('warns now that the publish at its date will refuse it, with the id: line that keeps the published id; not for a draft', () => {
    expect(findIdChanges({ entries: [later()], before, now, pages })).toEqual([]);
    expect(heldBackIdChanges({ entries: [later()], before, now, pages }, 'Asia/Seoul')).toEqual([
      {
        file: 'entries/2014/b-renamed.md',
        field: 'id',
        message: 'its url was published from entries/2014/b.md with the id "2014/b"; when its date comes (2014-06-10T00:00:00+09:00), a publish will refuse it under the id "2014/b-renamed", which every reader would show again as a new item',
        fix: 'add `id: 2014/b` to its front matter, or, for a new entry about the same article, publish with --allow-id-change when its date comes',
      },
    ]);
    expect(heldBackIdChanges({ entries: [later(true)], before, now, pages }, 'Asia/Seoul')).toEqual([]);
  });

  it("said by check, the fix names check's --allow-id-change too, as check --out refuses the change at that date", () => {
    const [warning] = heldBackIdChanges({ entries: [later()], before, now, pages }, 'Asia/Seoul', 'check');
    expect(warning?.fix).toBe('add `id: 2014/b` to its front matter, or, for a new entry about the same article, publish (or check) with --allow-id-change when its date comes');
  });
});
