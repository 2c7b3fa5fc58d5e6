import { BoundedCache } from '../shared/boundedCache.js';

/**
 * Whether Intl knows `zone` as a time zone: an IANA name (`Asia/Seoul`), an alias (`US/Eastern`), another
 * spelling (`asia/seoul`) or UTC. These are the zones luxon reads from Intl too, so lib/time can place instants
 * in them itself; site.yml's `timezone` must be one. No luxon: `check` tests the zone without loading it.
 */
export function isValidZone(zone: string): boolean {
  if (!zone) return false;
  // A canonical name Intl lists is valid without making a formatter, whose first one loads locale data that
  // `check` (which places no date in a zone) would otherwise load for this test alone. Aliases and other
  // spellings are not listed; a formatter decides those, once per name.
  if (isListedZone(zone)) return true;
  return verdicts.get(zone, intlAccepts);
}

/** Whether `zone` is a canonical name Intl lists, as written. */
export function isListedZone(zone: string): boolean {
  return supportedZones().has(zone);
}

// Bounded, since the names come from user text.
const verdicts = new BoundedCache<string, boolean>(1_000);

function intlAccepts(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

let supported: Set<string> | undefined;
function supportedZones(): Set<string> {
  supported ??= new Set(Intl.supportedValuesOf('timeZone'));
  return supported;
}
