/** Pieces of text held until they add up to this many UTF-16 code units, then encoded as one chunk. */
const CHUNK_UNITS = 1 << 20;

/**
 * A large document (the manifest, the entry index of a large site) written a piece at a time and kept as UTF-8
 * chunks outside V8's heap, which a store's `put` takes as they are (a local file gets them one after another):
 * the whole text never exists as one string, which the heap would grow to hold (and, flattening it, hold twice) at
 * the end of a publish, when everything else the publish made is still alive.
 */
export class Utf8Chunks {
  private pieces: string[] = [];
  private pending = 0;
  private readonly done: Buffer[] = [];

  constructor(private readonly chunkUnits = CHUNK_UNITS) {}

  push(text: string): void {
    this.pieces.push(text);
    this.pending += text.length;
    if (this.pending >= this.chunkUnits) this.flush();
  }

  /** Bytes already UTF-8 (a piece of a document read back), kept as they are, after the pieces pushed before. */
  pushBytes(bytes: Buffer): void {
    this.flush();
    this.done.push(bytes);
  }

  /** Every piece pushed, in order, as UTF-8. */
  chunks(): readonly Buffer[] {
    this.flush();
    return this.done;
  }

  private flush(): void {
    if (this.pieces.length === 0) return;
    // Each piece is a whole string, so no surrogate pair is ever split between two chunks.
    this.done.push(Buffer.from(this.pieces.join(''), 'utf8'));
    this.pieces = [];
    this.pending = 0;
  }
}
