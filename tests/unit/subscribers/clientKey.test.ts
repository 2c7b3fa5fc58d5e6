import { describe, expect, it } from 'vitest';
import { clientKey, clientNetwork, NOT_AN_ADDRESS } from '../../../lib/subscribers/clientKey.js';

describe('clientKey: the rate limit names an IPv6 client by its /64, an IPv4 one by its address', () => {
  it('gives every address of one /64 the same key, however it is written', () => {
    const oneNetwork = ['2001:db8:1:2::1', '2001:db8:1:2::ffff', '2001:0DB8:0001:0002:aaaa:bbbb:cccc:dddd', '2001:db8:1:2:0:0:0:0', '[2001:db8:1:2::7]', '2001:db8:1:2::9%eth0', '2001:db8:1:2::192.0.2.1'];
    expect(new Set(oneNetwork.map(clientNetwork))).toEqual(new Set(['2001:db8:1:2::/64']));
    expect(new Set(oneNetwork.map(clientKey)).size).toBe(1);
  });

  it('gives two /64s two keys, also where they differ only in the last bit of the prefix', () => {
    expect(clientNetwork('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
    // `::` standing for the groups of the prefix, not of the interface identifier.
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('keeps an IPv4 address as it is, and an IPv4-mapped IPv6 address is that IPv4 address', () => {
    expect(clientNetwork('198.51.100.7')).toBe('198.51.100.7');
    expect(clientKey('198.51.100.7')).not.toBe(clientKey('198.51.100.8'));
    expect(clientNetwork('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(clientNetwork('::FFFF:c633:6407')).toBe('198.51.100.7');
    expect(clientKey('::ffff:198.51.100.7')).toBe(clientKey('198.51.100.7'));
  });

  it('takes every value that is no address for one client, so that values of a client’s choosing give it no fresh limit', () => {
    const forged = ['unknown', '2001:db8::1:443:1:2:3:4', 'junk1,198.51.100.7', 'junk2,198.51.100.7', '198.51.100.7, 198.51.100.8', '', '198.51.100.999'];
    expect(new Set(forged.map(clientNetwork))).toEqual(new Set([NOT_AN_ADDRESS]));
    expect(new Set(forged.map(clientKey)).size).toBe(1);
    expect(clientKey('junk')).not.toBe(clientKey('198.51.100.7'));
  });
});
