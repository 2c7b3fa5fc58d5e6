/**
 * The IANA zone a city names (`London` → Europe/London, `new york` → America/New_York), as an editor writes
 * `timezone:` who knows the city and not the zone's area: the one zone of the runtime's list (Intl, the ICU data)
 * whose last part it spells, case and spaces aside; undefined for none, or for a name two areas share.
 */
export function zoneOfCity(text: string): string | undefined {
  const city = text.trim().replace(/\s+/g, '_').toLowerCase();
  if (city === '' || city.includes('/')) return undefined;
  const zones = Intl.supportedValuesOf('timeZone').filter((zone) => zone.slice(zone.lastIndexOf('/') + 1).toLowerCase() === city && zone.includes('/'));
  return zones.length === 1 ? zones[0] : undefined;
}
