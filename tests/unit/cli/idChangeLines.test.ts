import { describe, expect, it } from 'vitest';
import { idChangeLines, recordIdChangeLines } from '../../../cli/idChangeLines.js';

const change = (i: number) => ({ url: `https://news.example.org/${i}`, oldKey: `entries/2014/${i}.md`, oldId: `2014/${i}`, newKey: `entries/2014/${i}-b.md`, newId: `2014/${i}-b` });

describe('idChangeLines', () => {
  it('warns of each id change, and counts those the publish function\'s answer left out', () => {
    const lines = idChangeLines([change(1), change(2)], 300);
    expect(lines[0]).toBe('warning: entries/2014/1-b.md: id: was "2014/1" (entries/2014/1.md), now "2014/1-b": readers show it again as new (--allow-id-change)');
    expect(lines[2]).toBe('warning: ... and 298 more id changes, not listed (the publish function answers the first 2 of 300); publish --dry-run --allow-id-change --bucket SITE_BUCKET lists them all');
    expect(lines).toHaveLength(3);
    expect(idChangeLines([change(1)])).toHaveLength(1);
  });

  it('from a run record: each change, and those the record left out counted, with no dry run to list them (the ids are changed)', () => {
    const lines = recordIdChangeLines({ id: 'run-1', idChanges: [change(1), change(2)], idChangesTotal: 60 });
    expect(lines).toEqual([
      'warning: entries/2014/1-b.md: id: was "2014/1" (entries/2014/1.md), now "2014/1-b": readers show it again as new (--allow-id-change)',
      'warning: entries/2014/2-b.md: id: was "2014/2" (entries/2014/2.md), now "2014/2-b": readers show it again as new (--allow-id-change)',
      "warning: ... and 58 more id changes, not listed (run run-1's record keeps the first 2 of 60)",
    ]);
    // A record written before records kept them: nothing to print.
    expect(recordIdChangeLines({ id: 'run-1' })).toEqual([]);
  });
});
