import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor } from '../../../lib/shared/contentTypes.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { PreviewProcess } from '../../support/preview.js';

let dir: string;
let preview: PreviewProcess;

/** One request with the Host header as given (fetch sets its own). */
function requestWithHost(url: string, host: string, method = 'GET', body = '', headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method, headers: { host, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...headers } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode!, body: text }));
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

beforeAll(async () => {
  dir = await contentFolder({
    site: SITE,
    entries: {
      '2014/a.md': entryText(entry({ title: 'Alpha story', url: 'https://news.example.com/a', date: '2014-05-01', tags: ['Trade'] })),
      '2014/later.md': entryText(entry({ title: 'Embargoed story', url: 'https://news.example.com/later', date: '2014-07-01' })),
    },
  });
  preview = await new PreviewProcess(['--content', dir, '--now', '2014-06-01T00:00:00+09:00']).start();
});
/**
 * A second preview of the same content, serving the subscription endpoints from folders of its own, started on first
 * use: the tests of requests from another host or site share it, each comparing the folders before and after its own.
 */
let subscriptions: Promise<{ folders: string; other: PreviewProcess }> | undefined;
function withSubscriptions(): Promise<{ folders: string; other: PreviewProcess }> {
  subscriptions ??= (async () => {
    const folders = await mkdtemp(join(tmpdir(), 'broadsheet-preview-subscriptions-'));
    const other = await new PreviewProcess(['--content', dir, '--now', '2014-06-01T00:00:00+09:00', '--subscribers', join(folders, 'subscribers'), '--outbox', join(folders, 'outbox')]).start();
    return { folders, other };
  })();
  return subscriptions;
}

