import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../../lib/publish/manifest.js';
import { changedFeedUrls, pingCounts, pingHub, pingHubs } from '../../../lib/publish/websub.js';
import { TestHub } from '../../support/hub.js';

// Pinging a hub that answers, and a publish that pings one: tests/e2e/readers/websub.test.ts.

describe('changedFeedUrls', () => {
  it('keeps only new or changed feeds, in every format, as public URLs', () => {
    const changes: Change[] = [
      { key: 'rss.xml', status: 'changed', size: 1 },
      { key: 'atom.xml', status: 'unchanged', size: 1 },
      { key: 'tags/trade/feed.json', status: 'new', size: 1 },
      { key: 'tags/old/rss.xml', status: 'deleted', size: 1 },
      { key: 'index.html', status: 'changed', size: 1 },
      { key: 'feed.xsl', status: 'new', size: 1 },
    ];
    expect(changedFeedUrls('https://watch.example.org/', changes)).toEqual(['https://watch.example.org/rss.xml', 'https://watch.example.org/tags/trade/feed.json']);
  });
});

describe('pingHubs: the pings an earlier publish left pending', () => {
  it('count this publish as a try of each the hub may have seen, and apart, as unsent, one refused or never attempted', async () => {
    const feeds = ['https://watch.example.org/rss.xml', 'https://watch.example.org/atom.xml'];
    const tries = { [feeds[0]!]: 2 };
    const unsent = { [feeds[0]!]: 4 };
    // A hub that answers: its refusal was seen, a try.
    const answering = await new TestHub().start();
    answering.respond = () => 400;
    try {
      const rejected = await pingHubs({ hub: answering.url, feeds, tries, unsent }, { attempts: 1 });
      expect(rejected.map((ping) => [ping.outcome, ping.tries, ping.unsent])).toEqual([['rejected', 3, 4], ['rejected', undefined, undefined]]);
    } finally {
      await answering.close();
    }
    // A port nothing listens on: the attempt is made, and refused.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const hub = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise((resolve) => closed.close(resolve));
    const attempted = await pingHubs({ hub, feeds, tries, unsent }, { attempts: 1 });
    expect(attempted.map((ping) => [ping.outcome, ping.tries, ping.unsent])).toEqual([['refused', 2, 5], ['refused', undefined, undefined]]);
    const stopped = new AbortController();
    stopped.abort('stopped by Ctrl-C');
    const skipped = await pingHubs({ hub, feeds, tries }, { attempts: 1, signal: stopped.signal });
    expect(skipped.map((ping) => [ping.outcome, ping.tries, ping.unsent])).toEqual([['not-attempted', 2, 1], ['not-attempted', undefined, undefined]]);
  });
});

