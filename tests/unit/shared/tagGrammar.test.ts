import { describe, expect, it } from 'vitest';
import { isTagAuthority, isTagDate } from '../../../lib/shared/tagGrammar.js';

// RFC 4151 §2.1: DNSname = DNScomp *( "." DNScomp ); DNScomp = alphaNum [*(alphaNum / "-") alphaNum].
describe('isTagAuthority', () => {
  it('accepts DNS names, IDN hosts in their xn-- form and single labels', () => {
    for (const host of ['watch.example.org', 'Watch.Example.ORG', 'xn--bcher-kva.example', 'a-b.c1.example', 'localhost', 'a']) expect(isTagAuthority(host), host).toBe(true);
  });

  it('refuses what DNScomp does not allow: _, a leading or trailing hyphen, an empty label, a trailing dot', () => {
    for (const host of ['watch_example.org', '-watch.example.org', 'watch-.example.org', 'watch..example.org', 'watch.example.org.', '']) expect(isTagAuthority(host), host).toBe(false);
  });

  it('refuses IP addresses: an IPv6 literal is no DNSname, an IPv4 address names no domain', () => {
    for (const host of ['[::1]', '[2001:db8::1]', '127.0.0.1', '192.168.0.10']) expect(isTagAuthority(host), host).toBe(false);
  });
});

// date = year ["-" month ["-" day]], 4, 2 and 2 digits, a real calendar date; the years 1000-9999 as for entry dates.
describe('isTagDate', () => {
  it('accepts YYYY, YYYY-MM and YYYY-MM-DD that are real dates', () => {
    for (const date of ['1000', '2014', '9999', '2014-01', '2014-12', '2014-01-31', '2016-02-29', '2000-02-29']) expect(isTagDate(date), date).toBe(true);
  });

  it('refuses months and days outside the calendar', () => {
    for (const date of ['2014-00', '2014-13', '2014-13-45', '2014-01-00', '2014-01-32', '2014-04-31', '2014-02-29', '1900-02-29']) expect(isTagDate(date), date).toBe(false);
  });

  it('refuses other forms and years before 1000', () => {
    for (const date of ['0000', '0999', '14', '20140', '2014-1', '2014-01-1', '2014/01', '2014-01-01T00:00', ' 2014', '']) expect(isTagDate(date), date).toBe(false);
  });
});
