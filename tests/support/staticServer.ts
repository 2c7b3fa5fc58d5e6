import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { contentTypeFor } from '../../lib/shared/contentTypes.js';

export interface StaticServer {
  /** `http://127.0.0.1:PORT/`: the published folder's root. */
  url: string;
  /** Every request path served, in order. */
  requests: string[];
  /** Every response, in order: the path and its status (200, 304 or 404). */
  responses: { path: string; status: number }[];
  close(): Promise<void>;
}

/**
 * Serves a published folder on 127.0.0.1, on a port the system picks, with the Content-Type the site bucket
 * gives each file (lib/shared/contentTypes.ts) and `index.html` for a folder. It runs in the test process, so
 * the clients that read it must be spawned asynchronously. As S3 (and CloudFront in front of it) does, each file has
 * an `ETag` (the MD5 of its bytes, quoted) and a `Last-Modified` (its mtime), and a conditional GET is answered
 * `304 Not Modified` (RFC 9110 §13.1.1 and §13.1.3: `If-None-Match` decides when present, else `If-Modified-Since`).
 * `headers` go with every response, as a CDN's viewer-response function adds them; the caller may change the object
 * between requests.
 */
export async function serveFolder(root: string, options: { headers?: Record<string, string> } = {}): Promise<StaticServer> {
  const requests: string[] = [];
  const responses: { path: string; status: number }[] = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1/').pathname);
    requests.push(path);
    const key = path.slice(1) + (path.endsWith('/') ? 'index.html' : '');
    const file = normalize(join(root, key));
    const answer = (status: number, headers: Record<string, string | number> = {}, body?: Buffer | string) => {
      responses.push({ path, status });
      response.writeHead(status, { ...options.headers, ...headers }).end(request.method === 'HEAD' ? undefined : body);
    };
    if (!file.startsWith(normalize(root + sep)) || key.startsWith('_broadsheet/')) {
      answer(404);
      return;
    }
    Promise.all([readFile(file), stat(file)]).then(
      ([body, stats]) => {
        const validators = { ETag: `"${createHash('md5').update(body).digest('hex')}"`, 'Last-Modified': new Date(stats.mtime).toUTCString() };
        if (notModified(request, validators.ETag, stats.mtime)) answer(304, validators);
        else answer(200, { 'Content-Type': contentTypeFor(key), 'Content-Length': body.length, ...validators }, body);
      },
      () => answer(404, { 'Content-Type': 'text/plain' }, 'not found\n'),
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
    responses,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** RFC 9110 §13.2.2: If-None-Match (weak comparison, `*` for any) decides when sent; else If-Modified-Since, to the second. */
function notModified(request: IncomingMessage, etag: string, mtime: Date): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const tags = ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(etag);
  }
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since;
}
