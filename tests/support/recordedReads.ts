import type { MemoryStore } from '../../lib/store/memoryStore.js';
import type { ReadOptions } from '../../lib/store/store.js';

/** Records how many bytes each `get` of `store` handed over, by key: a read refused unread hands over none. */
export function recordReads(store: MemoryStore): Map<string, number> {
  const delivered = new Map<string, number>();
  const get = store.get.bind(store);
  store.get = async (key: string, options?: ReadOptions) => {
    const body = await get(key, options);
    delivered.set(key, (delivered.get(key) ?? 0) + (body?.length ?? 0));
    return body;
  };
  return delivered;
}
