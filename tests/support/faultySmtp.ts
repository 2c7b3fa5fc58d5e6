import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A reply the server gives instead of accepting: `{ code: 550, message: '5.1.1 no such user' }`. */
export interface Reply {
  code: number;
  message: string;
}

/**
 * What the server does once it has the whole message: answer 250, keep it and drop the connection before
 * answering, keep it and never answer, or answer with a refusal (not keeping it).
 */
export type DataBehaviour = 'accept' | 'keepAndDrop' | 'keepAndHang' | Reply;

export interface FaultySmtpOptions {
  /** Accept TCP connections and never greet. */
  silent?: boolean;
  /** Answer each connection with this instead of the 220 greeting, then close it (e.g. 421). */
  greeting?: Reply;
  /** Per recipient, at RCPT TO: accept (undefined) or refuse. */
  rcpt?: (address: string) => Reply | undefined;
  /** Per message, by its envelope recipients. Default: accept. */
  data?: (to: readonly string[]) => DataBehaviour;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 that misbehaves on purpose, in the test's own process: drive it
 * with async code only (the CLI through spawn, or the library), never spawnSync, which would block its loop.
 * `kept` holds every message it kept, whatever it answered.
 */
export class FaultySmtp {
  readonly kept: { to: string[]; raw: Buffer }[] = [];
  /** Connections accepted so far. */
  connections = 0;
  /** Errors of sessions (a client reset mid-message: ECONNRESET), which smtp-server emits on the server. */
  readonly sessionErrors: Error[] = [];
  private readonly sockets = new Map<number, Socket>();

  private constructor(
    private readonly server: SMTPServer,
    readonly options: FaultySmtpOptions,
  ) {}

  static async start(options: FaultySmtpOptions = {}): Promise<FaultySmtp> {
    let self: FaultySmtp | undefined;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      disableReverseLookup: true,
      logger: false,
      onConnect(_session, callback) {
        const { silent, greeting } = self!.options;
        if (silent) return; // no callback: no greeting, ever
        if (greeting) return callback(replyError(greeting));
        callback();
      },
      onRcptTo(address, _session, callback) {
        const refusal = self!.options.rcpt?.(address.address);
        callback(refusal ? replyError(refusal) : undefined);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
          const behaviour = self!.options.data?.(to) ?? 'accept';
          if (typeof behaviour === 'object') return callback(replyError(behaviour));
          self!.kept.push({ to, raw: Buffer.concat(chunks) });
          if (behaviour === 'keepAndDrop') self!.sockets.get(session.remotePort)?.destroy();
          else if (behaviour === 'accept') callback();
          // keepAndHang: no answer, ever
        });
      },
    });
    self = new FaultySmtp(server, options);
    // Unheard, smtp-server's 'error' (a client killed mid-session) would end the test's process.
    server.on('error', (error: Error) => self!.sessionErrors.push(error));
    server.server.on('connection', (socket: Socket) => {
      self!.connections++;
      self!.sockets.set(socket.remotePort!, socket);
      socket.on('close', () => self!.sockets.delete(socket.remotePort!));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return self;
  }

  /** smtp://127.0.0.1:PORT, with `query` (nodemailer's connection options) if given. */
  url(query = ''): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}${query ? `/?${query}` : ''}`;
  }

  /** How many kept messages went to `address`. */
  count(address: string): number {
    return this.kept.filter((message) => message.to.includes(address)).length;
  }

  /** Ends every open session from the server's side at once, as the kernel of a killed client would. */
  dropConnections(): void {
    for (const socket of this.sockets.values()) socket.destroy();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function replyError(reply: Reply): Error {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}
