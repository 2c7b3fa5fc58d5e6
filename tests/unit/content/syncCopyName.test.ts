import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { syncCopyName } from '../../../lib/content/syncCopyName.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

const ORIGINAL = 'entries/2014/kaesong-wages.md';
const there = (key: string) => key === ORIGINAL;

describe('syncCopyName', () => {
  it("names the original and the tool of a sync tool's conflict copy beside it; without it, nothing (an editor's own name)", () => {
    const conflicts: [string, string][] = [
      ["kaesong-wages (Alice's conflicted copy 2014-05-12)", 'Dropbox, Nextcloud or ownCloud'],
      ["kaesong-wages (Alice's MacBook's conflicted copy 2014-05-12 (1))", 'Dropbox, Nextcloud or ownCloud'],
      ['kaesong-wages (conflicted copy 2014-05-12 120000)', 'Dropbox, Nextcloud or ownCloud'],
      ['kaesong-wages (Case Conflict)', 'Dropbox'],
      ['kaesong-wages_conflict-20140512-120000', 'ownCloud'],
      ['kaesong-wages.sync-conflict-20140512-120000-ABCDEFG', 'Syncthing'],
      ['kaesong-wages-DESKTOP-AB12CD3', 'OneDrive'],
    ];
    for (const [stem, tool] of conflicts) {
      expect(syncCopyName(`entries/2014/${stem}.md`, there), stem).toEqual({ original: ORIGINAL, conflict: tool });
      expect(syncCopyName(`entries/2014/${stem}.md`, () => false), stem).toBeUndefined();
    }
  });

  it("names the original of a file manager's or browser's duplicate only beside it", () => {
    for (const stem of ['kaesong-wages - Copy', 'kaesong-wages - Copy (2)', 'kaesong-wages copy', 'kaesong-wages copy 2', 'kaesong-wages (1)', 'kaesong-wages 2', 'kaesong-wages 13']) {
      expect(syncCopyName(`entries/2014/${stem}.md`, there), stem).toEqual({ original: ORIGINAL });
      expect(syncCopyName(`entries/2014/${stem}.md`, () => false), stem).toBeUndefined();
    }
  });

  it("names the original of OneDrive's copy named after any Windows computer (%COMPUTERNAME%: upper case, at most 15, a letter) only beside it, as a duplicate; nothing for a name ending in a number or a hyphenated word beside it", () => {
    for (const stem of ['kaesong-wages-JOHN-PC', 'kaesong-wages-ALICESLAPTOP', 'kaesong-wages-WIN-AB12C3D4E5F', 'kaesong-wages-PC1', 'kaesong-wages-123456789012345X']) {
      const expected = stem.length - 'kaesong-wages-'.length <= 15 ? { original: ORIGINAL } : undefined;
      expect(syncCopyName(`entries/2014/${stem}.md`, there), stem).toEqual(expected);
      expect(syncCopyName(`entries/2014/${stem}.md`, () => false), stem).toBeUndefined();
    }
    for (const stem of ['kaesong-wages-2', 'kaesong-wages-2014', 'kaesong-wages-rise', 'kaesong-wages-Rise', 'kaesong-wages-JOHN-', 'kaesong-wages 1', 'kaesong-wages 02', 'kaesong-wages-', 'kaesong-wages-ALICE_PC']) {
      expect(syncCopyName(`entries/2014/${stem}.md`, there), stem).toBeUndefined();
    }
  });

  it("names the original of OneDrive's copy named after a Mac (its default Computer Name as written, and the -2 of a further copy) only beside it, as a duplicate", () => {
    for (const stem of ["kaesong-wages-Jane's MacBook Pro", 'kaesong-wages-Jane\u2019s MacBook Air', 'kaesong-wages-MacBook Pro de Charlyne', 'kaesong-wages-MacBook Pro de Charlyne-2', 'kaesong-wages-iMac von Jane', 'kaesong-wages-Mac mini']) {
      expect(syncCopyName(`entries/2014/${stem}.md`, there), stem).toEqual({ original: ORIGINAL });
      expect(syncCopyName(`entries/2014/${stem}.md`, () => false), stem).toBeUndefined();
    }
    // A name of the editor's own, with no Mac's model in it as macOS writes it.
    for (const stem of ["kaesong-wages-Jane's notes", 'kaesong-wages-macbook review', 'kaesong-wages-MacBooks', 'kaesong-wages-Macbook']) {
      expect(syncCopyName(`entries/2014/${stem}.md`, there), stem).toBeUndefined();
    }
  });

  it('names nothing for an ordinary name, or a file that is no entry', () => {
    for (const key of ['entries/2014/kaesong-wages.md', 'entries/2014/north-south-talks.md', 'entries/2014/copy.md', 'entries/2014/talks (part 1).md', "entries/2014/kaesong-wages (Alice's conflicted copy 2014-05-12).txt"]) {
      expect(syncCopyName(key, () => true), key).toBeUndefined();
    }
  });
});

