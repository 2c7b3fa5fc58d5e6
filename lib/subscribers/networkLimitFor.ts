import { CLIENT_LIMIT } from './clientRateLimit.js';
import { SIGNUPS_PER_HOUR } from './signupCap.js';

/** The share of the hourly cap one wider network may take: a fifth, so that no one network fills the cap alone. */
const CAP_SHARE = 5;

/**
 * Signups one wider network (networkKey: an IPv6 /48, an IPv4 /24) may make in any hour, all its clients together,
 * under an hourly cap of `signupsPerHour`: a fifth of the cap, so that no one network, whose holder has 65,536 /64s or
 * 256 addresses, each a client of its own, fills it alone (it takes five); never fewer than one client's own
 * (CLIENT_LIMIT), so a client is held by its own limit first. A cap raised for a site featured somewhere raises it too:
 * a mobile carrier's readers share the few /24s of its address translation.
 */
export function networkLimitFor(signupsPerHour: number): number {
  return Math.max(CLIENT_LIMIT, Math.ceil(signupsPerHour / CAP_SHARE));
}

/** The network limit under the default cap (SIGNUPS_PER_HOUR, 100): 20. */
export const NETWORK_LIMIT = networkLimitFor(SIGNUPS_PER_HOUR);
/** The network's window: an hour, the cap's. */
export const NETWORK_WINDOW_MS = 60 * 60 * 1000;
