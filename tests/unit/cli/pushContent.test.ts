import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { pushContent } from '../../../cli/pushContent.js';
import type { PutOptions } from '../../../lib/store/store.js';

function folder(files: Record<string, string>): MemoryStore {
  const store = new MemoryStore();
  for (const [key, text] of Object.entries(files)) store.objects.set(key, { body: Buffer.from(text), contentType: 'text/plain' });
  return store;
}

describe('pushContent', () => {
  it('uploads new and changed files, deletes gone ones, and leaves equal ones alone', async () => {
    const from = folder({ 'site.yml': 'title: T', 'entries/a.md': 'A2', 'entries/b.md': 'B' });
    const to = folder({ 'entries/a.md': 'A1', 'entries/b.md': 'B', 'entries/old.md': 'O' });
    const result = await pushContent({ from, to });
    expect(result.changes.map((c) => [c.key, c.status])).toEqual([
      ['entries/a.md', 'uploaded'],
      ['entries/b.md', 'unchanged'],
      ['entries/old.md', 'deleted'],
      ['site.yml', 'uploaded'],
    ]);
    expect(result.counts).toEqual({ uploaded: 2, deleted: 1, unchanged: 1 });
    expect([...to.objects.keys()].sort()).toEqual(['entries/a.md', 'entries/b.md', 'site.yml']);
    expect(to.text('entries/a.md')).toBe('A2');
    expect(result.requests.to).toEqual({ list: 1, get: 0, put: 2, delete: 1 });
  });

  it('sends each file with its Content-Type', async () => {
    const to = new MemoryStore();
    await pushContent({ from: folder({ 'site.yml': 'x', 'entries/a.md': 'y' }), to });
    expect(to.objects.get('site.yml')!.contentType).toBe('application/yaml; charset=utf-8');
    expect(to.objects.get('entries/a.md')!.contentType).toBe('text/markdown; charset=utf-8');
  });

  it('keeps hidden files and folders at home', async () => {
    const to = new MemoryStore();
    await pushContent({ from: folder({ 'site.yml': 'x', '.DS_Store': 'junk', '.git/config': 'x', 'entries/.draft.md.swp': 'x' }), to });
    expect([...to.objects.keys()]).toEqual(['site.yml']);
  });

  it('uploads site.yml after the entries', async () => {
    const order: string[] = [];
    const to = new MemoryStore();
    const put = to.put.bind(to);
    to.put = async (key: string, body: Buffer | string, options: PutOptions) => {
      order.push(key);
      return put(key, body, options);
    };
    await pushContent({ from: folder({ 'site.yml': 'x', 'entries/a.md': 'a', 'entries/z.md': 'z' }), to, concurrency: 1 });
    expect(order.at(-1)).toBe('site.yml');
    expect(order).toHaveLength(3);
  });

  it('writes nothing in a dry run', async () => {
    const to = folder({ 'entries/old.md': 'O' });
    const result = await pushContent({ from: folder({ 'site.yml': 'x' }), to, dryRun: true });
    expect(result.counts).toEqual({ uploaded: 1, deleted: 1, unchanged: 0 });
    expect([...to.objects.keys()]).toEqual(['entries/old.md']);
    expect(result.requests.to).toEqual({ list: 1, get: 0, put: 0, delete: 0 });
  });
});
