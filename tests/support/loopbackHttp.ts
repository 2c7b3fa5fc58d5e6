import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP server on 127.0.0.1, on a port it picks: its endpoint, and a close that drops the connections left open. */
export async function serveLoopback(handle: RequestListener): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** An endpoint that accepts each connection and request and never answers: the requests it kept, in order. */
export async function serveUnanswered(): Promise<{ endpoint: string; requests: IncomingMessage[]; close: () => Promise<void> }> {
  const requests: IncomingMessage[] = [];
  const server = await serveLoopback((request) => {
    requests.push(request); // keeps the request, never answers
  });
  return { ...server, requests };
}