describe('pingHub: a hub that takes the connection and never answers', () => {
  const feeds = ['', 'tags/a/', 'tags/b/', 'tags/c/', 'tags/d/'].map((dir) => `https://watch.example.org/${dir}rss.xml`);
  const noWait = async () => undefined;
  let hub: TestHub;
  beforeEach(async () => {
    hub = await new TestHub().start();
    hub.respond = () => 'hang';
  });
  afterEach(() => hub.close());

  it('is taken as down after hubDownAfter unanswered attempts in a row: the other feeds are not attempted', async () => {
    // One at a time, so the order is fixed: the first feed's two attempts time out, and nothing more is sent.
    const results = await pingHub(feeds, { hub: hub.url, sleep: noWait, concurrency: 1, attempts: 3, timeoutMs: 100, hubDownAfter: 2 });
    // Nothing about the other feeds reached the hub (a loaded machine may not have sent an attempt within 100 ms).
    expect(hub.pinged().filter((url) => url !== feeds[0])).toEqual([]);
    expect(results[0]).toMatchObject({ ok: false, outcome: 'maybe-delivered', attempts: 2, error: 'no answer within 100 ms' });
    for (const result of results.slice(1)) {
      expect(result).toMatchObject({ ok: false, outcome: 'not-attempted', attempts: 0 });
      expect(result.error).toBe('not attempted: 2 requests in a row got no answer (timed out or refused): the hub is taken as down for the rest of this run');
    }
    expect(pingCounts(results)).toEqual({ delivered: 0, rejected: 0, 'maybe-delivered': 1, refused: 0, 'not-attempted': 4 });
  });

  it('keeps every attempt within the run’s budget, and starts none once it is spent', async () => {
    const started = performance.now();
    // The per-attempt timeout (5 s) is longer than the whole budget: the budget cuts the first attempt short.
    const results = await pingHub(feeds, { hub: hub.url, sleep: noWait, concurrency: 1, timeoutMs: 5_000, budgetMs: 300, hubDownAfter: 99 });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(hub.pinged().filter((url) => url !== feeds[0])).toEqual([]);
    expect(results[0]).toMatchObject({ outcome: 'maybe-delivered', attempts: 1 });
    expect(Number(/^no answer within (\d+) ms$/.exec(results[0]!.error ?? '')?.[1])).toBeLessThanOrEqual(300);
    for (const result of results.slice(1)) expect(result).toMatchObject({ outcome: 'not-attempted', attempts: 0, error: 'not attempted: the time for pings ran out (at most 0.3 s)' });
  });

  it('keeps within the caller’s time left (a Lambda’s) when that is shorter than the budget', async () => {
    const started = performance.now();
    // 300 ms left from the first look, however late a loaded machine runs it.
    let deadline: number | undefined;
    const remainingMs = () => (deadline ??= performance.now() + 300) - performance.now();
    const results = await pingHub(feeds, { hub: hub.url, sleep: noWait, concurrency: 1, timeoutMs: 5_000, hubDownAfter: 99, remainingMs });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(results.map((result) => result.outcome)).toEqual(['maybe-delivered', 'not-attempted', 'not-attempted', 'not-attempted', 'not-attempted']);
    expect(results[1]!.error).toBe('not attempted: the time for pings ran out (at most 60 s, and the time the run had left)');
  });
});

describe('pingCounts', () => {
  it('tells a hub that answered an error from one that was never reached', async () => {
    const hub = await new TestHub().start();
    hub.respond = () => 400;
    const [rejected] = await pingHub(['https://watch.example.org/rss.xml'], { hub: hub.url });
    const url = hub.url;
    await hub.close();
    const [refused] = await pingHub(['https://watch.example.org/rss.xml'], { hub: url, attempts: 1 });
    expect(rejected).toMatchObject({ outcome: 'rejected', status: 400 });
    expect(refused).toMatchObject({ outcome: 'refused' });
    expect(refused!.error).toMatch(/ECONNREFUSED/);
    expect(pingCounts([rejected!, refused!])).toEqual({ delivered: 0, rejected: 1, 'maybe-delivered': 0, refused: 1, 'not-attempted': 0 });
  });
});

