import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { mailboxFor } from './smtpMailbox.js';
import { findAll, parseXml } from './xml.js';

// Debian's feed readers, run as a reader would run them against feeds served on loopback. They are external
// processes and the HTTP server they read lives in the test process, so they are always spawned asynchronously,
// each with a timeout. .ci/run installs them (newsboat, sfeed, rss2email, rsstail).

/** Each program the real-client tests run, and the Debian package it comes from. */
export const CLIENT_PROGRAMS: Record<string, string> = {
  newsboat: 'newsboat',
  sfeed: 'sfeed',
  sfeed_opml_import: 'sfeed',
  r2e: 'rss2email',
  rsstail: 'rsstail',
};
/** Debian's interpreter, whose standard library has sqlite3, to read newsboat's cache. */
const PYTHON = '/usr/bin/python3';
const READ_NEWSBOAT_CACHE = fileURLToPath(new URL('./read_newsboat_cache.py', import.meta.url));
const TIMEOUT_MS = 30_000;

/** The programs of CLIENT_PROGRAMS (and Debian's python3) that are not installed, as "program (Debian package)". */
export async function missingClients(): Promise<string[]> {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const found = async (file: string) => access(file, constants.X_OK).then(() => true, () => false);
  const missing: string[] = [];
  for (const [program, pkg] of Object.entries(CLIENT_PROGRAMS)) {
    let present = false;
    for (const dir of dirs) if (!present && (await found(join(dir, program)))) present = true;
    if (!present) missing.push(`${program} (Debian's ${pkg})`);
  }
  if (!(await found(PYTHON))) missing.push(`${PYTHON} (Debian's python3)`);
  return missing;
}

export interface ProgramRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program in a reader's environment: HOME and the XDG folders in `home` (so no real configuration is read
 * or written), a UTF-8 locale, and no proxy for loopback. Killed after TIMEOUT_MS.
 */
export function runProgram(command: string, args: string[], options: { home: string; input?: string | Buffer; cwd?: string }): Promise<ProgramRun> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: options.home,
    XDG_CONFIG_HOME: join(options.home, '.config'),
    XDG_DATA_HOME: join(options.home, '.local/share'),
    XDG_CACHE_HOME: join(options.home, '.cache'),
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    no_proxy: '127.0.0.1,localhost',
    NO_PROXY: '127.0.0.1,localhost',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? options.home, env, timeout: TIMEOUT_MS, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.on('error', () => undefined); // a program that exits without reading its input
    child.stdin.end(options.input ?? '');
  });
}

