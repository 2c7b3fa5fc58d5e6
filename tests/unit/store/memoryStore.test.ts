import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../lib/store/memoryStore.js';

describe('MemoryStore', () => {
  it('keeps a body given in chunks as their bytes one after another, its version their MD5', async () => {
    const store = new MemoryStore();
    const version = await store.put('index.json', [Buffer.from('{"a":'), Buffer.from('"é"}')], { contentType: 'application/json' });
    expect(store.text('index.json')).toBe('{"a":"é"}');
    expect(version).toBe(createHash('md5').update('{"a":"é"}', 'utf8').digest('hex'));
  });

  it('keeps its own copy of a buffer written, which the writer may change after', async () => {
    const store = new MemoryStore();
    const body = Buffer.from('before');
    await store.put('a.txt', body, { contentType: 'text/plain' });
    body.write('after!');
    expect(store.text('a.txt')).toBe('before');
  });
});
