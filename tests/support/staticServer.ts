import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { contentTypeFor } from '../../lib/shared/contentTypes.js';

export interface StaticServer {
  /** `http://127.0.0.1:PORT/`: the published folder's root. */
  url: string;
  /** Every request path served, in order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves a published folder on 127.0.0.1, on a port the system picks, with the Content-Type the site bucket
 * gives each file (lib/shared/contentTypes.ts) and `index.html` for a folder. It runs in the test process, so
 * the clients that read it must be spawned asynchronously.
 */
export async function serveFolder(root: string): Promise<StaticServer> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1/').pathname);
    requests.push(path);
    const key = path.slice(1) + (path.endsWith('/') ? 'index.html' : '');
    const file = normalize(join(root, key));
    if (!file.startsWith(normalize(root + sep)) || key.startsWith('_broadsheet/')) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, { 'Content-Type': contentTypeFor(key), 'Content-Length': body.length });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      () => response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
