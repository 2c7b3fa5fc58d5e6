import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { createProgress, formatDuration, observeStore, renderBar } from '../../../cli/progress.js';

function terminal() {
  const writes: string[] = [];
  return { sink: { write: (text: string) => void writes.push(text), isTTY: true, columns: 80 }, writes };
}

describe('progress', () => {
  it('draws a bar with counts', () => {
    expect(renderBar('writing', 5, 20, 'files', 20)).toBe('writing [#####---------------] 5/20 files');
    expect(renderBar('sending', 10, 40, 'emails', 8, 65_000)).toBe('sending [##------] 10/40 emails  ETA 1m 05s');
  });

  it('formats durations', () => {
    expect(formatDuration(4_400)).toBe('4s');
    expect(formatDuration(125_000)).toBe('2m 05s');
  });

  it('redraws in place on a terminal, with an ETA worked out from the rate so far, and clears itself when done', () => {
    let now = 0;
    const { sink, writes } = terminal();
    const progress = createProgress({ isTty: true, stderr: () => {} }, { label: 'sending', unit: 'emails', total: 4, eta: true, clock: () => now }, sink);
    now = 1000;
    progress.tick(); // 1 of 4 in 1 s: 3 left at 1 s each
    now = 1050;
    progress.tick(); // within 80 ms of the last draw: skipped
    now = 2000;
    progress.tick(2); // the last tick always draws
    progress.done();
    expect(writes).toEqual([
      '\r\x1b[2Ksending [########----------------------] 1/4 emails  ETA 3s', // 30 wide: round(30 / 4) = 8,
      '\r\x1b[2Ksending [##############################] 4/4 emails',
      '\r\x1b[2K',
    ]);
  });

  it('prints a line above the bar and draws the bar again', () => {
    const { sink, writes } = terminal();
    const progress = createProgress({ isTty: true, stderr: () => {} }, { label: 'sending', unit: 'emails', total: 2, clock: () => 0 }, sink);
    progress.tick();
    progress.interrupt(() => void writes.push('sent     a@example.org\n'));
    expect(writes).toEqual([
      '\r\x1b[2Ksending [###############---------------] 1/2 emails',
      '\r\x1b[2K',
      'sent     a@example.org\n',
      '\r\x1b[2Ksending [###############---------------] 1/2 emails',
    ]);
  });

  it('prints plain lines at each quarter when stdout is not a terminal', () => {
    const lines: string[] = [];
    const { sink, writes } = terminal();
    const progress = createProgress({ isTty: false, stderr: (line) => void lines.push(line) }, { label: 'uploading', unit: 'files', total: 8 }, sink);
    for (let i = 0; i < 8; i++) progress.tick();
    progress.done();
    expect(lines).toEqual(['uploading: 2/8 files', 'uploading: 4/8 files', 'uploading: 6/8 files', 'uploading: 8/8 files']);
    expect(writes).toEqual([]);
  });

  it('prints nothing with --quiet or --json, even on a terminal', () => {
    for (const flags of [{ quiet: true }, { json: true }]) {
      const lines: string[] = [];
      const { sink, writes } = terminal();
      const progress = createProgress({ isTty: true, stderr: (line) => void lines.push(line) }, { label: 'x', unit: 'files', total: 1, ...flags }, sink);
      progress.tick();
      progress.done();
      expect([...lines, ...writes]).toEqual([]);
    }
  });

  it('observeStore reports lists, reads and writes, and passes everything through', async () => {
    const events: string[] = [];
    const inner = new MemoryStore();
    const store = observeStore(inner, {
      onList: (count, prefix) => void events.push(`list ${prefix} ${count}`),
      onGet: (key) => void events.push(`get ${key}`),
      onWrite: (key) => void events.push(`write ${key}`),
    });
    await store.put('a/b.txt', 'x', { contentType: 'text/plain' });
    expect((await store.get('a/b.txt'))?.toString()).toBe('x');
    expect(await store.list('a/')).toHaveLength(1);
    await store.delete('a/b.txt');
    expect(events).toEqual(['write a/b.txt', 'get a/b.txt', 'list a/ 1', 'write a/b.txt']);
    expect(inner.objects.size).toBe(0);
    expect(store.requests).toBe(inner.requests);
  });
});
