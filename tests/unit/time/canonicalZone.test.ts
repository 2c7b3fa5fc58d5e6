import { describe, expect, it } from 'vitest';
import { dump } from 'js-yaml';
import { canonicalZone } from '../../../lib/time/canonicalZone.js';
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
  });
});
