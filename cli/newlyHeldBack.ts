import type { HeldBack } from '../lib/plan/heldBack.js';

/**
 * The entries a preview build holds back until their date that the build before it did not (all of them at the first
 * build): an entry saved with a date after now is in no page or feed, and its build said only "nothing changed", where
 * a publish names it (README, "Embargo"); said once, not at every save, as a publish says it once.
 */
export class NewlyHeldBack {
  private before = new Set<string>();

  take(held: readonly HeldBack[]): HeldBack[] {
    const key = (entry: HeldBack) => `${entry.file}\n${entry.until}`;
    const fresh = held.filter((entry) => !this.before.has(key(entry)));
    this.before = new Set(held.map(key));
    return fresh;
  }
}