/** Every file and folder under `dir`, by its path there (a folder's ending in /), sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).map((e) => relative(dir, join(e.parentPath, e.name)) + (e.isDirectory() ? sep : '')).sort();
}

afterAll(async () => {
  await preview?.stop();
  await (await subscriptions)?.other.stop();
});

describe('broadsheet preview', () => {
  it('prints the URLs of the index, the feeds and the digest archive', () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    for (const path of ['', 'rss.xml', 'atom.xml', 'feed.json', 'feeds.opml', 'tags.opml', 'digests/']) expect(preview.stdout).toContain(` ${preview.url}${path}\n`);
  });

  it('serves every file with the Content-Type S3 gets', async () => {
    for (const key of ['index.html', 'rss.xml', 'atom.xml', 'feed.json', 'feed.xsl', 'feeds.opml', 'tags/trade/index.html', 'tags/trade/rss.xml']) {
      const response = await fetch(preview.url + key);
      expect(response.status, key).toBe(200);
      expect(response.headers.get('content-type'), key).toBe(contentTypeFor(key));
    }
  });

  it('serves index.html for a folder, and redirects a folder without its slash', async () => {
    const root = await fetch(preview.url);
    expect(await root.text()).toContain('<h1 dir="auto">Test Watch</h1>');
    const tag = await fetch(`${preview.url}tags/trade`, { redirect: 'manual' });
    expect(tag.status).toBe(301);
    expect(tag.headers.get('location')).toBe('/tags/trade/');
  });

  it('builds as of --now: the embargoed entry is not shown', async () => {
    const html = await (await fetch(preview.url)).text();
    expect(html).toContain('Alpha story');
    expect(html).not.toContain('Embargoed story');
  });

  it('answers 404 for missing files, for paths that leave the build, and for its own state', async () => {
    for (const path of ['nope.html', '..%2F..%2Fetc%2Fpasswd', '%2e%2e/site.yml', '_broadsheet/manifest.json', '_broadsheet', '_broadsheet/']) {
      expect((await fetch(preview.url + path, { redirect: 'manual' })).status, path).toBe(404);
    }
    // The site's own 404.html, as the CDN shows it: in the site's style, for a phone and dark mode alike, with its way back.
    const page = await (await fetch(`${preview.url}entries/2014/gone/`)).text();
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toContain('color-scheme:light dark');
    expect(page).toContain('<h1>Page not found</h1>');
    expect(page).toContain('<a href="/">← <bdi>Test Watch</bdi></a>');
  });

  it('answers its errors uncached and unsniffed, so that a browser shows the page once it builds or exists', async () => {
    for (const [path, method, status] of [['nope.html', 'GET', 404], ['', 'POST', 405], ['', 'DELETE', 405]] as const) {
      const response = await fetch(preview.url + path, { method, redirect: 'manual' });
      expect(response.status, `${method} /${path}`).toBe(status);
      expect([response.headers.get('cache-control'), response.headers.get('x-content-type-options')], `${method} /${path}`).toEqual(['no-store', 'nosniff']);
    }
  });

  it('answers 421 to a Host that is not loopback (DNS rebinding), for pages and the subscription endpoints alike, and changes nothing', async () => {
    const { folders, other } = await withSubscriptions();
    const port = new URL(other.url).port;
    const before = await filesUnder(folders);
    expect((await requestWithHost(other.url, `evil.example:${port}`)).status).toBe(421);
    expect((await requestWithHost(`${other.url}rss.xml`, `127.0.0.1.nip.io:${port}`)).status).toBe(421);
    const posted = await requestWithHost(`${other.url}subscribe`, `evil.example:${port}`, 'POST', 'email=victim%40example.org');
    expect(posted.status).toBe(421);
    expect(await filesUnder(folders)).toEqual(before);
    // The preview's own names still work.
    expect((await requestWithHost(other.url, `127.0.0.1:${port}`)).status).toBe(200);
    expect((await requestWithHost(other.url, `localhost:${port}`)).status).toBe(200);
  });

  it("refuses a form on another site's page posting to the preview's /subscribe (403), and takes its own pages' under either loopback name", async () => {
    const { folders, other } = await withSubscriptions();
    const port = new URL(other.url).port;
    const before = await filesUnder(folders);
    // What a browser sends with a form on https://evil.example submitted to the preview, and an older one without Fetch Metadata.
    const crossSite = await requestWithHost(`${other.url}subscribe`, `127.0.0.1:${port}`, 'POST', 'email=victim%40example.org', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body).toContain('Sent from another site');
    // Another server on this machine is another origin too.
    expect((await requestWithHost(`${other.url}subscribe`, `127.0.0.1:${port}`, 'POST', 'email=victim%40example.org', { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect(await filesUnder(folders)).toEqual(before);
    // The preview opened as localhost: its own form names that origin: one confirmation more in the outbox.
    const own = await requestWithHost(`${other.url}subscribe`, `localhost:${port}`, 'POST', 'email=ada%40example.org', { origin: `http://localhost:${port}` });
    expect(own.status).toBe(200);
    const confirmations = (files: string[]) => files.filter((file) => file.startsWith(join('outbox', 'confirmations') + sep) && !file.endsWith(sep));
    expect(confirmations(await filesUnder(folders))).toHaveLength(confirmations(before).length + 1);
  });

  it('rebuilds on a change; a broken change prints the problem and keeps the last good build served', async () => {
    const file = join(dir, 'entries', '2014', 'a.md');
    const good = await readFile(file, 'utf8');
    expect(good).toMatch(/^date: /m);

    let mark = preview.stdout.length;
    await writeFile(file, good.replace('Alpha story', 'Alpha story, revised'));
    await preview.waitFor(/rebuilt in [\d.]+ s: \d+ files? changed/, 'stdout', 10_000, mark);
    expect(await (await fetch(preview.url)).text()).toContain('Alpha story, revised');

    const errMark = preview.stderr.length;
    // `Title:` in the wrong case: title is missing, and the warning on line 2 (after `---`) says why, as check says it.
    await writeFile(file, good.replace(/^date: .*$/m, 'date: 2014-13-01').replace('title: Alpha story', 'Title: Broken story'));
    await preview.waitFor(/build failed: 2 problems in .*; still serving the last good build/, 'stderr', 10_000, errMark);
    expect(preview.stderr.slice(errMark)).toContain('entries/2014/a.md:');
    expect(preview.stderr.slice(errMark)).toContain('date: 2014-13-01 is not a real date');
    expect(preview.stderr.slice(errMark)).toContain('entries/2014/a.md: title: is missing');
    expect(preview.stderr.slice(errMark)).toContain('warning: entries/2014/a.md:2: Title: is not a known field and is ignored');
    const served = await (await fetch(preview.url)).text();
    expect(served).toContain('Alpha story, revised');
    expect(served).not.toContain('Broken story');

    mark = preview.stdout.length;
    await writeFile(file, good);
    await preview.waitFor(/rebuilt in/, 'stdout', 10_000, mark);
    expect(await (await fetch(preview.url)).text()).toContain('Alpha story</a>');
  });

  it('stops on SIGTERM with status 0', async () => {
    const other = await new PreviewProcess(['--content', dir, '--now', '2014-06-01T00:00:00+09:00']).start();
    expect(await other.stop()).toBe(0);
    expect(other.stdout).toContain('Preview stopped.');
  });

  it('starts even when the content is broken, answers 503 with the problems, and serves once it is fixed', async () => {
    const broken = await contentFolder({ site: SITE, entries: { '2014/x.md': entryText(entry({ date: '2014-02-30' })) } });
    const other = await new PreviewProcess(['--content', broken, '--now', '2014-06-01T00:00:00+09:00']).start();
    try {
      expect(other.stderr).toContain('entries/2014/x.md:');
      expect(other.stderr).toMatch(/nothing to serve until it builds/);
      const response = await fetch(other.url);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('2014-02-30 is not a real date');
      const mark = other.stdout.length;
      await writeFile(join(broken, 'entries', '2014', 'x.md'), entryText(entry({ date: '2014-02-28' })));
      await other.waitFor(/rebuilt in/, 'stdout', 10_000, mark);
      expect((await fetch(other.url)).status).toBe(200);
    } finally {
      await other.stop();
    }
  });

  it('a content folder deleted while serving: keeps the last good build, and rebuilds from the folder made again', async () => {
    const folder = await contentFolder({ site: SITE, entries: { '2014/a.md': entryText(entry({ title: 'Before the wipe', date: '2014-05-01' })) } });
    const copy = await contentFolder({ site: SITE, entries: { '2014/a.md': entryText(entry({ title: 'Restored from the copy', date: '2014-05-01' })) } });
    const other = await new PreviewProcess(['--content', folder, '--now', '2014-06-01T00:00:00+09:00']).start();
    try {
      const errMark = other.stderr.length;
      await rm(folder, { recursive: true });
      await other.waitFor(/site\.yml: file: not found[^\n]*\n[^\n]*build failed: 1 problem in [^\n]*; still serving the last good build/, 'stderr', 10_000, errMark);
      expect(await (await fetch(other.url)).text()).toContain('Before the wipe');

      const mark = other.stdout.length;
      await cp(copy, folder, { recursive: true });
      await other.waitFor(/rebuilt in [\d.]+ s: \d+ files? changed/, 'stdout', 10_000, mark);
      expect(await (await fetch(other.url)).text()).toContain('Restored from the copy');
    } finally {
      await other.stop();
    }
  });

  it('refuses a --content folder that does not exist, saying which, with no stack trace', async () => {
    const { runCli } = await import('../../support/cli.js');
    const missing = join(await mkdtemp(join(tmpdir(), 'broadsheet-preview-missing-')), 'content');
    const run = await runCli(['preview', '--content', missing, '--port', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`preview: --content: ${missing} does not exist (check its name; give --content the folder that holds site.yml and entries/)`);
    expect(run.stderr).not.toContain('unexpected');
  });

  // One run for the wiring; the other values (hexadecimal, an exponent, negative, past 65535, a decimal point) are
  // main's, in tests/unit/cli/main.test.ts.
  it('refuses a --port that is not written in decimal digits (empty, hexadecimal, an exponent, negative, past 65535)', async () => {
    const { runCli } = await import('../../support/cli.js');
    const run = await runCli(['preview', '--content', dir, '--port=']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('preview: --port "" is not a port number (write e.g. --port 8080, or 0 for any free port)');
  });

  it('refuses a port in use with a clear message', async () => {
    const port = new URL(preview.url).port;
    const { runCli } = await import('../../support/cli.js');
    const run = await runCli(['preview', '--content', dir, '--port', port]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is in use (pass --port N, or --port 0 for any free port)`);
  });
});
