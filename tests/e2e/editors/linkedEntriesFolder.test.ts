import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { PreviewProcess } from '../../support/preview.js';

/**
 * A content folder whose entries/ is a symbolic link to a folder outside it (README, "Every file is accounted for":
 * links are never followed, since one may point outside the content). check, publish and preview refuse it, and
 * nothing from the folder it leads to reaches any output.
 */
const MARKER = 'Outside-the-content-7f3a';
let root: string;
let dir: string;
let outside: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'broadsheet-linked-entries-'));
  outside = await contentFolder({ site: SITE, entries: { '2014/private.md': entryText(entry({ title: MARKER, url: 'https://news.example.com/private' }), `${MARKER} body.\n`) } });
  dir = join(root, 'content');
  await mkdir(dir);
  await writeFile(join(dir, 'site.yml'), dump(SITE));
  await symlink(join(outside, 'entries'), join(dir, 'entries'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const REFUSAL = /^entries\/: file: is a symbolic link in .*, which is not followed \(it may lead outside the content\); publishing would leave the site with no entry \(make entries\/ a folder holding the entry files themselves \(cp -RL\)\)$/m;

describe('entries/ as a symbolic link', () => {
  it('check refuses it in one line, exit 1', async () => {
    const run = await runCli(['check', '--content', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(REFUSAL);
    expect(run.stderr).not.toContain(MARKER);
  });

  it('publish refuses it and writes nothing', async () => {
    const out = join(root, 'public');
    const run = await runCli(['publish', '--content', dir, '--out', out, '--now', '2014-06-01T00:00:00Z']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(REFUSAL);
    expect(await readdir(out).catch(() => [])).toEqual([]);
  });

  it('preview serves none of it and prints the same refusal', async () => {
    const preview = await new PreviewProcess(['--content', dir, '--now', '2014-06-01T00:00:00Z', '--subscribers', join(root, 'subscribers'), '--outbox', join(root, 'outbox')]).start();
    try {
      await preview.waitFor(REFUSAL, 'stderr');
      const response = await fetch(preview.url);
      expect(response.status).toBe(503);
      expect(await response.text()).not.toContain(MARKER);
    } finally {
      await preview.stop();
    }
  });
});
