import { describe, expect, it } from 'vitest';
import { PreviewRenames } from '../../../cli/previewRenames.js';

const url = 'https://news.example.com/b';
const there = () => true;

describe('PreviewRenames', () => {
  const renamed = { url, oldKey: 'entries/2014/b.md', oldId: '2014/b', newKey: 'entries/2014/bee.md', newId: '2014/bee' };

  it('keeps a rename at every build after it, not only the next one', () => {
    const renames = new PreviewRenames();
    expect(renames.add([renamed], there)).toEqual([renamed]);
    expect(renames.add([], there)).toEqual([renamed]);
    expect(renames.add([], there)).toEqual([renamed]);
  });

  it('forgets it once the file gains the id: line that keeps its first id', () => {
    const renames = new PreviewRenames();
    renames.add([renamed], there);
    // The build after the id: line was added sees the file's id go from its new path's to the first one.
    const lineAdded = { url, oldKey: 'entries/2014/bee.md', oldId: '2014/bee', newKey: 'entries/2014/bee.md', newId: '2014/b' };
    expect(renames.add([lineAdded], there)).toEqual([]);
    expect(renames.add([], there)).toEqual([]);
  });

  it('gives a file renamed twice as one rename from its first path, and forgets one renamed back', () => {
    const renames = new PreviewRenames();
    renames.add([renamed], there);
    const again = { url, oldKey: 'entries/2014/bee.md', oldId: '2014/bee', newKey: 'entries/2015/bee.md', newId: '2015/bee' };
    expect(renames.add([again], there)).toEqual([{ url, oldKey: 'entries/2014/b.md', oldId: '2014/b', newKey: 'entries/2015/bee.md', newId: '2015/bee' }]);
    const back = { url, oldKey: 'entries/2015/bee.md', oldId: '2015/bee', newKey: 'entries/2014/b.md', newId: '2014/b' };
    expect(renames.add([back], there)).toEqual([]);
  });

  it('forgets the rename of a file deleted since', () => {
    const renames = new PreviewRenames();
    renames.add([renamed], there);
    expect(renames.add([], (key) => key !== 'entries/2014/bee.md')).toEqual([]);
  });

  it('keeps an id: line given another id than the first, as a rename still to mend', () => {
    const renames = new PreviewRenames();
    renames.add([renamed], there);
    const otherLine = { url, oldKey: 'entries/2014/bee.md', oldId: '2014/bee', newKey: 'entries/2014/bee.md', newId: 'bee' };
    expect(renames.add([otherLine], there)).toEqual([{ url, oldKey: 'entries/2014/b.md', oldId: '2014/b', newKey: 'entries/2014/bee.md', newId: 'bee' }]);
  });
});
