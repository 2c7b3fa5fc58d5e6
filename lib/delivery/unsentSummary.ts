import type { SendSummary } from './sendDigest.js';

/** A send summary with nobody reached: `stopped` before its first recipient was read or claimed, when given. */
export function unsentSummary(week: string, transport: string, stopped?: string): SendSummary {
  return { week, transport, total: 0, sent: 0, skipped: 0, failed: 0, unknown: 0, notReached: 0, ...(stopped !== undefined ? { stopped } : {}), results: [] };
}
