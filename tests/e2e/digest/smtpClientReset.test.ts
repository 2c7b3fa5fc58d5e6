import { connect, type Socket } from 'node:net';
import { createTransport } from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultySmtp } from '../../support/faultySmtp.js';

// The test SMTP server outlives clients killed mid-message: a kernel may reset the connection (ECONNRESET), which
// smtp-server emits as an 'error' on the server once a transaction has begun; unheard, that ended the test's process.
let smtp: FaultySmtp | undefined;
afterEach(async () => smtp?.close());

/** Resolves with the server's next reply that begins with `code`, rejecting on any other. */
function reply(socket: Socket, code: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      // A reply's last line: the code, then a space (RFC 5321 §4.2.1).
      const last = text.split('\r\n').find((line) => /^\d{3} /.test(line));
      if (last === undefined) return;
      socket.off('data', onData);
      if (last.startsWith(`${code} `)) resolve();
      else reject(new Error(`expected ${code}, got ${JSON.stringify(last)}`));
    };
    socket.on('data', onData);
  });
}

/** A client that begins a message and is killed once the server waits for its data (after DATA's 354). */
async function killedMidMessage(port: number): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await reply(socket, '220');
  for (const [line, code] of [['EHLO client.test', '250'], ['MAIL FROM:<digest@example.org>', '250'], ['RCPT TO:<ada@example.org>', '250'], ['DATA', '354']] as const) {
    socket.write(`${line}\r\n`);
    await reply(socket, code);
  }
  // As the kernel of a killed client may end it: RST, not FIN.
  socket.resetAndDestroy();
}

describe('FaultySmtp and clients killed mid-message', () => {
  it('records each reset and goes on serving: the next client is answered and its message kept', async () => {
    smtp = await FaultySmtp.start();
    const port = Number(new URL(smtp.url()).port);
    // Two: without a listener of its own, the server's first error met start's once('error') left from listen, the second nothing.
    for (const killed of [1, 2]) {
      await killedMidMessage(port);
      const start = Date.now();
      while (smtp.sessionErrors.length < killed && Date.now() - start < 5000) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(smtp.sessionErrors.map((error) => (error as NodeJS.ErrnoException).code)).toEqual(['ECONNRESET', 'ECONNRESET']);
    expect(smtp.kept).toEqual([]);

    const client = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    await client.sendMail({ from: 'digest@example.org', to: 'bob@example.org', subject: 'after', text: 'whole' });
    client.close();
    expect(smtp.count('bob@example.org')).toBe(1);
  });
});
