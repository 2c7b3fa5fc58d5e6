import { describe, expect, it } from 'vitest';
import { PARTLY_PUBLISHED, partlyPublished } from '../../../cli/partlyPublished.js';
import { runRecordLines } from '../../../cli/runLines.js';
import { failedRunRecord } from '../../../lib/publish/publishRunRecord.js';
import { StoreError } from '../../../lib/shared/errors.js';

const start = { id: 'run-1', kind: 'publish' as const, trigger: 'cli' as const, startedAt: '2014-06-01T00:00:00.000Z', endedAt: '2014-06-01T00:00:02.000Z' };

// A run record keeps at most 500 characters of its message: a long store error (a deep path) is cut in its middle, so
// that what a failed write left in the output, and what to do, is kept whole.
describe("a run record's message cut to 500 characters", () => {
  const path = `/srv/site/${'deeply/nested/folder/'.repeat(30)}rss.xml`;
  const storeError = `cannot write ${path}: ENOSPC: no space left on device`;
  const error = partlyPublished(new StoreError(storeError), true) as Error;
  const suffix = error.message.slice(storeError.length);

  it('keeps the sentence after the store error whole, and both ends of the store error', () => {
    expect(error.message.length).toBeGreaterThan(500);
    const message = failedRunRecord(start, error).message ?? '';
    expect(message).toHaveLength(500);
    expect(message.endsWith(suffix)).toBe(true);
    expect(suffix).toContain(PARTLY_PUBLISHED);
    const cut = message.slice(0, message.length - suffix.length);
    // What failed (the write, the path's start) and why (the cause at its end), the middle of the path left out.
    expect(cut.startsWith('cannot write /srv/site/deeply/nested/')).toBe(true);
    expect(cut.endsWith('rss.xml: ENOSPC: no space left on device')).toBe(true);
    expect(cut).toContain(' … ');
  });

  it('so status gives no other advice than the message\'s', () => {
    const [, said] = runRecordLines(failedRunRecord(start, error));
    expect(said!.endsWith(suffix)).toBe(true);
    expect(said).not.toContain('run it again');
  });

  it('a message of 500 characters or fewer is kept as it is; a long one with no short last clause is cut in its middle', () => {
    const exact = 'x'.repeat(500);
    expect(failedRunRecord(start, new StoreError(exact)).message).toBe(exact);
    const long = `${'a'.repeat(400)}${'b'.repeat(400)}`;
    expect(failedRunRecord(start, new StoreError(long)).message).toBe(`${'a'.repeat(249)} … ${'b'.repeat(248)}`);
  });
});
