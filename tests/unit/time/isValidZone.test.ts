import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isValidZone } from '../../../lib/time/isValidZone.js';

describe('isValidZone', () => {
  it('accepts and refuses the names luxon does: canonical, aliases, other casing, and junk', () => {
    const names = ['Asia/Seoul', 'UTC', 'Etc/GMT+9', 'US/Eastern', 'Asia/Calcutta', 'asia/seoul', 'EST5EDT', 'Korea Standard Time', 'Mars/Olympus', 'Asia/', '+09:00', 'utc'];
    for (const name of names) expect(isValidZone(name), name).toBe(IANAZone.isValidZone(name));
    // Both branches ran: names Intl lists, and names only a formatter accepts.
    const listed = new Set(Intl.supportedValuesOf('timeZone'));
    expect(names.filter((name) => listed.has(name)).length).toBeGreaterThan(0);
    expect(names.filter((name) => !listed.has(name) && IANAZone.isValidZone(name)).length).toBeGreaterThan(0);
    expect(isValidZone('')).toBe(false);
    // Asked again: the same verdicts.
    for (const name of names) expect(isValidZone(name), name).toBe(IANAZone.isValidZone(name));
  });

  it('accepts every zone Intl lists', () => {
    for (const name of Intl.supportedValuesOf('timeZone')) expect(IANAZone.isValidZone(name), name).toBe(true);
  });
});
