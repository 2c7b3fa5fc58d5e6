import { describe, expect, it } from 'vitest';
import { cappedWarnings, RUN_RECORD_WARNING_LIMIT } from '../../../lib/publish/runRecord.js';
import { GROUP_WARNINGS_FROM } from '../../../lib/shared/warningLines.js';

const warning = (file: string, field: string) => ({ file, field, message: 'is not a known field and is ignored', fix: 'remove it' });

describe('cappedWarnings', () => {
  it('lists the first lines as publish prints them, a warning many files share as one, and counts the lines', () => {
    // One field in many files (one line), then more distinct warnings than a record lists (a line each).
    const shared = Array.from({ length: GROUP_WARNINGS_FROM + 1 }, (_, i) => warning(`entries/2014/s${i}.md`, 'layout'));
    const distinct = Array.from({ length: RUN_RECORD_WARNING_LIMIT }, (_, i) => warning(`entries/2014/d${i}.md`, `field${i}`));
    const capped = cappedWarnings([...shared, ...distinct]);
    expect(capped.warningLinesTotal).toBe(1 + RUN_RECORD_WARNING_LIMIT);
    expect(capped.warningLines).toHaveLength(RUN_RECORD_WARNING_LIMIT);
    expect(capped.warningLines![0]).toBe(`entries/2014/s0.md, entries/2014/s1.md, entries/2014/s2.md and ${GROUP_WARNINGS_FROM + 1 - 3} more files: layout: is not a known field and is ignored (remove it)`);
    expect(capped.warningLines![1]).toBe('entries/2014/d0.md: field0: is not a known field and is ignored (remove it)');
  });

  it('adds nothing when there is no warning', () => {
    expect(cappedWarnings([])).toEqual({});
  });
});
