/**
 * The Markdown bodies of the entry files a load read, kept for the render that follows, so that a publish reads
 * each file once: a content bucket would otherwise get a second GET per rendered entry, and a file saved between
 * the two reads would give a page the old front matter and the new body. Bodies are kept in the order they are
 * offered until they hold `budget` characters; the rest are read again when rendered. Each body is let go when
 * taken, and all of them by `clear`.
 */
export class BodyCache {
  private readonly bodies = new Map<string, { body: string; size: number }>();
  private held = 0;

  constructor(private readonly budget: number) {}

  /**
   * Keeps `body` for `key` if the budget has room for `size` characters (by default the body's; a body sliced out of
   * its file's text keeps the whole text in memory, so a load counts the file's). Whether it was kept. A body kept
   * before for `key` goes either way.
   */
  offer(key: string, body: string, size = body.length): boolean {
    this.take(key);
    if (this.held + size > this.budget) return false;
    this.bodies.set(key, { body, size });
    this.held += size;
    return true;
  }

  /** The body kept for `key`, which is let go; undefined when none was kept. */
  take(key: string): string | undefined {
    const kept = this.bodies.get(key);
    if (kept === undefined) return undefined;
    this.bodies.delete(key);
    this.held -= kept.size;
    return kept.body;
  }

  /** Characters held now. */
  get size(): number {
    return this.held;
  }

  clear(): void {
    this.bodies.clear();
    this.held = 0;
  }
}