describe('copies of an entry in the content', () => {
  const text = entryText(entry({ url: 'https://x.example/k' }));
  const conflict = "entries/2014/kaesong-wages (Alice's conflicted copy 2014-05-12).md";
  const load = () =>
    scanContent(memoryContent({ site: SITE, entries: { '2014/kaesong-wages.md': text, "2014/kaesong-wages (Alice's conflicted copy 2014-05-12).md": text, '2014/kaesong-wages - Copy.md': text, '2014/kaesong-wages 2.md': text, '2014/kaesong-wages-JOHN-PC.md': text, '2014/other (1).md': text.replace('x.example/k', 'x.example/o') } })).then((scan) => loadContent(scan));

  it('a conflict copy: a problem naming the original and the merge, the copy left unread and invalid', async () => {
    const loaded = await load();
    expect(loaded.problems).toEqual([
      { file: conflict, field: 'file', message: 'is a sync conflict copy of kaesong-wages.md (Dropbox, Nextcloud or ownCloud kept both sides of an edit made in two places), which would publish as a second entry', fix: 'merge what differs into kaesong-wages.md, then delete this copy' },
    ]);
    expect(loaded.invalidKeys).toEqual(new Set([conflict]));
    expect(loaded.keys).not.toContain(conflict);
  });

  it('a name like a conflict copy\'s with no original beside it: an ordinary entry, and content of only such entries is no empty site', async () => {
    const own = { 'Why Dropbox makes a (conflicted copy).md': text, 'sample-LAPTOP-REVIEW1.md': text.replace('x.example/k', 'x.example/s') };
    const loaded = await scanContent(memoryContent({ site: SITE, entries: own })).then((scan) => loadContent(scan));
    expect(loaded.problems).toEqual([]);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.entries.map((meta) => meta.key)).toEqual(['entries/Why Dropbox makes a (conflicted copy).md', 'entries/sample-LAPTOP-REVIEW1.md']);
  });

  it("a file manager's copy beside its original: published, with a warning naming the original; one with none beside it: quiet", async () => {
    const loaded = await load();
    const copies = ['entries/2014/kaesong-wages - Copy.md', 'entries/2014/kaesong-wages 2.md', 'entries/2014/kaesong-wages-JOHN-PC.md'];
    expect(loaded.entries.map((meta) => meta.key)).toEqual([...copies, ORIGINAL, 'entries/2014/other (1).md']);
    const warning = { field: 'file', message: 'is a copy of kaesong-wages.md by its name, and is published as an entry of its own', fix: 'if it is meant as another entry, give it a name and an id: of its own; if not, merge what differs into kaesong-wages.md and delete it' };
    expect(loaded.warnings.filter((found) => found.field === 'file')).toEqual(copies.map((file) => ({ file, ...warning })));
  });
});
