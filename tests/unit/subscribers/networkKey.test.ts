import { describe, expect, it } from 'vitest';
import { clientKey, NOT_AN_ADDRESS } from '../../../lib/subscribers/clientKey.js';
import { networkKey, wideNetwork } from '../../../lib/subscribers/networkKey.js';

describe('networkKey: the wider limit names an IPv6 client by its /48, an IPv4 one by its /24', () => {
  it('gives every /64 of one /48 the same network, however it is written, and each its own client', () => {
    const oneSite = ['2001:db8:1:0::1', '2001:db8:1:ffff::1', '2001:0DB8:0001:abcd:1:2:3:4', '[2001:db8:1:7::7]', '2001:db8:1:8::9%eth0'];
    expect(new Set(oneSite.map(wideNetwork))).toEqual(new Set(['2001:db8:1::/48']));
    expect(new Set(oneSite.map(networkKey)).size).toBe(1);
    expect(new Set(oneSite.map(clientKey)).size).toBe(oneSite.length);
  });

  it('gives two /48s two networks, also where they differ only in the last bit of the prefix', () => {
    expect(wideNetwork('2001:db8:3::1')).toBe('2001:db8:3::/48');
    expect(networkKey('2001:db8:2::1')).not.toBe(networkKey('2001:db8:3::1'));
    expect(wideNetwork('2001:db8::1')).toBe('2001:db8:0::/48');
  });

  it('gives the 256 addresses of one IPv4 /24 one network, an IPv4-mapped address its IPv4 one, and the next /24 another', () => {
    expect(new Set(['198.51.100.0', '198.51.100.7', '198.51.100.255', '::ffff:198.51.100.9'].map(wideNetwork))).toEqual(new Set(['198.51.100.0/24']));
    expect(networkKey('198.51.100.7')).toBe(networkKey('198.51.100.200'));
    expect(networkKey('198.51.100.7')).not.toBe(networkKey('198.51.101.7'));
  });

  it('takes every value that is no address for one network', () => {
    expect(new Set(['unknown', 'junk1,198.51.100.7', '', '198.51.100.999'].map(wideNetwork))).toEqual(new Set([NOT_AN_ADDRESS]));
  });
});
