import { isListedZone } from './isValidZone.js';

// IANA's own names: an area, then places spelled with capitals (`America/Argentina/Buenos_Aires`, `Etc/UTC`).
const IANA_NAME = /^(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Etc|Indian|Pacific)(?:\/[A-Z][A-Za-z0-9_+-]*)+$/;

/**
 * The spelling of `zone` (one isValidZone accepts) that the site shows and the deployed schedule is given: Intl's
 * (resolvedOptions), which fixes the case (`europe/london`) and names a country or other name by its zone (`GB`,
 * `US/Eastern`). An `Area/Place` name stays as written, an old one too (`Australia/ACT`): Intl calls some current IANA
 * names by older ones (ICU's `Asia/Calcutta` for `Asia/Kolkata`), so it cannot say which of two names is the old one.
 */
export function canonicalZone(zone: string): string {
  if (isListedZone(zone)) return zone;
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  if (resolved.toLowerCase() !== zone.toLowerCase() && IANA_NAME.test(zone)) return zone;
  return resolved;
}
