import * as fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleCli } from '../../../scripts/bundleCli.mjs';
import { temporaryFolders } from '../../support/temporaryFolders.js';

// The reads themselves are what is checked: node:fs's own readFileSync, counted where every importer of node:fs sees
// it (syncBuiltinESMExports), as a module mock would not reach a bundleCli.mjs another test file of this worker loaded.
const builtinFs = createRequire(import.meta.url)('node:fs') as typeof fs;
const realReadFileSync = builtinFs.readFileSync;
const readPaths: string[] = [];
function countReads(): void {
  builtinFs.readFileSync = ((path: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    readPaths.push(String(path));
    return (realReadFileSync as (...args: unknown[]) => unknown)(path, ...rest);
  }) as typeof fs.readFileSync;
  syncBuiltinESMExports();
}
afterEach(() => {
  builtinFs.readFileSync = realReadFileSync;
  syncBuiltinESMExports();
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
    countReads();
    await bundleCli(root);
    const dependencyReads = readPaths.filter((path) => path === join(root, 'node_modules/shout/index.js'));
    expect(fs.statSync(join(root, 'dist/bundle/run.js')).mtimeMs, 'the bundle kept').toBe(longAgo.getTime());
    expect(dependencyReads).toHaveLength(1);
  });
});
