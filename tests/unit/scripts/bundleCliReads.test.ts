import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { bundleCli } from '../../../scripts/bundleCli.mjs';
import { temporaryFolders } from '../../support/temporaryFolders.js';

// The reads themselves are what is checked: node:fs as it is, its readFileSync counted.
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  return { ...real, readFileSync: vi.fn(real.readFileSync) };
});

const folders = temporaryFolders();

describe('the CLI bundle, kept', () => {
  // A dependency: a file of dist/ is read besides by the record of dist/ (distFiles).
  it('reads each of its inputs once to judge it unchanged', async () => {
    const root = await folders.make('broadsheet-bundle-reads-');
    const write = (path: string, text: string) => {
      fs.mkdirSync(join(root, path, '..'), { recursive: true });
      fs.writeFileSync(join(root, path), text);
    };
    write('dist/cli/run.js', "import { shout } from 'shout';\nconsole.log(shout('first'));\n");
    write('node_modules/shout/package.json', JSON.stringify({ name: 'shout', type: 'module', main: 'index.js' }));
    write('node_modules/shout/index.js', 'export const shout = (text) => text.toUpperCase();\n');
    await bundleCli(root);
    // Its entry given a time long past: a bundle written again has the time of its writing.
    const longAgo = new Date('2001-01-01T00:00:00Z');
    fs.utimesSync(join(root, 'dist/bundle/run.js'), longAgo, longAgo);
    const reads = vi.mocked(fs.readFileSync);
    reads.mockClear();
    await bundleCli(root);
    const dependencyReads = reads.mock.calls.filter(([path]) => String(path) === join(root, 'node_modules/shout/index.js'));
    expect(fs.statSync(join(root, 'dist/bundle/run.js')).mtimeMs, 'the bundle kept').toBe(longAgo.getTime());
    expect(dependencyReads).toHaveLength(1);
  });
});
