import { cp, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliRun, REPO } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';

// publish and check in process (cli/main.ts) on fixture folders, writing to temporary folders:
// tests/e2e/cli/publishLocal.test.ts runs the real CLI on them.

const temporary: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-unit-'));
  temporary.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

const TRICKY = join(REPO, 'tests/fixtures/tricky');
const NOW = '2014-06-01T00:00:00Z';

async function publishTo(out: string, content = TRICKY, extra: string[] = []) {
  return runMain(['publish', '--content', content, '--out', out, '--now', NOW, ...extra]);
}

describe('broadsheet publish on a fixture folder', () => {
  it('publishes a save of the same size and mtime as the version the last publish read (a coarse file system\'s tick), then converges', async () => {
    const content = await tempDir();
    await cp(TRICKY, content, { recursive: true });
    const out = await tempDir();
    const file = join(content, 'entries/2014/headings.md');
    // Stamped ahead of the clock the first publish reads it at (a file server's clock ahead of this one), by less than
    // RACY_AHEAD_MS (lib/store/isRacy.ts): racy however slowly the CLI starts on a loaded machine.
    const stamp = new Date(Date.now() + 30_000);
    await utimes(file, stamp, stamp);
    expect((await publishTo(out, content)).code).toBe(0);
    expect(await readFile(join(out, 'feed.json'), 'utf8')).toContain('A heading that skips levels');
    const text = await readFile(file, 'utf8');
    // In place (same inode), the same size, the mtime put back: a version no different from the one published.
    await writeFile(file, text.replace('title: A heading that skips levels', 'title: A heading that skips LEVELS'));
    await utimes(file, stamp, stamp);
    const second = await publishTo(out, content);
    expect(second.stdout).toMatch(/^changed\s+.*\s+feed\.json$/m);
    expect(await readFile(join(out, 'feed.json'), 'utf8')).toContain('A heading that skips LEVELS');
    const third = await publishTo(out, content);
    expect(third.stdout.trim().split('\n').at(-1)).toMatch(/: 0 new, 0 changed, \d+ unchanged, 0 deleted;/);
  });
});

describe('broadsheet check and publish on broken content', () => {
  /** One entry with one tag, published once into an empty folder: the output the deletion test's must equal too. */
  const ENTRY_A = entryText(entry({ title: 'A', url: 'https://news.example.com/a', tags: ['trade'] }));
  let oneEntry: Promise<{ content: string; out: string; run: CliRun }> | undefined;
  function publishedOneEntry(): Promise<{ content: string; out: string; run: CliRun }> {
    oneEntry ??= (async () => {
      const content = await contentFolder({ entries: { '2014/a.md': ENTRY_A } });
      temporary.push(content);
      const out = await tempDir();
      return { content, out, run: await publishTo(out, content) };
    })();
    return oneEntry;
  }

  it('check and publish count one entry and one tag in the singular', async () => {
    const { content, run } = await publishedOneEntry();
    const check = await runMain(['check', '--content', content]);
    expect(check.stdout).toMatch(/^1 entry checked in .*: no problems$/m);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/; 1 of 1 entries, 1 tag; in \d+\.\d\d s$/m);
  });

  it('leaves no empty folder where a deleted entry had its page: the output is a publish from scratch, folders too', async () => {
    const entries = { '2014/a.md': ENTRY_A, '2014/b.md': entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-04-02' })) };
    const content = await contentFolder({ entries });
    temporary.push(content);
    const out = await tempDir();
    expect((await publishTo(out, content)).code).toBe(0);
    expect(await folders(out)).toContain('entries/2014/b');
    await rm(join(content, 'entries/2014/b.md'));
    expect((await publishTo(out, content)).code).toBe(0);
    // What a publish of a.md alone from scratch writes.
    const { out: fresh, run } = await publishedOneEntry();
    expect(run.code).toBe(0);
    expect(await folders(out)).toEqual(await folders(fresh));
    expect(await folders(out)).not.toContain('entries/2014/b');
  });

  it('check reports a bad site.yml', async () => {
    const run = await runMain(['check', '--content', join(REPO, 'tests/fixtures/broken-site')]);
    expect(run.code).toBe(1);
    // A missing field has no line; the others are at theirs in tests/fixtures/broken-site/site.yml (url 2, timezone 4).
    expect(run.stderr).toMatch(/^site\.yml: description: is missing \(.+\)$/m);
    expect(run.stderr).toMatch(/^site\.yml:2: url: "http:\/\/insecure\.example\.org\/" is not an absolute https URL \(.+\)$/m);
    expect(run.stderr).toMatch(/^site\.yml:4: timezone: "Mars\/Olympus_Mons" is not an IANA time zone \(.+\)$/m);
  });
});

/** Every folder under `root`, empty ones included, as sorted `/`-separated paths; the run records aside. */
async function folders(root: string): Promise<string[]> {
  const found = await readdir(root, { recursive: true, withFileTypes: true });
  return found.filter((entry) => entry.isDirectory()).map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/')).filter((path) => !path.startsWith('_broadsheet/runs')).sort();
}
