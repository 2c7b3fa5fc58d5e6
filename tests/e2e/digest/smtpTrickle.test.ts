import { DateTime } from 'luxon';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendDigest } from '../../../lib/delivery/sendDigest.js';
import { LEDGER_PREFIX } from '../../../lib/delivery/sendLedger.js';
import { SmtpTransport } from '../../../lib/delivery/smtpTransport.js';
import type { SmtpTimeouts } from '../../../lib/delivery/smtpTimeouts.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { parseSubscriberList } from '../../../lib/subscribers/recipient.js';
import { meta, testSendOptions, testSite, weekModel } from '../../support/digestFixtures.js';

// An SMTP server on loopback that trickles a reply: a continuation line ("250-") every 75 ms, never the last line.
// Each line resets the socket's idle timeout, so only the transport's own bound on one message (maxSendMs) ends it:
// at the greeting's EHLO the run stops with nobody claimed; after the message's data it may have been delivered, so
// the recipient is left unknown and never sent again.
const model = weekModel(testSite(), [meta('2014-05-08')]);
const NOW = DateTime.fromISO('2014-05-12T08:00:00+09:00');
// Generous to connect and greet (a loaded machine must not end the session first), short for a reply: the trickle's lines
// come four times as often.
const TIMEOUTS: SmtpTimeouts = { connection: 1_000, greeting: 1_000, reply: 300 };

type Trickled = 'ehlo' | 'data';

let server: Server | undefined;
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** The server, answering as SMTP does (RFC 5321 §4.1) but trickling its reply to `trickled`; `messages` counts the data it took. */
async function trickling(trickled: Trickled): Promise<{ url: string; messages: () => number }> {
  let messages = 0;
  server = createServer((socket) => {
    sockets.add(socket);
    const trickle = () => {
      const timer = setInterval(() => socket.write('250-still going\r\n'), 75);
      socket.on('close', () => clearInterval(timer));
    };
    let buffer = '';
    let inData = false;
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      if (inData) {
        if (!buffer.includes('\r\n.\r\n')) return;
        messages++;
        return trickled === 'data' ? trickle() : void socket.write('250 kept\r\n');
      }
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const verb = buffer.slice(0, 4).toUpperCase();
        buffer = buffer.slice(end + 2);
        if (verb === 'EHLO') {
          if (trickled === 'ehlo') return trickle();
          socket.write('250-trickle.example\r\n250 8BITMIME\r\n');
        } else if (verb === 'DATA') {
          inData = true;
          return void socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
    socket.write('220 trickle.example ESMTP\r\n');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${(server!.address() as AddressInfo).port}`, messages: () => messages };
}

async function run(url: string, store: MemoryStore, names: readonly string[]) {
  const transport = new SmtpTransport({ url, timeouts: TIMEOUTS });
  const started = Date.now();
  try {
    const summary = await sendDigest(testSendOptions({ model, recipients: parseSubscriberList(names.map((name) => `${name}@example.org`).join('\n')), transport, store, now: NOW, runId: 'trickle' }));
    return { summary, ms: Date.now() - started, maxSendMs: transport.maxSendMs };
  } finally {
    await transport.close();
  }
}

describe('an SMTP server that trickles a reply', () => {
  it('at EHLO: the session ends at maxSendMs, the run stops with nobody claimed', async () => {
    const smtp = await trickling('ehlo');
    const store = new MemoryStore();
    const { summary, ms, maxSendMs } = await run(smtp.url, store, ['ada', 'bea']);
    expect(summary).toMatchObject({ sent: 0, notReached: 2, stopped: expect.stringMatching(/^SMTP: cannot open a session with .*: the session went on past the time one message may take/) });
    expect(await store.list(LEDGER_PREFIX)).toEqual([]);
    expect(ms).toBeGreaterThanOrEqual(maxSendMs - 50);
    expect(ms).toBeLessThan(maxSendMs + 1_000);
  }, 10_000);

  it('to the message data: unknown at maxSendMs (it may have been kept), and a rerun does not send it again', async () => {
    const smtp = await trickling('data');
    const store = new MemoryStore();
    const { summary, ms, maxSendMs } = await run(smtp.url, store, ['ada']);
    expect(summary.results).toEqual([{ address: 'ada@example.org', outcome: 'unknown', detail: expect.stringMatching(/the session went on past the time one message may take.*; the outcome is unknown, so it is not sent again$/) }]);
    expect(ms).toBeLessThan(maxSendMs + 1_000);
    expect(smtp.messages()).toBe(1);
    const rerun = await run(smtp.url, store, ['ada']);
    expect(rerun.summary).toMatchObject({ sent: 0, unknown: 1 });
    expect(smtp.messages()).toBe(1);
  }, 10_000);
});
