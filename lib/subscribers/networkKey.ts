import { createHash } from 'node:crypto';
import { clientNetwork, NOT_AN_ADDRESS } from './clientKey.js';

/** The network limit's name of the client at `address` (wideNetwork), hashed as clientKey's is. */
export function networkKey(address: string): string {
  return createHash('sha256').update(wideNetwork(address)).digest('hex').slice(0, 16);
}

/**
 * The wider network the client at `address` is in, whose clients share one limit (NETWORK_LIMIT): an IPv6 address's
 * /48, the most an end site is commonly given (RFC 6177 §2), so one holder of a /48 has 65,536 /64s (65,536 clients);
 * an IPv4 address's /24, the smallest block routed between networks, so one holder has its 256 addresses. Anything
 * that is no address is NOT_AN_ADDRESS, one network as it is one client.
 */
export function wideNetwork(address: string): string {
  const client = clientNetwork(address);
  if (client === NOT_AN_ADDRESS) return NOT_AN_ADDRESS;
  if (client.endsWith('::/64')) return `${client.split(':').slice(0, 3).join(':')}::/48`;
  return `${client.split('.').slice(0, 3).join('.')}.0/24`;
}
