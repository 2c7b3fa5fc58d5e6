import { afterEach, describe, expect, it } from 'vitest';
import { SmtpTransport } from '../../../lib/delivery/smtpTransport.js';
import { FaultySmtp } from '../../support/faultySmtp.js';

const servers: FaultySmtp[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** The DeliveryError of opening a session with a real SMTP server (smtp-server, loopback) that answers the connection with `code` and `message`. */
async function openingRefused(code: number, message: string) {
  const server = await FaultySmtp.start({ greeting: { code, message } });
  servers.push(server);
  const transport = new SmtpTransport({ url: server.url(), timeouts: { connection: 2_000, greeting: 2_000, reply: 2_000 } });
  const failure = await transport.open().then(() => undefined, (error: unknown) => error as Error & { outcome?: string });
  await transport.close();
  return failure;
}

describe('a relay answering the connection with a refusal in place of its greeting', () => {
  it('421: the stop says the relay is busy or refusing for now and to rerun later, citing RFC 5321', async () => {
    const failure = await openingRefused(421, '4.3.2 Service shutting down');
    expect(failure?.outcome).toBe('notAttempted');
    expect(failure?.message).toMatch(/^SMTP: cannot open a session with 127\.0\.0\.1:\d+: .*421 4\.3\.2 Service shutting down; the relay is busy or refusing connections for now \(421, "Service not available", in place of its greeting: RFC 5321 §3\.1, §4\.2\.3\): rerun later, which sends to everyone not reached$/);
  });

  it("554: the stop says the relay refuses this host's IP address, and names its allow list, citing RFC 5321", async () => {
    const failure = await openingRefused(554, 'No SMTP service here');
    expect(failure?.outcome).toBe('notAttempted');
    expect(failure?.message).toMatch(/^SMTP: cannot open a session with 127\.0\.0\.1:\d+: .*554 No SMTP service here; the relay refuses connections from this host \(554, "No SMTP service here", in place of its greeting: RFC 5321 §3\.1, §4\.2\.3\): its allow list \(permitted networks, IP access settings\) lacks the IP address this host sends from: add that address there, or send from a host it allows$/);
  });

  it('another code (450) only quotes the reply, which says no more', async () => {
    const failure = await openingRefused(450, 'Try again');
    expect(failure?.message).toMatch(/450 Try again$/);
  });
});
