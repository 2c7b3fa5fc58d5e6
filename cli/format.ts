import type { Change } from '../lib/publish/manifest.js';
import type { RequestCounts } from '../lib/store/store.js';

export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** `changed     12.3 kB  tags/trade/rss.xml` */
export function formatChange(change: Change): string {
  return `${change.status.padEnd(9)} ${formatSize(change.size).padStart(9)}  ${change.key}`;
}

export function formatRequests(counts: RequestCounts): string {
  return `${counts.list} LIST, ${counts.get} GET, ${counts.put} PUT, ${counts.delete} DELETE`;
}
