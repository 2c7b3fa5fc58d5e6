import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** smtp://127.0.0.1:PORT of a real SMTP server (smtp-server) that keeps every message it accepts. */
    smtpUrl: string;
    /** The folder it keeps them in: one JSON file per message, {to: envelope recipients, raw: base64}. */
    smtpMailbox: string;
  }
}

/**
 * One real SMTP server on loopback. Test hooks, chosen by the recipient address so tests can share it:
 * a local part containing `reject` gets 550 at RCPT TO (a permanent refusal); `unanswered` gets its reply to DATA
 * only ten seconds after the message is kept, so a client killed as the message lands has delivered without knowing
 * (a kill under load still lands within the wait), and a client that sends it twice is answered, the copies counted.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mailbox = await mkdtemp(join(tmpdir(), 'broadsheet-smtp-'));
  let counter = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (/reject/i.test(address.address.split('@')[0] ?? '')) {
        const error = new Error(`5.1.1 <${address.address}>: mailbox unavailable`) as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        const file = join(mailbox, `${String(++counter).padStart(6, '0')}.json`);
        void writeFile(file, JSON.stringify({ to, raw: Buffer.concat(chunks).toString('base64') })).then(() => {
          if (to.some((address) => /unanswered/i.test(address.split('@')[0] ?? ''))) setTimeout(() => callback(), 10_000).unref();
          else callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as { port: number };
  project.provide('smtpUrl', `smtp://127.0.0.1:${port}`);
  project.provide('smtpMailbox', mailbox);
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(mailbox, { recursive: true, force: true });
  };
}
