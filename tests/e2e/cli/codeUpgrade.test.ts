import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../../support/cli.js';
import { linkedCopy } from '../../support/linkedCopy.js';
import { hashTree } from '../../support/tree.js';

// A site published by older code, then by this code, is what this code publishes from scratch: no page, feed or
// digest the older code made is kept because its inputs did not change (lib/codeIdentity.ts). The older code is a
// copy of this build (the bundle bin/broadsheet.js runs) with two renderers changed, as an upgrade would change them.
const CONTENT = join(REPO, 'tests/fixtures/tricky');
const NOW = '2014-06-01T00:00:00Z';
const OLD_BODY = '<p>rendered by older code</p>';
const OLD_KICKER = 'Weekly digest, older code';

let root: string;
let oldBin: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'broadsheet-upgrade-'));
  const old = join(root, 'old');
  for (const name of ['dist', 'bin', 'package.json', 'package-lock.json']) await cp(join(REPO, name), join(old, name), { recursive: true });
  await symlink(join(REPO, 'node_modules'), join(old, 'node_modules'));
  await patch(join(old, 'dist/bundle'), 'return { html, firstParagraph:', `return { html: html + '${OLD_BODY}', firstParagraph:`);
  await patch(join(old, 'dist/bundle'), '<p class="kicker"', `<p>${OLD_KICKER}</p><p class="kicker"`);
  oldBin = join(old, 'bin/broadsheet.js');
}, 60_000);
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** Replaces `from`, which one script of the bundle holds once, by `to`. */
async function patch(bundle: string, from: string, to: string): Promise<void> {
  const scripts = (await readdir(bundle)).filter((name) => name.endsWith('.js')).map((name) => join(bundle, name));
  const holding: { file: string; text: string }[] = [];
  for (const file of scripts) {
    const text = await readFile(file, 'utf8');
    if (text.includes(from)) holding.push({ file, text });
  }
  expect(holding.map(({ file }) => file), `one script holds ${from}`).toHaveLength(1);
  const [{ file, text }] = holding as [{ file: string; text: string }];
  expect(text.split(from).length - 1, `${file} holds ${from} once`).toBe(1);
  await writeFile(file, text.replace(from, to));
}

const publishWith = async (bin: string, out: string) => {
  const { stdout } = await promisify(execFile)(process.execPath, [bin, 'publish', '--content', CONTENT, '--out', out, '--now', NOW, '--quiet'], { cwd: REPO });
  return stdout;
};

/**
 * The fixture published by the older code, and by this code, each once into an empty folder; a test gets a copy of
 * either (linkedCopy: hard links, which a publish replaces but never writes into).
 */
let byOldCode: Promise<string> | undefined;
let byThisCode: Promise<string> | undefined;
const publishedOnce = async (name: string, publishTo: (out: string) => Promise<void>) => {
  const out = join(root, name);
  await publishTo(out);
  return out;
};
async function copyOf(published: Promise<string>, name: string): Promise<string> {
  const out = join(root, name);
  await mkdir(out);
  await linkedCopy(await published, out);
  return out;
}
const publishedByOldCode = (name: string) => copyOf((byOldCode ??= publishedOnce('by-old-code', async (out) => expect(await publishWith(oldBin, out)).toContain('Published'))), name);
const publishedByThisCode = (name: string) => copyOf((byThisCode ??= publishedOnce('by-this-code', async (out) => expect((await runCli(['publish', '--content', CONTENT, '--out', out, '--now', NOW])).code).toBe(0))), name);

const outputOf = async (dir: string) => Object.fromEntries(Object.entries(await hashTree(dir)).filter(([key]) => !key.startsWith('_broadsheet/')));

describe('a publish after an upgrade of the code', () => {
  it('writes what a publish from scratch writes, though no content changed', async () => {
    const upgraded = await publishedByOldCode('upgraded');
    // The older code's pages are there to be replaced.
    expect(await readFile(join(upgraded, 'entries/2014/tables/index.html'), 'utf8')).toContain(OLD_BODY);
    expect(await readFile(join(upgraded, 'rss.xml'), 'utf8')).toContain('rendered by older code');
    expect(await readFile(join(upgraded, 'digests/2014-W19.html'), 'utf8')).toContain(OLD_KICKER);

    const run = await runCli(['publish', '--content', CONTENT, '--out', upgraded, '--now', NOW]);
    expect(run.code, run.stderr).toBe(0);
    const fresh = await publishedByThisCode('fresh');
    expect(await outputOf(upgraded)).toEqual(await outputOf(fresh));
    expect(run.stdout).toMatch(/^changed .* entries\/2014\/tables\/index\.html$/m);
    expect(run.stdout).toMatch(/^changed .* digests\/2014-W19\.html$/m);
  }, 60_000);

  it('refuses, after the upgrade, to publish a renamed file under a new id: the older code’s index still says what was published', async () => {
    const content = join(root, 'renamed-content');
    await cp(CONTENT, content, { recursive: true });
    // The older code published the fixture itself, not this copy: the index records paths within the content folder.
    const out = await publishedByOldCode('renamed');
    await rename(join(content, 'entries/2014/tables.md'), join(content, 'entries/2014/tables-renamed.md'));
    const before = await hashTree(out);
    const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('entries/2014/tables-renamed.md: id: its url was published from entries/2014/tables.md with the id "2014/tables"; under the id "2014/tables-renamed" every reader would show it again as a new item');
    expect(await hashTree(out)).toEqual(before);
  }, 60_000);

  it('publishes nothing again when the same code runs twice', async () => {
    const out = await publishedByThisCode('twice');
    const again = await runCli(['publish', '--content', CONTENT, '--out', out, '--now', NOW]);
    expect(again.stdout).toMatch(/: 0 new, 0 changed, \d+ unchanged, 0 deleted;/);
  }, 60_000);
});
