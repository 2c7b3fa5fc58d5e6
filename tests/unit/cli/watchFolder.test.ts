import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchFolder, type FolderWatch } from '../../../cli/watchFolder.js';

let watching: FolderWatch | undefined;
afterEach(() => watching?.close());

/** Resolves once `calls()` has grown past `from`, or fails after a few seconds. */
async function calledAfter(calls: () => number, from: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (calls() <= from) {
    if (Date.now() > deadline) throw new Error('no change was reported');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits long enough for any event in flight to arrive, then returns the count. */
async function settled(calls: () => number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 200));
  return calls();
}

describe('watchFolder', () => {
  const content = () => {
    const parent = mkdtempSync(join(tmpdir(), 'broadsheet-watch-'));
    const path = join(parent, 'content');
    mkdirSync(join(path, 'entries'), { recursive: true });
    return path;
  };

  it('goes on reporting changes once the folder is deleted and made again under the same name', async () => {
    const path = content();
    let calls = 0;
    watching = watchFolder(path, () => calls++);
    rmSync(path, { recursive: true });
    await calledAfter(() => calls, 0);
    mkdirSync(join(path, 'entries'), { recursive: true });
    const before = await settled(() => calls);
    writeFileSync(join(path, 'entries', 'b.md'), 'B');
    await calledAfter(() => calls, before);
  });

  it('goes on reporting changes to an entry saved by writing a copy and renaming it over the file, as vim or sed -i save', async () => {
    const path = content();
    mkdirSync(join(path, 'entries', '2014'));
    const file = join(path, 'entries', '2014', 'a.md');
    writeFileSync(file, 'A');
    let calls = 0;
    watching = watchFolder(path, () => calls++);
    for (const text of ['B', 'C', 'D']) {
      const before = await settled(() => calls);
      writeFileSync(`${file}.tmp`, text);
      renameSync(`${file}.tmp`, file);
      await calledAfter(() => calls, before);
    }
    const before = await settled(() => calls);
    writeFileSync(file, 'E');
    await calledAfter(() => calls, before);
  });

  it('follows the name, not the folder: another folder renamed into its place is the one watched', async () => {
    const path = content();
    const other = content();
    let calls = 0;
    watching = watchFolder(path, () => calls++);
    renameSync(path, `${path}-old`);
    renameSync(other, path);
    const before = await settled(() => calls);
    writeFileSync(join(path, 'entries', 'c.md'), 'C');
    await calledAfter(() => calls, before);
  });
});
