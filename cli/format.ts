import { printableName } from '../lib/shared/printable.js';
import type { RequestCounts } from '../lib/store/store.js';

export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** `changed     12.3 kB  tags/trade/rss.xml`: a publish's or push-content's file; the key escaped (printableName). */
export function formatChange(change: { key: string; status: string; size: number }): string {
  return `${change.status.padEnd(9)} ${formatSize(change.size).padStart(9)}  ${printableName(change.key)}`;
}

/** `changed   tags/trade/rss.xml`: a change a run record or the trigger lists without its size. */
export function formatChangeKey(change: { key: string; status: string }): string {
  return `${change.status.padEnd(9)} ${printableName(change.key)}`;
}

export function formatRequests(counts: RequestCounts): string {
  return `${counts.list} LIST, ${counts.get} GET, ${counts.put} PUT, ${counts.delete} DELETE`;
}
