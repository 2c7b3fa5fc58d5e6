import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface HubRequest {
  contentType: string | undefined;
  params: Record<string, string>;
}

/** A WebSub hub on 127.0.0.1 that records publish notifications; `respond` decides each answer. */
export class TestHub {
  readonly requests: HubRequest[] = [];
  respond: (request: HubRequest, index: number) => number | 'hang' = () => 204;
  url = '';
  private server: Server | undefined;

  /** `port`: a given one (a hub back up where it was down); default, one the system picks. */
  async start(port = 0): Promise<this> {
    this.server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const request = { contentType: req.headers['content-type'], params: Object.fromEntries(new URLSearchParams(body)) };
        this.requests.push(request);
        const status = this.respond(request, this.requests.length - 1);
        if (status !== 'hang') res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hub`;
    return this;
  }

  /** The feed URLs the hub was told about, sorted. */
  pinged(): string[] {
    return this.requests.map((request) => request.params['hub.url']!).sort();
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
