import { StoreError } from '../../lib/shared/errors.js';
import type { PutBody, PutOptions, ReadOptions, Store, StoredObject } from '../../lib/store/store.js';

/**
 * A store that passes everything to `inner` until `writesAllowed` writes (PUT, conditional PUT or DELETE) went
 * through, then fails every write: a publish killed right after its k-th write, as far as the output can tell. A
 * failed write is a rejected promise, as a real store's is, never a throw from the call itself.
 */
export class FaultyStore implements Store {
  writes = 0;
  constructor(
    private readonly inner: Store,
    public writesAllowed = Infinity,
  ) {}

  get description(): string {
    return this.inner.description;
  }

  get requests() {
    return this.inner.requests;
  }

  get(key: string, options?: ReadOptions): Promise<Buffer | undefined> {
    return this.inner.get(key, options);
  }

  list(prefix: string): Promise<StoredObject[]> {
    return this.inner.list(prefix);
  }

  async put(key: string, body: PutBody, options: PutOptions): Promise<string | undefined> {
    this.write(key);
    return this.inner.put(key, body, options);
  }

  async putIfAbsent(key: string, body: Buffer | string, options: PutOptions): Promise<boolean> {
    this.write(key);
    return this.inner.putIfAbsent(key, body, options);
  }

  async delete(key: string): Promise<void> {
    this.write(key);
    return this.inner.delete(key);
  }

  private write(key: string): void {
    if (this.writes >= this.writesAllowed) throw new StoreError(`injected failure: the run died before writing ${key}`);
    this.writes++;
  }
}

/** A store that fails every write after its PUT of `key` went through: a publish killed right after writing that key. */
export class DiesAfterWriting extends FaultyStore {
  constructor(
    inner: Store,
    private readonly key: string,
  ) {
    super(inner);
  }

  override async put(key: string, body: PutBody, options: PutOptions): Promise<string | undefined> {
    const version = await super.put(key, body, options);
    if (key === this.key) this.writesAllowed = this.writes;
    return version;
  }
}
