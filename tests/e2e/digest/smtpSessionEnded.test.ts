import { DateTime } from 'luxon';
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { sendDigest } from '../../../lib/delivery/sendDigest.js';
import { SendLedger } from '../../../lib/delivery/sendLedger.js';
import { SmtpTransport } from '../../../lib/delivery/smtpTransport.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { parseSubscriberList, recipientId } from '../../../lib/subscribers/recipient.js';
import { meta, testSendOptions, testSite, weekModel } from '../../support/digestFixtures.js';

// A real SMTP server (smtp-server on loopback) that ends the sessions it carried messages over, as servers do past an
// idle time or a number of messages a session: the session the transport keeps open between messages is found ended
// at the next message, before any of its data, and that message goes over a new session; the run goes on.
const model = weekModel(testSite(), [meta('2014-05-08')]);
const NOW = DateTime.fromISO('2014-05-12T08:00:00+09:00');
const NAMES = ['ada', 'bea', 'cy', 'dee', 'eve'];
const at = (name: string) => `${name}@example.org`;
// No test waits for these to pass: room for a loaded machine, so only the server's ending ends a session.
const ROOMY = { connection: 5_000, greeting: 5_000, reply: 5_000 };
// The slow close's reply timeout: the test waits it out once.
const SLOW_REPLY_MS = 1_000;

/**
 * `slowClose`: MAIL FROM answered after half of `replyMs`, and RCPT TO closed once `replyMs` has passed since the
 * server got MAIL FROM (later on the client's clock, which starts before it is sent): each step well within one reply
 * timeout, a loop paused for nearly half of one included, and the two together past it.
 */
type Ending = 'close' | 'reset' | '421' | 'slowClose';

/**
 * The server: a session that has carried `perSession` messages ends at the next MAIL FROM, by a close or a reset
 * instead of an answer, or by a 421: as the client finds a session the server ended meanwhile, whenever it ended.
 */
async function server(ending: Ending, perSession: number, replyMs = 0) {
  const kept: string[] = [];
  const sockets = new Set<Socket>();
  const carried = new Map<string, number>();
  const mailFromAt = new Map<string, number>();
  let sessions = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    logger: false,
    onConnect(_session, callback) {
      sessions++;
      callback();
    },
    onMailFrom(_address, session, callback) {
      if ((carried.get(session.id) ?? 0) < perSession) return callback();
      if (ending === '421') return callback(Object.assign(new Error('4.7.0 Too many messages for this session'), { responseCode: 421 }));
      if (ending === 'slowClose') {
        mailFromAt.set(session.id, performance.now());
        return void setTimeout(callback, replyMs / 2);
      }
      end(session.remotePort);
    },
    onRcptTo(_address, session, callback) {
      if (ending === 'slowClose' && (carried.get(session.id) ?? 0) >= perSession) return closeOnceReplyPassed(session.id, session.remotePort);
      callback();
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        kept.push(...session.envelope.rcptTo.map((rcpt) => rcpt.address));
        carried.set(session.id, (carried.get(session.id) ?? 0) + 1);
        callback();
      });
    },
  });
  // A timer may fire a millisecond before its time on another clock: measured, not assumed.
  const closeOnceReplyPassed = (id: string, port: number): void => {
    const left = mailFromAt.get(id)! + replyMs - performance.now();
    if (left < 0) return end(port);
    setTimeout(() => closeOnceReplyPassed(id, port), left + 1);
  };
  const end = (port: number) => {
    for (const socket of sockets) if (socket.remotePort === port) ending === 'reset' ? socket.resetAndDestroy() : socket.end();
  };
  smtp.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      smtp.close(() => resolve());
    });
  return { url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, kept, sessions: () => sessions, close };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('a kept SMTP session the server ended', () => {
  for (const [ending, perSession] of [
    ['close', 1],
    ['reset', 2],
    ['421', 2],
  ] as [Ending, number][]) {
    it(`(${ending} after ${perSession} message${perSession > 1 ? 's' : ''}) is replaced: one run sends everyone one copy`, async () => {
      const smtp = await server(ending, perSession);
      closers.push(smtp.close);
      const transport = new SmtpTransport({ url: smtp.url, timeouts: ROOMY });
      const store = new MemoryStore();
      let summary;
      try {
        summary = await sendDigest(testSendOptions({ model, recipients: parseSubscriberList(NAMES.map(at).join('\n')), transport, store, now: NOW, runId: 'ended' }));
      } finally {
        await transport.close();
      }
      expect(summary).toMatchObject({ sent: NAMES.length, unknown: 0, failed: 0, notReached: 0 });
      expect(summary.stopped).toBeUndefined();
      expect([...smtp.kept].sort()).toEqual(NAMES.map(at));
      // A session for every `perSession` messages.
      expect(smtp.sessions()).toBe(Math.ceil(NAMES.length / perSession));
    });
  }

  it('found ended only after a reply timeout is not replaced (one message stays within maxSendMs): the run stops, the claim given back', async () => {
    const smtp = await server('slowClose', 1, SLOW_REPLY_MS);
    closers.push(smtp.close);
    const transport = new SmtpTransport({ url: smtp.url, timeouts: { ...ROOMY, reply: SLOW_REPLY_MS } });
    const store = new MemoryStore();
    try {
      const summary = await sendDigest(testSendOptions({ model, recipients: parseSubscriberList(NAMES.map(at).join('\n')), transport, store, now: NOW, runId: 'ended' }));
      expect(summary).toMatchObject({ sent: 1, notReached: NAMES.length - 1 });
      expect(summary.stopped).toMatch(/^SMTP: /);
    } finally {
      await transport.close();
    }
    expect(smtp.kept).toEqual([at(NAMES[0]!)]);
    expect(smtp.sessions()).toBe(1);
    expect((await new SendLedger(store, model.week.name).load()).get(recipientId(at(NAMES[1]!)))).toEqual({ attempt: 1, status: 'released' });
  });

  it('a session that ends before its first message is not tried again: the run stops, nothing sent, the claim given back', async () => {
    const smtp = await server('421', 0);
    closers.push(smtp.close);
    const transport = new SmtpTransport({ url: smtp.url, timeouts: ROOMY });
    const store = new MemoryStore();
    try {
      const summary = await sendDigest(testSendOptions({ model, recipients: parseSubscriberList(NAMES.map(at).join('\n')), transport, store, now: NOW, runId: 'ended' }));
      expect(summary).toMatchObject({ sent: 0, notReached: NAMES.length, stopped: expect.stringMatching(/^SMTP: .*421 4\.7\.0 Too many messages for this session/) });
    } finally {
      await transport.close();
    }
    expect(smtp.kept).toEqual([]);
    expect(smtp.sessions()).toBe(1);
    expect((await new SendLedger(store, model.week.name).load()).get(recipientId(at(NAMES[0]!)))).toEqual({ attempt: 1, status: 'released' });
  });
});
