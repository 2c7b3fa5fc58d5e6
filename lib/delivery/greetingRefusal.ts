/**
 * What a relay means by answering a new connection with `responseCode` in place of its 220 greeting, for the stop's
 * message, when the code says it (RFC 5321 §4.2.3; §3.1: "a 554 response MAY be given in the initial connection
 * opening message instead of the 220", "No SMTP service here"); else undefined. No message was sent on that
 * connection, so nothing was delivered.
 */
export function greetingRefusal(responseCode: number): string | undefined {
  if (responseCode === 421) return 'the relay is busy or refusing connections for now (421, "Service not available", in place of its greeting: RFC 5321 §3.1, §4.2.3): rerun later, which sends to everyone not reached';
  if (responseCode === 554) return 'the relay refuses connections from this host (554, "No SMTP service here", in place of its greeting: RFC 5321 §3.1, §4.2.3): its allow list (permitted networks, IP access settings) lacks the IP address this host sends from: add that address there, or send from a host it allows';
  return undefined;
}