describe('pingHub: a hub whose connection ends without an answer', () => {
  it('counts a ping whose request the hub read whole before the connection was destroyed as maybe delivered, not refused', async () => {
    // A bare TCP server: it reads the whole request (headers and the Content-Length body), then destroys the socket.
    const seen: string[] = [];
    const server = createServer((socket) => {
      let request = '';
      socket.on('data', (chunk: Buffer) => {
        request += chunk.toString('latin1');
        const end = request.indexOf('\r\n\r\n');
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(request)?.[1] ?? NaN);
        if (end < 0 || request.length < end + 4 + length) return;
        seen.push(request.slice(end + 4));
        socket.destroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const [result] = await pingHub(['https://watch.example.org/rss.xml'], { hub: `http://127.0.0.1:${port}/hub`, attempts: 1 });
      expect(seen).toEqual([new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': 'https://watch.example.org/rss.xml' }).toString()]);
      expect(result).toMatchObject({ ok: false, outcome: 'maybe-delivered', attempts: 1 });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

const FEED = 'https://watch.example.org/rss.xml';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('pingHub: a hub that never takes the connection', () => {
  it('counts an attempt whose connection was never made in time as refused, not maybe delivered', async () => {
    // A listener that never accepts, its queue (backlog 0: one connection on Linux) filled by its own connects: the
    // kernel drops every further SYN, so the ping's connection stays SYN-SENT. Node accepts every connection itself.
    const listener = spawn('python3', ['-c', [
      'import socket, sys, time',
      's = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(0)',
      'fill = [socket.socket() for _ in range(4)]',
      '[c.setblocking(False) or c.connect_ex(s.getsockname()) for c in fill]',
      'print(s.getsockname()[1], flush=True); time.sleep(60)',
    ].join('\n')], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = (await once(listener.stdout, 'data')) as [Buffer];
      const [result] = await pingHub([FEED], { hub: `http://127.0.0.1:${Number(line.toString())}/hub`, attempts: 1, timeoutMs: 300 });
      expect(result).toMatchObject({ ok: false, outcome: 'refused', attempts: 1, error: 'no connection was made within 300 ms' });
    } finally {
      listener.kill();
    }
  });

  it('counts a hub whose TLS certificate is not accepted as refused, saying so', async () => {
    // smtp-server's built-in certificate, self-signed (and expired): whichever check fails first, it is not accepted.
    const { default: tlsOptions } = (await import('smtp-server/lib/tls-options.js' as string)) as { default: () => { key: Buffer; cert: Buffer } };
    const requests: string[] = [];
    const server = createHttpsServer(tlsOptions(), (req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(204).end();
    });
    const host = await listen(server);
    try {
      const [result] = await pingHub([FEED], { hub: `https://${host}/hub`, attempts: 1 });
      expect(requests).toEqual([]);
      expect(result).toMatchObject({ ok: false, outcome: 'refused', attempts: 1 });
      expect(result!.error).toMatch(/^its TLS certificate was not accepted \([A-Z_]+: /);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('pingHub: a hub that answers a redirect', () => {
  it('reports each feed rejected with the URL to write in websub:, and does not take the hub as down', async () => {
    let requests = 0;
    const server = createHttpServer((req, res) => {
      requests++;
      req.resume();
      req.on('end', () => res.writeHead(301, { location: '/websub' }).end());
    });
    const host = await listen(server);
    try {
      const feeds = ['a', 'b', 'c', 'd'].map((tag) => `https://watch.example.org/tags/${tag}/rss.xml`);
      const results = await pingHub(feeds, { hub: `http://${host}/hub`, concurrency: 1, hubDownAfter: 2 });
      // A redirect is an answer, and not one a retry changes: one request per feed.
      expect(requests).toBe(4);
      for (const result of results) {
        expect(result).toMatchObject({ ok: false, outcome: 'rejected', attempts: 1, status: 301, error: `the hub redirected to http://${host}/websub (HTTP 301); write that URL in site.yml's websub:` });
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('pingHub: an attempt that may have reached the hub, then one that did not', () => {
  it('stays maybe delivered when a later attempt is answered with an error', async () => {
    const hub = await new TestHub().start();
    // The first request is read whole and never answered; the retry is answered 503.
    hub.respond = (_request, index) => (index === 0 ? 'hang' : 503);
    try {
      const [result] = await pingHub([FEED], { hub: hub.url, attempts: 2, timeoutMs: 300, backoffMs: 1 });
      expect(hub.requests).toHaveLength(2);
      expect(result).toMatchObject({ ok: false, outcome: 'maybe-delivered', attempts: 2, status: 503, error: 'attempt 1: no answer within 300 ms; then the hub answered HTTP 503' });
    } finally {
      await hub.close();
    }
  });
});
