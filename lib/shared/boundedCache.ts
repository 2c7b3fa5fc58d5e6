/**
 * A memo that forgets everything once it holds `limit` keys. For work keyed by user text (tag names, dates,
 * front-matter keys): a site has few distinct keys and many entries repeating them, but a huge or hostile
 * content folder must not grow memory without bound. Undefined is never cached.
 */
export class BoundedCache<K, V> {
  private readonly values = new Map<K, V>();

  constructor(private readonly limit: number) {}

  /** The value kept for `key`, computed and kept on a miss. */
  get(key: K, compute: (key: K) => V): V {
    let value = this.values.get(key);
    if (value === undefined) {
      value = compute(key);
      if (this.values.size >= this.limit) this.values.clear();
      this.values.set(key, value);
    }
    return value;
  }
}
