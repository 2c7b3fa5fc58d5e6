/**
 * Signups one wider network (networkKey: an IPv6 /48, an IPv4 /24) may make in any hour, all its clients together: a
 * fifth of the hourly cap's default (SIGNUPS_PER_HOUR, 100), so that no one network, whose holder has 65,536 /64s or
 * 256 addresses, each a client of its own, fills the cap alone; it takes five. Above one client's own (CLIENT_LIMIT in
 * CLIENT_WINDOW_MS), so one client is held by its own limit first, and a few readers on one network sign up unhindered.
 */
export const NETWORK_LIMIT = 20;
/** The network's window: an hour, the cap's. */
export const NETWORK_WINDOW_MS = 60 * 60 * 1000;
