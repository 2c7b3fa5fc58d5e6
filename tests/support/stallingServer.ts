import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The answer a StallingServer gives every request: its status and headers, and a body of which only half comes. */
export interface StalledAnswer {
  status: number;
  headers?: Record<string, string>;
  body: Buffer;
}

/**
 * A loopback HTTP server that answers each request with `answer`'s status and headers (and its Content-Length), then
 * the first half of its body, then nothing more: a server or network that stalls mid-answer, for a client's idle limit.
 * With `trickleMs`, the body comes instead a byte every `trickleMs`: never silent for long, and slow to end.
 */
export class StallingServer {
  private requestCount = 0;
  private constructor(private readonly server: Server) {}

  static async start(answer: StalledAnswer, options: { trickleMs?: number } = {}): Promise<StallingServer> {
    let self: StallingServer | undefined;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        self!.requestCount++;
        res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length });
        const { trickleMs } = options;
        if (trickleMs === undefined) {
          res.write(answer.body.subarray(0, answer.body.length / 2));
          return;
        }
        let sent = 0;
        res.flushHeaders();
        const timer = setInterval(() => {
          res.write(answer.body.subarray(sent, ++sent));
          if (sent === answer.body.length) res.end();
        }, trickleMs);
        res.on('close', () => clearInterval(timer));
      });
    });
    self = new StallingServer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return self;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Requests answered so far. */
  get requests(): number {
    return this.requestCount;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
