import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dump } from 'js-yaml';
import { canonicalZone } from '../../../lib/time/canonicalZone.js';
import { CURRENT_ZONE_NAMES } from '../../../lib/time/currentZoneNames.js';
import { parseSite } from '../../../lib/content/site.js';
import { SITE } from '../../support/content.js';

describe('canonicalZone', () => {
  it('fixes the case of a zone, and names an old or country name by its zone', () => {
    expect(canonicalZone('europe/london')).toBe('Europe/London');
    expect(canonicalZone('Europe/LONDON')).toBe('Europe/London');
    expect(canonicalZone('utc')).toBe('UTC');
    // The tz database's `backward` file: GB and US/Eastern are links to Europe/London and America/New_York.
    expect(canonicalZone('GB')).toBe('Europe/London');
    expect(canonicalZone('US/Eastern')).toBe('America/New_York');
  });

  // Node 20's Intl (ICU) calls Asia/Kolkata Asia/Calcutta: a miscased current name must not come out as the old one.
  it('fixes the case of a current IANA name Intl calls by an older one to that current name, and of an old name to the old name', () => {
    expect(canonicalZone('asia/kolkata')).toBe('Asia/Kolkata');
    expect(canonicalZone('ASIA/KOLKATA')).toBe('Asia/Kolkata');
    expect(canonicalZone('europe/kyiv')).toBe('Europe/Kyiv');
    expect(canonicalZone('america/argentina/buenos_aires')).toBe('America/Argentina/Buenos_Aires');
    expect(canonicalZone('asia/calcutta')).toBe('Asia/Calcutta');
    // A link to a renamed zone is named by the zone's current name (the tz database's backward file: US/East-Indiana).
    expect(canonicalZone('US/East-Indiana')).toBe('America/Indiana/Indianapolis');
    for (const current of Object.values(CURRENT_ZONE_NAMES)) {
      expect(canonicalZone(current.toLowerCase()), current).toBe(current);
      expect(canonicalZone(current.toUpperCase()), current).toBe(current);
    }
  });

  // The system's tz database, compiled (tzdata.zi: `Z NAME …` a zone, `L TARGET NAME` a link), against Intl's names.
  it('knows the current name of every zone Intl calls by another, as the tz database names them', () => {
    const lines = readFileSync('/usr/share/zoneinfo/tzdata.zi', 'utf8').split('\n');
    const zones = new Set(lines.filter((line) => line.startsWith('Z ')).map((line) => line.split(' ')[1]!));
    const links = new Map(lines.filter((line) => line.startsWith('L ')).map((line) => [line.split(' ')[2]!, line.split(' ')[1]!] as const));
    const listed = new Set(Intl.supportedValuesOf('timeZone'));
    const resolved = (zone: string) => new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    // Every place's zone or link target the tz database has and Intl lists under another name.
    const renamed = [...new Set([...zones, ...links.values()])].filter((name) => name.includes('/') && !listed.has(name) && resolved(name) !== name && listed.has(resolved(name)));
    for (const name of renamed) expect(CURRENT_ZONE_NAMES[resolved(name)], name).toBe(name);
    // And each one listed is such a name: a zone or link target of the tz database, the old one a link of it.
    for (const [old, current] of Object.entries(CURRENT_ZONE_NAMES)) {
      expect(zones.has(current) || [...links.values()].includes(current), current).toBe(true);
      expect(links.has(old), old).toBe(true);
      expect(resolved(current), current).toBe(resolved(old));
    }
  });

  it('keeps a zone as written when it is an IANA name, also one Intl calls by an older name', () => {
    for (const zone of ['Europe/London', 'Asia/Seoul', 'UTC', 'Etc/UTC', 'Etc/GMT+5', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata', 'Europe/Kyiv']) {
      expect(canonicalZone(zone), zone).toBe(zone);
    }
    // Old IANA names too, as README says: Intl cannot tell them from the current names it calls by old ones.
    for (const zone of ['Australia/ACT', 'Asia/Katmandu', 'America/Indianapolis']) expect(canonicalZone(zone), zone).toBe(zone);
  });
});

describe('site.yml’s timezone', () => {
  it('is read in its canonical spelling, with a warning naming it', () => {
    const parsed = parseSite(dump({ ...SITE, timezone: 'GB' }));
    expect(parsed.problems).toEqual([]);
    expect(parsed.site!.timezone).toBe('Europe/London');
    // SITE's fields are one a line: timezone is the fifth.
    expect(parsed.warnings).toEqual([{ file: 'site.yml', line: 5, field: 'timezone', message: '"GB" is read as Europe/London, the name the site shows', fix: 'write timezone: Europe/London' }]);
    expect(parseSite(dump({ ...SITE, timezone: 'Asia/Kolkata' })).warnings).toEqual([]);
    const miscased = parseSite(dump({ ...SITE, timezone: 'asia/kolkata' }));
    expect(miscased.site!.timezone).toBe('Asia/Kolkata');
    expect(miscased.warnings).toEqual([{ file: 'site.yml', line: 5, field: 'timezone', message: '"asia/kolkata" is read as Asia/Kolkata, the name the site shows', fix: 'write timezone: Asia/Kolkata' }]);
  });
});
