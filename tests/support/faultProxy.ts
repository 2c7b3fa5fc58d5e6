import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the proxy does with one request: pass it on, or fail it (an `Answer` is sent as given, e.g. SES's 503).
 * `headersOnly` passes it on and sends the answer's status and headers, never its body: a client that reads the
 * body waits until its timeout, one that decides from the headers alone (Content-Length) goes on at once.
 * `lostAnswer` passes it on and, once the server has answered, resets the connection instead: a write that took
 * effect though its client never learns it ("maybe delivered"). `stallMidBody` passes it on and sends the answer's
 * headers and the first half of its body, then nothing more: a server or network that stalls mid-transfer.
 * `trickleBody` passes it on and sends the answer's headers, then its body one byte every TRICKLE_MS: never silent for
 * long enough to trip an idle limit, and a body of a few KB takes minutes.
 */
export type Fault = 'pass' | 'error500' | 'reset' | 'hang' | 'headersOnly' | 'lostAnswer' | 'stallMidBody' | 'trickleBody' | Answer;

/** How often `trickleBody` sends the next byte. */
export const TRICKLE_MS = 100;

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** SES v2's answer while it is unavailable. */
export const SES_UNAVAILABLE: Answer = { status: 503, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'ServiceUnavailable' }, body: '{"message":"Service Unavailable"}' };

export interface SeenRequest {
  method: string;
  /** The path with the query, e.g. `/bucket/rss.xml` or `/bucket/?list-type=2&prefix=...`. */
  url: string;
  fault: Fault;
}

/**
 * A small HTTP proxy on 127.0.0.1 in front of s3rver that injects the faults S3 and networks produce:
 * a 500 InternalError, a connection reset (the socket destroyed without an answer) and a hang (no
 * answer, until the client times out). `decide` picks the fault for each request; `seen` records them.
 */
export class FaultProxy {
  readonly seen: SeenRequest[] = [];
  decide: (request: { method: string; url: string; index: number; headers: IncomingMessage['headers'] }) => Fault = () => 'pass';
  /**
   * Answer a PUT with `If-None-Match: *` as S3 does (s3rver ignores the header and overwrites): 412
   * PreconditionFailed when the key exists, else pass it on; one such PUT per key at a time, so the check and the
   * write are atomic as in S3.
   */
  honourIfNoneMatch = false;
  private readonly conditional = new Map<string, Promise<void>>();
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  private constructor(private readonly target: URL) {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(target: string): Promise<FaultProxy> {
    const proxy = new FaultProxy(new URL(target));
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Requests seen with this method whose path (without the query) ends with `suffix`. */
  count(method: string, suffix = ''): number {
    return this.seen.filter((r) => r.method === method && r.url.split('?')[0]!.endsWith(suffix)).length;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** S3's create-only PUT: a HEAD of the key first; the PUT goes on only if there is none. */
  private async createOnly(url: string, req: IncomingMessage, res: ServerResponse, body: Buffer, fault: Fault): Promise<void> {
    const exists = await new Promise<boolean>((resolve) => {
      const head = httpRequest({ host: this.target.hostname, port: this.target.port, method: 'HEAD', path: url.split('?')[0] }, (answer) => {
        answer.resume();
        resolve(answer.statusCode === 200);
      });
      head.on('error', () => resolve(false));
      head.end();
    });
    if (exists) {
      const answer =
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message><Condition>If-None-Match</Condition></Error>';
      res.writeHead(412, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
      return;
    }
    await new Promise<void>((resolve) => {
      const upstream = httpRequest({ host: this.target.hostname, port: this.target.port, method: 'PUT', path: url, headers: req.headers }, (answer) => {
        if (fault === 'lostAnswer') {
          answer.resume();
          answer.on('end', () => {
            req.socket.resetAndDestroy();
            resolve();
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', resolve);
      });
      upstream.on('error', () => {
        res.destroy();
        resolve();
      });
      upstream.end(body);
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const fault = this.decide({ method, url, index: this.seen.length, headers: req.headers });
    this.seen.push({ method, url, fault });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (fault === 'reset') {
        req.socket.resetAndDestroy();
        return;
      }
      if (fault === 'hang') return; // the client's request timeout ends it
      if (typeof fault === 'object') {
        res.writeHead(fault.status, { 'content-length': Buffer.byteLength(fault.body), ...fault.headers });
        res.end(fault.body);
        return;
      }
      if (this.honourIfNoneMatch && method === 'PUT' && req.headers['if-none-match'] === '*') {
        const key = url.split('?')[0]!;
        const previous = this.conditional.get(key) ?? Promise.resolve();
        const turn = previous.then(() => this.createOnly(url, req, res, Buffer.concat(chunks), fault));
        this.conditional.set(key, turn);
        return;
      }
      if (fault === 'error500') {
        const body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>';
        res.writeHead(500, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
        res.end(body);
        return;
      }
      const upstream = httpRequest(
        { host: this.target.hostname, port: this.target.port, method, path: url, headers: req.headers },
        (answer) => {
          if (fault === 'lostAnswer') {
            answer.resume();
            answer.on('end', () => req.socket.resetAndDestroy());
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          if (fault === 'headersOnly') {
            res.flushHeaders();
            answer.destroy();
            return;
          }
          if (fault === 'stallMidBody') {
            const body: Buffer[] = [];
            answer.on('data', (chunk: Buffer) => body.push(chunk));
            answer.on('end', () => {
              const whole = Buffer.concat(body);
              res.write(whole.subarray(0, Math.floor(whole.length / 2)));
            });
            return;
          }
          if (fault === 'trickleBody') {
            const body: Buffer[] = [];
            answer.on('data', (chunk: Buffer) => body.push(chunk));
            answer.on('end', () => {
              const whole = Buffer.concat(body);
              let sent = 0;
              const timer = setInterval(() => {
                if (sent < whole.length) res.write(whole.subarray(sent, ++sent));
                if (sent === whole.length) res.end();
              }, TRICKLE_MS);
              res.on('close', () => clearInterval(timer));
            });
            return;
          }
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  }
}
