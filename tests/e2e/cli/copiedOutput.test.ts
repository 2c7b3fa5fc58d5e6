import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { temporaryFolders } from '../../support/temporaryFolders.js';

// The real CLI publishing into an output copied with `cp -a`: every file read as changed by someone else and was
// written again. The cases are tests/unit/cli/copiedOutput.test.ts.
const folders = temporaryFolders();
const NOW = '2014-06-01T00:00:00Z';

describe('publish into a folder copied with cp -a', () => {
  it('writes none of the files the copy holds as published, and warns of none', async () => {
    const content = folders.keep(await contentFolder({ entries: { '2014/a.md': entryText(entry()) } }));
    const original = await folders.make('broadsheet-e2e-copied-');
    expect((await runCli(['publish', '--content', content, '--out', original, '--now', NOW, '--quiet'])).code).toBe(0);
    const copy = join(await folders.make('broadsheet-e2e-copied-'), 'site');
    await promisify(execFile)('cp', ['-a', original, copy]);
    const run = await runCli(['publish', '--content', content, '--out', copy, '--now', NOW]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('by someone else');
    expect(run.stdout).toMatch(/: 0 new, 0 changed, \d+ unchanged, 0 deleted;/);
  });
});
