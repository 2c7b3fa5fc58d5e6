import { CURRENT_ZONE_NAMES } from '../time/currentZoneNames.js';

/** A zone name's last part, lower case: the city it is named after (`america/new_york` of America/New_York). */
const cityOf = (zone: string) => zone.slice(zone.lastIndexOf('/') + 1).toLowerCase();

/**
 * The IANA zone a city names (`London` → Europe/London, `new york` → America/New_York), as an editor writes
 * `timezone:` who knows the city and not the zone's area: the one zone of the runtime's list (Intl, the ICU data)
 * whose last part it spells, case and spaces aside; undefined for none, or for a name two areas share. ICU calls some
 * zones by an older name (Asia/Calcutta): the city is looked for in both, and the zone given by its current IANA name
 * (CURRENT_ZONE_NAMES: `Kolkata` and `Calcutta` → Asia/Kolkata).
 */
export function zoneOfCity(text: string): string | undefined {
  const city = text.trim().replace(/\s+/g, '_').toLowerCase();
  if (city === '' || city.includes('/')) return undefined;
  const zones = new Set<string>();
  for (const listed of Intl.supportedValuesOf('timeZone')) {
    if (!listed.includes('/')) continue;
    const current = CURRENT_ZONE_NAMES[listed] ?? listed;
    if (cityOf(listed) === city || cityOf(current) === city) zones.add(current);
  }
  return zones.size === 1 ? [...zones][0] : undefined;
}
