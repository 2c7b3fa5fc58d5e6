import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/** The rate limit's name of the client at `address` (clientNetwork), hashed: never logged, and stored only under an HMAC (StoreClientSignupLimit). */
export function clientKey(address: string): string {
  return createHash('sha256').update(clientNetwork(address)).digest('hex').slice(0, 16);
}

/**
 * The network one client holds: an IPv4 address as it is; an IPv6 address's /64 (`2001:db8:0:1::/64`), since an end
 * site is given at least a whole /64 (RFC 6177) and may take any of its addresses, the low 64 bits being the
 * interface identifier (RFC 4291 §2.5.1); an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, RFC 4291 §2.5.5.2) as its
 * IPv4 address. Brackets and a zone (`%eth0`) are dropped. Anything else is no address, and every such value is one
 * client, NOT_AN_ADDRESS: a header a client could fill in with values of its choosing (`junk1,198.51.100.7`,
 * `junk2,…`) must not give it a fresh limit with each.
 */
export function clientNetwork(address: string): string {
  const bare = address.trim().replace(/^\[(.*)\]$/, '$1');
  if (isIPv4(bare)) return bare;
  const unzoned = bare.replace(/%.*$/, '');
  if (!isIPv6(unzoned)) return NOT_AN_ADDRESS;
  const groups = ipv6Groups(unzoned);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups.slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
}

/** The one client every value that is no IP address is taken for. */
export const NOT_AN_ADDRESS = 'not an address';

/** The eight 16-bit groups of a valid IPv6 address. */
function ipv6Groups(address: string): number[] {
  // The URL parser writes it canonically (RFC 5952: lower case, an embedded IPv4 as two groups, one `::`).
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head = '', tail] = canonical.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const before = parse(head);
  const after = tail === undefined ? [] : parse(tail);
  return [...before, ...Array<number>(8 - before.length - after.length).fill(0), ...after];
}
