import { describe, expect, it } from 'vitest';
import { previewWarnings } from '../../../cli/previewWarnings.js';

describe('previewWarnings', () => {
  const warning = { file: 'entries/2014/a.md', line: 6, field: 'imageAlt', message: 'describes an image the entry does not have, and is not shown', fix: 'add image: with the image it describes, or remove imageAlt' };
  const renamed = { url: 'https://news.example.com/b', oldKey: 'entries/2014/b.md', oldId: '2014/b', newKey: 'entries/2014/bee.md', newId: '2014/bee' };

  it("keeps the content's warnings as they are", () => {
    expect(previewWarnings({ warnings: [warning], idChanges: [] })).toEqual([warning]);
  });

  it('adds one for each file renamed since the previous build, naming the old path and the id line that keeps its id', () => {
    const [first, second] = previewWarnings({ warnings: [warning], idChanges: [renamed] });
    expect(first).toEqual(warning);
    expect(second).toEqual({
      file: 'entries/2014/bee.md',
      field: 'id',
      message: expect.stringContaining('renamed from entries/2014/b.md while previewing, its id is now "2014/bee"'),
      fix: 'add `id: 2014/b` to its front matter to keep the old id, or publish with --allow-id-change',
    });
  });

  it('says nothing when the renamed file gains the id: line it was asked for (its id was its new path’s)', () => {
    const added = { url: 'https://news.example.com/b', oldKey: 'entries/2014/bee.md', oldId: '2014/bee', newKey: 'entries/2014/bee.md', newId: '2014/b' };
    expect(previewWarnings({ warnings: [], idChanges: [added] })).toEqual([]);
  });

  it('names an id: line changed in place as such, not as a rename, and asks to change it back', () => {
    const changed = { url: 'https://news.example.com/b', oldKey: 'entries/2014/b.md', oldId: 'kaesong-wages', newKey: 'entries/2014/b.md', newId: 'kaesong-wages-2' };
    expect(previewWarnings({ warnings: [], idChanges: [changed] })).toEqual([
      {
        file: 'entries/2014/b.md',
        field: 'id',
        message: 'its id: line changed while previewing, from "kaesong-wages" to "kaesong-wages-2"; if "kaesong-wages" is published, publish refuses it, as readers would show it again as new',
        fix: 'change its id: line to `id: kaesong-wages` to keep the old id, or publish with --allow-id-change',
      },
    ]);
  });
});
