import { MemoryStore } from '../../lib/store/memoryStore.js';

/** A copy of `store`: the same objects, in a store of its own (what a test does to it leaves `store` as it was). */
export function copyOf(store: MemoryStore): MemoryStore {
  const copy = new MemoryStore();
  for (const [key, object] of store.objects) copy.objects.set(key, { ...object, body: Buffer.from(object.body) });
  return copy;
}
