import { DateTime } from 'luxon';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { describe, it, type TestContext } from 'vitest';
import { sendDigest } from '../../../lib/delivery/sendDigest.js';
import { LEDGER_PREFIX } from '../../../lib/digest/ledgerRecords.js';
import { SmtpTransport } from '../../../lib/delivery/smtpTransport.js';
import type { SmtpTimeouts } from '../../../lib/delivery/smtpTimeouts.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { parseSubscriberList } from '../../../lib/subscribers/recipient.js';
import { meta, testSendOptions, testSite, weekModel } from '../../support/digestFixtures.js';

// An SMTP server on loopback that trickles a reply: a continuation line ("250-") every TRICKLE_MS, never the last line.
// Each line resets the socket's idle timeout, so only the transport's own bound on one message (maxSendMs) ends it:
// at the greeting's EHLO the run stops with nobody claimed; after the message's data it may have been delivered, so
// the recipient is left unknown and never sent again.
const model = weekModel(testSite(), [meta('2014-05-08')]);
const NOW = DateTime.fromISO('2014-05-12T08:00:00+09:00');
// Each test waits out maxSendMs (connection + greeting + 8 replies), so each is as short as a loaded machine allows.
// A reply's timeout is 225 ms past the trickle's next line: only a stall of the event loop longer than that ends the
// session at a reply timeout first. To connect and greet on loopback, twice that.
const TRICKLE_MS = 25;
const TIMEOUTS: SmtpTimeouts = { connection: 500, greeting: 500, reply: TRICKLE_MS + 225 };

type Trickled = 'ehlo' | 'data';

/**
 * The server, answering as SMTP does (RFC 5321 §4.1) but trickling its reply to `trickled`; `messages` counts the data
 * it took. Closed, its sockets with it, by `onTestFinished`: the test's own, as the tests run side by side.
 */
async function trickling(trickled: Trickled, onTestFinished: TestContext['onTestFinished']): Promise<{ url: string; messages: () => number }> {
  let messages = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const trickle = () => {
      const timer = setInterval(() => socket.write('250-still going\r\n'), TRICKLE_MS);
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
  onTestFinished(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`, messages: () => messages };
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

// Side by side: each waits out maxSendMs on timers, with its own server and store.
describe.concurrent('an SMTP server that trickles a reply', () => {
  it('at EHLO: the session ends at maxSendMs, the run stops with nobody claimed', async ({ expect, onTestFinished }) => {
    const smtp = await trickling('ehlo', onTestFinished);
    const store = new MemoryStore();
    const { summary, ms, maxSendMs } = await run(smtp.url, store, ['ada', 'bea']);
    expect(summary).toMatchObject({ sent: 0, notReached: 2, stopped: expect.stringMatching(/^SMTP: cannot open a session with .*: the session went on past the time one message may take/) });
    expect(await store.list(LEDGER_PREFIX)).toEqual([]);
    expect(ms).toBeGreaterThanOrEqual(maxSendMs - 50);
    expect(ms).toBeLessThan(maxSendMs + 1_000);
  }, 10_000);

  it('to the message data: unknown at maxSendMs (it may have been kept), and a rerun does not send it again', async ({ expect, onTestFinished }) => {
    const smtp = await trickling('data', onTestFinished);
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
