import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleCli } from '../../../scripts/bundleCli.mjs';
import { checkDist } from '../../../scripts/checkDist.mjs';
import { temporaryFolders } from '../../support/temporaryFolders.js';

// `npm run build` keeps tsc's incremental state and the CLI bundle only while what they were made from is unchanged
// (scripts/checkDist.mjs, scripts/bundleCli.mjs, scripts/buildRecord.mjs): run here on a small dist/ of their own, as
// tsc would leave it, with a dependency in node_modules.
const folders = temporaryFolders();
let root: string;
const at = (path: string) => join(root, path);
const write = (path: string, text: string) => {
  mkdirSync(join(at(path), '..'), { recursive: true });
  writeFileSync(at(path), text);
};
const bundle = async () => {
  await bundleCli(root);
  return readFileSync(at('dist/bundle/run.js'), 'utf8');
};
// The bundle's entry is given a time long past: a bundle written again has the time of its writing.
const LONG_AGO = new Date('2001-01-01T00:00:00Z');
const mark = () => utimesSync(at('dist/bundle/run.js'), LONG_AGO, LONG_AGO);
const kept = () => statSync(at('dist/bundle/run.js')).mtimeMs === LONG_AGO.getTime();
/** scripts/checkDist.mjs on dist/ as it is: whether tsc's incremental state was kept. */
const stateKept = () => {
  writeFileSync(at('dist/.tsbuildinfo'), '{}');
  checkDist(root);
  return existsSync(at('dist/.tsbuildinfo'));
};

beforeAll(async () => {
  root = await folders.make('broadsheet-build-');
  write('dist/cli/run.js', "import { word } from './word.js';\nimport { shout } from 'shout';\nconsole.log(shout(word));\n//# sourceMappingURL=run.js.map\n");
  write('dist/cli/run.js.map', JSON.stringify({ version: 3, sources: ['../../cli/run.ts'], names: [], mappings: ';;AAAA' }));
  write('dist/cli/word.js', "export const word = 'first';\n");
  write('node_modules/shout/package.json', JSON.stringify({ name: 'shout', type: 'module', main: 'index.js' }));
  write('node_modules/shout/index.js', 'export const shout = (text) => text.toUpperCase();\n');
});

describe('the CLI bundle', () => {
  it('is kept while its inputs, their maps and its own files are as the last build left them, and made again when one changes', async () => {
    expect(await bundle()).toContain('"first"');
    mark();
    await bundle();
    expect(kept()).toBe(true);

    const changes: [string, () => void, (text: string) => boolean][] = [
      ['a compiled file', () => write('dist/cli/word.js', "export const word = 'second';\n"), (text) => text.includes('"second"')],
      ['a dependency', () => write('node_modules/shout/index.js', 'export const shout = (text) => `${text}!`;\n'), (text) => text.includes('`${text}!`')],
      ['the map of a compiled file', () => write('dist/cli/run.js.map', JSON.stringify({ version: 3, sources: ['../../cli/main.ts'], names: [], mappings: ';;AAAA' })), () => readFileSync(at('dist/bundle/run.js.map'), 'utf8').includes('cli/main.ts')],
      ['a file of the bundle', () => appendFileSync(at('dist/bundle/run.js'), '// edited\n'), (text) => !text.includes('// edited')],
    ];
    for (const [what, change, madeFromIt] of changes) {
      change();
      const text = await bundle();
      expect([kept(), madeFromIt(text)], what).toEqual([false, true]);
      mark();
      await bundle();
      expect(kept(), `${what}, then nothing`).toBe(true);
    }
  });
});

describe('tsc’s incremental state', () => {
  it('is kept while dist/ is as the last build left it, and dropped when a file there was edited, added or deleted', async () => {
    await bundle();
    expect(stateKept()).toBe(true);
    const changes: [string, () => void][] = [
      ['edited', () => appendFileSync(at('dist/cli/word.js'), '// edited\n')],
      ['added', () => write('dist/cli/other.js', 'export {};\n')],
      ['deleted', () => rmSync(at('dist/cli/other.js'))],
    ];
    for (const [what, change] of changes) {
      change();
      expect(stateKept(), what).toBe(false);
      // The build that follows records dist/ again.
      await bundle();
    }
    expect(stateKept()).toBe(true);
  });
});
