import type { HeldBack } from '../lib/plan/heldBack.js';
import { printableName } from '../lib/shared/printable.js';

/** Entries named one a line before the rest are counted. */
const NAMED = 10;

/**
 * A publish's lines for the entries it left out until their date, soonest first: info, not warnings (an embargo is
 * how an entry is scheduled), yet the only place a year mistyped into the future shows. `total`: how many there are,
 * when `held` lists only the first (the publish function's outcome).
 */
export function heldBackLines(held: readonly HeldBack[], total = held.length): string[] {
  const named = held.slice(0, NAMED);
  const lines = named.map((entry) => `held back until its date: ${printableName(entry.file)} (${entry.until})`);
  if (total > named.length) lines.push(`… and ${total - named.length} more held back until their date`);
  return lines;
}
