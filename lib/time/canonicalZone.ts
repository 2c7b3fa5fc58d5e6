import { CURRENT_ZONE_NAMES } from './currentZoneNames.js';
import { isListedZone } from './isValidZone.js';

// IANA's own names: an area, then places spelled with capitals (`America/Argentina/Buenos_Aires`, `Etc/UTC`).
const IANA_NAME = /^(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Etc|Indian|Pacific)(?:\/[A-Z][A-Za-z0-9_+-]*)+$/;

/**
 * The spelling of `zone` (one isValidZone accepts) that the site shows and the deployed schedule is given: an
 * `Area/Place` name written with IANA's capitals stays as written, an old one too (`Australia/ACT`), since Intl calls
 * some current IANA names by older ones (ICU's `Asia/Calcutta` for `Asia/Kolkata`) and so cannot say which of two names
 * is the old one. Another spelling of one of the zone's names takes that name's capitals (`asia/kolkata` is
 * Asia/Kolkata, `asia/calcutta` Asia/Calcutta); any other name (`GB`, `US/Eastern`) is its zone's current IANA name.
 */
export function canonicalZone(zone: string): string {
  if (isListedZone(zone)) return zone;
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  if (resolved.toLowerCase() !== zone.toLowerCase() && IANA_NAME.test(zone)) return zone;
  const current = CURRENT_ZONE_NAMES[resolved] ?? resolved;
  // Intl's name, its current one, and the older one a newer Intl may resolve to the current one.
  const names = [resolved, current, ...Object.keys(CURRENT_ZONE_NAMES).filter((old) => CURRENT_ZONE_NAMES[old] === resolved)];
  return names.find((name) => name.toLowerCase() === zone.toLowerCase()) ?? current;
}
