import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { type CliRun, REPO, runCli } from './cli.js';

/** A site published by the real CLI, shared: its output is read, never written. */
export interface PublishedOnce {
  /** The output folder. */
  out: string;
  /** The CLI run that wrote it. */
  run: CliRun;
}

const inProcess = new Map<string, Promise<PublishedOnce>>();

/**
 * `publish --content CONTENT --out OUT --now NOW --quiet`, run once per test run for the same content and `now`: the
 * files that only read a fixture's output (the browser's crawl, the link checker, the Nu checker) share one publish of
 * it. A publish of the same content at the same `now` is byte-identical (README), so what a file reads is what its own
 * publish would have written. The output lives in the run's temporary folder (BROADSHEET_TEST_TMPDIR, which
 * vitest.config.ts makes and removes); files in other workers find it there by a hash of the content's files and the
 * arguments. Outside a test run, each call publishes anew. A failed run is returned and not kept.
 */
export function publishedOnce(content: string, now: string): Promise<PublishedOnce> {
  const folder = resolve(REPO, content);
  const args = (out: string) => ['publish', '--content', folder, '--out', out, '--now', now, '--quiet'];
  const runDir = process.env.BROADSHEET_TEST_TMPDIR;
  if (runDir === undefined) {
    return mkdtemp(join(tmpdir(), 'broadsheet-published-')).then(async (dir) => ({ out: join(dir, 'public'), run: await runCli(args(join(dir, 'public'))) }));
  }
  return (async () => {
    const key = await contentKey(folder, now);
    const known = inProcess.get(key);
    if (known) return known;
    const publishing = publishShared(join(runDir, 'published-once'), key, args);
    inProcess.set(key, publishing);
    return publishing;
  })();
}

async function publishShared(root: string, key: string, args: (out: string) => string[]): Promise<PublishedOnce> {
  const dir = join(root, key);
  const found = await readFile(join(dir, 'run.json'), 'utf8').catch(() => undefined);
  if (found !== undefined) return { out: join(dir, 'public'), run: JSON.parse(found) as CliRun };
  await mkdir(root, { recursive: true });
  // Written aside and renamed into place in one step: another worker sees the whole output or none of it.
  const aside = join(root, `${key}.${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(aside);
  const run = await runCli(args(join(aside, 'public')));
  if (run.code !== 0) {
    await rm(aside, { recursive: true, force: true });
    return { out: join(aside, 'public'), run };
  }
  await writeFile(join(aside, 'run.json'), JSON.stringify(run));
  try {
    await rename(aside, dir);
  } catch {
    // Another worker's copy came first: the same bytes.
    await rm(aside, { recursive: true, force: true });
  }
  return { out: join(dir, 'public'), run: JSON.parse(await readFile(join(dir, 'run.json'), 'utf8')) as CliRun };
}

/** A hash of every file of the content folder (its path and bytes) and `now`. */
async function contentKey(folder: string, now: string): Promise<string> {
  const hash = createHash('sha256').update(`${now}\0`);
  const files = (await readdir(folder, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name)).sort();
  for (const file of files) hash.update(`${relative(folder, file)}\0`).update(await readFile(file)).update('\0');
  return hash.digest('hex').slice(0, 32);
}
