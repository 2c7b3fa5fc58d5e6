import { isValidZone } from '../time/isValidZone.js';

/**
 * The IANA zone a city names (`London` → Europe/London, `new york` → America/New_York), as an editor writes
 * `timezone:` who knows the city and not the zone's area: the one zone of the runtime's list (Intl, the ICU data)
 * whose last part it spells, case and spaces aside; undefined for none, or for a name two areas share. The list
 * holds CLDR's names, some of them IANA's older ones (Asia/Calcutta, Europe/Kiev): a city by its current name
 * (`Kolkata`, `Kyiv`) is looked for as an alias Intl accepts under one of the list's areas (Asia/Kolkata).
 */
export function zoneOfCity(text: string): string | undefined {
  const city = text.trim().replace(/\s+/g, '_').toLowerCase();
  if (city === '' || city.includes('/')) return undefined;
  const listed = Intl.supportedValuesOf('timeZone').filter((zone) => zone.includes('/'));
  const zones = listed.filter((zone) => zone.slice(zone.lastIndexOf('/') + 1).toLowerCase() === city);
  if (zones.length > 0) return zones.length === 1 ? zones[0] : undefined;
  // IANA capitalises each word of a city (Ho_Chi_Minh); Intl takes any case, the name is written as IANA spells it.
  const name = city.replace(/(^|_)(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
  const areas = [...new Set(listed.map((zone) => zone.slice(0, zone.indexOf('/'))))];
  const aliases = areas.map((area) => `${area}/${name}`).filter(isValidZone);
  return aliases.length === 1 ? aliases[0] : undefined;
}
