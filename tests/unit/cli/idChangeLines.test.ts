import { describe, expect, it } from 'vitest';
import { idChangeLines } from '../../../cli/idChangeLines.js';

const change = (i: number) => ({ url: `https://news.example.org/${i}`, oldKey: `entries/2014/${i}.md`, oldId: `2014/${i}`, newKey: `entries/2014/${i}-b.md`, newId: `2014/${i}-b` });

describe('idChangeLines', () => {
  it('warns of each id change, and counts those the publish function\'s answer left out', () => {
    const lines = idChangeLines([change(1), change(2)], 300);
    expect(lines[0]).toBe('warning: entries/2014/1-b.md: id: was "2014/1" (entries/2014/1.md), now "2014/1-b": readers show it again as new (--allow-id-change)');
    expect(lines[2]).toBe('warning: ... and 298 more id changes, not listed (the publish function answers the first 2 of 300); publish --dry-run --allow-id-change --bucket SITE_BUCKET lists them all');
    expect(lines).toHaveLength(3);
    expect(idChangeLines([change(1)])).toHaveLength(1);
  });
});
