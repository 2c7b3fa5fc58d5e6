import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../../lib/shared/errors.js';
import { LocalStore } from '../../../lib/store/localStore.js';

const dir = mkdtempSync(join(tmpdir(), 'broadsheet-localstore-folders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STORE = new URL('../../../lib/store/localStore.ts', import.meta.url).href;

describe('LocalStore making folders', () => {
  it('makes the missing folders of a deep key', async () => {
    const store = new LocalStore(join(dir, 'made', 'out'));
    await store.put('a/b/c/d.html', 'D', { contentType: 'text/html' });
    expect(await store.putIfAbsent('_broadsheet/publish.lock', 'L', { contentType: 'text/html' })).toBe(true);
    expect(readFileSync(join(dir, 'made', 'out', 'a', 'b', 'c', 'd.html'), 'utf8')).toBe('D');
    expect(readFileSync(join(dir, 'made', 'out', '_broadsheet', 'publish.lock'), 'utf8')).toBe('L');
  });

  // procfs answers ENOENT to a mkdir in /proc, which exists: Node's recursive mkdir retries that for ever, in C++,
  // so the write runs in a child that is killed if it has not answered in time.
  it.runIf(existsSync('/proc/self'))('fails at once, naming the folder, where /proc refuses a new folder', () => {
    const root = join('/proc', `broadsheet-${process.pid}`, 'public');
    const script = `
      const { LocalStore } = await import(${JSON.stringify(STORE)});
      const store = new LocalStore(${JSON.stringify(root)});
      for (const write of [() => store.putIfAbsent('_broadsheet/publish.lock', 'L', { contentType: 'text/html' }), () => store.put('index.html', 'I', { contentType: 'text/html' })]) {
        try { await write(); console.log('written'); } catch (error) { console.log(error.name + ': ' + error.message); }
      }`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 10_000, killSignal: 'SIGKILL' });
    expect(child.signal, 'the write hung').toBeNull();
    const parent = join('/proc', `broadsheet-${process.pid}`);
    const refused = `cannot make the folder ${parent}: its folder /proc does not take new folders (a virtual file system such as /proc or /sys; choose a folder on a disk)`;
    expect(child.stdout.trim().split('\n')).toEqual([
      `StoreError: cannot create ${root}/_broadsheet/publish.lock: ${refused}`,
      `StoreError: cannot write ${root}/index.html: ${refused}`,
    ]);
  }, 30_000);

  it('names a symbolic link to nothing on the way, and where it points', async () => {
    const target = join(dir, 'nowhere');
    symlinkSync(target, join(dir, 'dangling'));
    const store = new LocalStore(join(dir, 'dangling', 'public'));
    const error = await store.put('index.html', 'I', { contentType: 'text/html' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toBe(
      `cannot write ${join(dir, 'dangling', 'public', 'index.html')}: cannot make the folder ${join(dir, 'dangling', 'public')}: its folder ${join(dir, 'dangling')} is a symbolic link to ${target}, which does not exist (make the folder it points to, or remove the link)`,
    );
    expect(existsSync(target)).toBe(false);
  });
});