async function runOk(command: string, args: string[], options: { home: string; input?: string | Buffer; cwd?: string }): Promise<ProgramRun> {
  const run = await runProgram(command, args, options);
  if (run.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${run.code ?? run.signal}:\n${run.stderr || run.stdout}`);
  }
  return run;
}

/** One entry as a client shows it. */
export interface ReadEntry {
  title: string;
  link: string;
  /** Milliseconds since the epoch. */
  date: number;
  /** The id (RSS guid, Atom id), for the clients that show it. */
  id?: string;
}

async function fetchBytes(url: string): Promise<Buffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

// --- newsboat ---------------------------------------------------------------------------------------------------

/**
 * newsboat's view of one feed: `newsboat -x reload` with a urls file and a cache file of its own, then its SQLite
 * cache read back. One cache per feed: newsboat keeps one item per guid, so a second feed with the same entries
 * (rss.xml and atom.xml) would find them already there. With `keep`, `workRoot` is newsboat's home itself, so its cache
 * lasts from one read to the next, as a subscriber's does.
 */
export async function readWithNewsboat(feedUrl: string, workRoot: string, options: { keep?: boolean } = {}): Promise<{ feedTitle: string; entries: ReadEntry[] }> {
  const [read] = await readEachWithNewsboat([{ feedUrl, workRoot }], options);
  return read!;
}

/**
 * readWithNewsboat for each feed, a newsboat and a cache of its own each, their caches read back by one run of the
 * reading script, in the order given.
 */
export async function readEachWithNewsboat(feeds: readonly { feedUrl: string; workRoot: string }[], options: { keep?: boolean } = {}): Promise<{ feedTitle: string; entries: ReadEntry[] }[]> {
  const reloads = await Promise.all(
    feeds.map(async ({ feedUrl, workRoot }) => {
      const home = options.keep ? workRoot : await mkdtemp(join(workRoot, 'newsboat-'));
      await writeFile(join(home, 'urls'), `${feedUrl}\n`);
      await writeFile(join(home, 'config'), '');
      const cache = join(home, 'cache.db');
      const reload = await runOk('newsboat', ['-u', join(home, 'urls'), '-c', cache, '-C', join(home, 'config'), '-x', 'reload'], { home });
      return { feedUrl, home, cache, reload };
    }),
  );
  if (reloads.length === 0) return [];
  const read = await runOk(PYTHON, [READ_NEWSBOAT_CACHE, ...reloads.map(({ cache }) => cache)], { home: reloads[0]!.home });
  const caches = JSON.parse(read.stdout) as { feeds: { rssurl: string; title: string }[]; items: { feedurl: string; guid: string; title: string; url: string; pubDate: number }[] }[];
  return reloads.map(({ feedUrl, reload }, index) => {
    const data = caches[index]!;
    const feed = data.feeds.find((candidate) => candidate.rssurl === feedUrl);
    if (!feed) throw new Error(`newsboat kept no feed ${feedUrl}:\n${reload.stderr || reload.stdout}`);
    return {
      feedTitle: feed.title,
      entries: data.items.filter((item) => item.feedurl === feedUrl).map((item) => ({ title: item.title, link: item.url, date: item.pubDate * 1000, id: item.guid })),
    };
  });
}

/** The feed URLs newsboat subscribes to from an OPML file it fetches itself (`urls-source "opml"`), as `newsboat -e` exports them. */
export async function newsboatOpmlFeeds(opmlUrl: string, workRoot: string): Promise<string[]> {
  const home = await mkdtemp(join(workRoot, 'newsboat-opml-'));
  await writeFile(join(home, 'config'), `urls-source "opml"\nopml-url "${opmlUrl}"\n`);
  const run = await runOk('newsboat', ['-C', join(home, 'config'), '-c', join(home, 'cache.db'), '-e'], { home });
  return findAll(parseXml(run.stdout), 'outline').map((outline) => outline.attributes.xmlUrl ?? '');
}

// --- sfeed ------------------------------------------------------------------------------------------------------

/** sfeed's TSV for a feed fetched over HTTP (sfeed reads stdin): UNIX time, title, link, content, type, id, author, enclosure, categories. */
export async function readWithSfeed(feedUrl: string, workRoot: string): Promise<ReadEntry[]> {
  const home = await mkdtemp(join(workRoot, 'sfeed-'));
  const run = await runOk('sfeed', [], { home, input: await fetchBytes(feedUrl) });
  return run.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [timestamp, title, link, , , id] = line.split('\t');
      return { title: title ?? '', link: link ?? '', date: Number(timestamp) * 1000, id: id ?? '' };
    });
}

/** The feeds of an OPML file as sfeed_opml_import writes them into an sfeedrc: `feed 'name' 'url'`. */
export async function sfeedOpmlFeeds(opmlUrl: string, workRoot: string): Promise<{ name: string; url: string }[]> {
  const home = await mkdtemp(join(workRoot, 'sfeed-opml-'));
  const run = await runOk('sfeed_opml_import', [], { home, input: await fetchBytes(opmlUrl) });
  // Shell single quotes; a quote inside is written '\''.
  const quoted = String.raw`'((?:[^']|'\\'')*)'`;
  const line = new RegExp(String.raw`^\s*feed ${quoted} ${quoted}`, 'gm');
  const unquote = (text: string) => text.replaceAll(String.raw`'\''`, "'");
  return [...run.stdout.matchAll(line)].map((match) => ({ name: unquote(match[1]!), url: unquote(match[2]!) }));
}

// --- rsstail ----------------------------------------------------------------------------------------------------

/**
 * `rsstail -1 -u URL -l -p -n 100`: one pass over the feed, each item as `Title:`, `Link:` and `Pub.date:` lines;
 * with `descriptions`, `-d` adds each item's `Description:` line (RSS <description>, Atom <summary>), which rsstail
 * prints as the feed holds it, HTML and references undecoded.
 * rsstail shows no ids. For Atom, libmrss rewrites the date as RFC 822 from its digits alone: the weekday it writes
 * is always "Sun" (it never works it out) and the offset is always +0000 (it drops the feed's), so only the
 * day, time and, for our UTC dates, the instant are meaningful; the weekday is dropped before parsing.
 */
export async function readWithRsstail(feedUrl: string, workRoot: string, options: { descriptions?: boolean } = {}): Promise<(ReadEntry & { description?: string })[]> {
  const home = await mkdtemp(join(workRoot, 'rsstail-'));
  const run = await runOk('rsstail', ['-1', '-u', feedUrl, '-l', '-p', ...(options.descriptions ? ['-d'] : []), '-n', '100'], { home });
  const entries: (ReadEntry & { description?: string })[] = [];
  for (const line of run.stdout.split('\n')) {
    if (line.startsWith('Title: ')) entries.push({ title: line.slice('Title: '.length), link: '', date: Number.NaN });
    const current = entries.at(-1);
    if (!current) continue;
    if (line.startsWith('Link: ')) current.link = line.slice('Link: '.length);
    if (options.descriptions && line.startsWith('Description: ')) current.description = line.slice('Description: '.length);
    if (line.startsWith('Pub.date: ')) current.date = Date.parse(line.slice('Pub.date: '.length).replace(/^[A-Za-z]{3}, /, ''));
  }
  return entries;
}

// --- rss2email --------------------------------------------------------------------------------------------------

export interface Delivered {
  to: string[];
  subject: string;
  /** The Date header: rss2email writes the entry's date there with date-header = True. */
  date: number;
  headers: { feed: string; id: string; url: string; inReplyTo: string };
}

/**
 * rss2email (`r2e`) with its own configuration and data file, delivering by SMTP to `smtp` (the test SMTP server
 * of tests/setup/smtp.ts, which keeps each message as a JSON file in its mailbox folder).
 */
export class Rss2Email {
  private constructor(
    private readonly home: string,
    readonly to: string,
  ) {}

  /** `options` are more r2e.cfg lines (`reply-changes = True`). */
  static async create(workRoot: string, smtpUrl: string, to: string, options: string[] = []): Promise<Rss2Email> {
    const home = await mkdtemp(join(workRoot, 'r2e-'));
    const r2e = new Rss2Email(home, to);
    await r2e.r2e('new', to);
    const smtp = new URL(smtpUrl);
    // `r2e new` writes every default; this file replaces them with what the test needs, the defaults apply to the rest.
    await writeFile(
      join(home, 'r2e.cfg'),
      [
        '[DEFAULT]',
        `to = ${to}`,
        'from = r2e@readers.example.org',
        'email-protocol = smtp',
        `smtp-server = ${smtp.hostname}`,
        `smtp-port = ${smtp.port}`,
        'smtp-ssl = False',
        'smtp-auth = False',
        // The Date header is the entry's publication date (feedparser's `issued` is the RSS pubDate, the Atom published).
        'date-header = True',
        'date-header-order = issued',
        // Identity by guid/id (the default), so an edited entry is not new.
        'trust-guid = True',
        'trust-link = False',
        ...options,
        '',
      ].join('\n'),
    );
    return r2e;
  }

  /** Runs r2e with this instance's files; any ERROR it logs fails (r2e exits 0 when it could not send). */
  async r2e(...args: string[]): Promise<ProgramRun> {
    return this.run(args);
  }

  /** `r2e opmlimport`, the OPML file on standard input. */
  async opmlImport(opml: Buffer): Promise<void> {
    await this.run(['opmlimport'], opml);
  }

  private async run(args: string[], input?: Buffer): Promise<ProgramRun> {
    const run = await runOk('r2e', ['-c', join(this.home, 'r2e.cfg'), '-d', join(this.home, 'r2e.json'), ...args], { home: this.home, ...(input ? { input } : {}) });
    if (/\[(ERROR|CRITICAL)\]/.test(run.stderr)) throw new Error(`r2e ${args.join(' ')} logged an error:\n${run.stderr}`);
    return run;
  }

  /** `r2e list`: each feed's URL. */
  async feedUrls(): Promise<string[]> {
    const run = await this.r2e('list');
    return [...run.stdout.matchAll(/^\d+: \[[* ]\] \S+ \((\S+) -> /gm)].map((match) => match[1]!);
  }
}

/** The messages the test SMTP server kept for `to`, parsed. */
export async function deliveredTo(mailbox: string, to: string): Promise<Delivered[]> {
  const delivered: Delivered[] = [];
  for (const data of await mailboxFor(mailbox, [to])) {
    const message = await simpleParser(data.raw);
    const header = (name: string) => {
      const value = message.headers.get(name);
      return typeof value === 'string' ? value : '';
    };
    delivered.push({
      to: data.to,
      subject: message.subject ?? '',
      date: message.date?.getTime() ?? Number.NaN,
      headers: { feed: header('x-rss-feed'), id: header('x-rss-id'), url: header('x-rss-url'), inReplyTo: header('in-reply-to') },
    });
  }
  return delivered;
}
