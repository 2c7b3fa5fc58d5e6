import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { contentFolder, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';

// `broadsheet new --tags` with nothing between two commas: the entry is written without it, and the editor told.
const newEntry = async (tags: string) => {
  const dir = await contentFolder({ site: SITE, entries: {} });
  return runMain(['new', '--content', dir, '--url', 'https://example.com/2014/06/pier', '--title', 'Pier', '--source', 'Example', '--tags', tags, '--date', '2014-06-02']);
};

describe('broadsheet new --tags with an empty tag', () => {
  it('leaves it out and says so on stderr', async () => {
    const run = await newEntry('North Korea, ,Trade');
    expect(run.code, run.stderr).toBe(0);
    expect(await readFile(run.stdout.trim(), 'utf8')).toContain('\ntags: [North Korea, Trade]\n');
    expect(run.stderr).toContain('--tags: an empty tag between commas was left out\n');
  });

  it('counts two', async () => {
    expect((await newEntry('Trade,,Rason, ,Port')).stderr).toContain('--tags: 2 empty tags between commas were left out\n');
  });

  it('says nothing when every tag has a name', async () => {
    const run = await newEntry('North Korea,Trade');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('empty tag');
  });
});
