import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { isValidZone } from '../../../lib/time/isValidZone.js';
import { zoneOfCity } from '../../../lib/content/zoneOfCity.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';
import { temporaryFolders } from '../../support/temporaryFolders.js';

const folders = temporaryFolders();

// `timezone: London` got the general fix (a zone such as Asia/Seoul, …): the fix now names the zone the city is in.
describe('zoneOfCity: the IANA zone a city names', () => {
  it('the one zone whose last part the city spells, case and spaces aside; each one a zone site.yml takes', () => {
    const cities: [string, string][] = [['London', 'Europe/London'], ['new york', 'America/New_York'], ['Seoul', 'Asia/Seoul'], ['Buenos Aires', 'America/Argentina/Buenos_Aires']];
    for (const [city, zone] of cities) {
      expect(zoneOfCity(city)).toBe(zone);
      expect(isValidZone(zone)).toBe(true);
    }
  });

  it('a city the runtime lists by an older name (Asia/Calcutta), by that name or its current one: the current IANA name', () => {
    // IANA's primary names (its backward file keeps the older ones as links); Node's ICU lists the older ones.
    const cities: [string, string][] = [['Kolkata', 'Asia/Kolkata'], ['Calcutta', 'Asia/Kolkata'], ['kyiv', 'Europe/Kyiv'], ['ho chi minh', 'Asia/Ho_Chi_Minh'], ['Kathmandu', 'Asia/Kathmandu'], ['Nuuk', 'America/Nuuk']];
    for (const [city, zone] of cities) {
      expect(zoneOfCity(city), city).toBe(zone);
      expect(isValidZone(zone)).toBe(true);
    }
  });

  it('none for an area, a zone already, an abbreviation or a name that is no city', () => {
    for (const text of ['Asia', 'Asia/Seoul', 'KST', 'Moon', 'UTC', 'GMT', 'EST', '', ' ']) expect(zoneOfCity(text)).toBeUndefined();
  });

  it('check gives it as the fix', async () => {
    const content = folders.keep(await contentFolder({ site: dump({ ...SITE, timezone: 'London' }), entries: { '2014/a.md': entryText(entry()) } }));
    const problems = (JSON.parse((await runMain(['check', '--content', content, '--json'])).stdout) as { problems: { field: string; fix: string }[] }).problems;
    expect(problems.map((problem) => [problem.field, problem.fix])).toEqual([['timezone', 'write timezone: Europe/London']]);
  });
});
