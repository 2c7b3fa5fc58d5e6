import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { folderIdentity } from '../../lib/codeIdentity.js';

const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A package folder: its lock file and a code folder holding `files`. */
async function packageWith(files: Record<string, string>, lock = '{"lockfileVersion":3}'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-identity-'));
  temporary.push(dir);
  await writeFile(join(dir, 'package-lock.json'), lock);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, 'lib', name, '..'), { recursive: true });
    await writeFile(join(dir, 'lib', name), text);
  }
  return join(dir, 'lib');
}

describe('folderIdentity', () => {
  it('is the same for the same scripts and lock file', async () => {
    const a = await packageWith({ 'a.js': 'export const a = 1;\n', 'feeds/b.js': 'export const b = 2;\n' });
    const b = await packageWith({ 'a.js': 'export const a = 1;\n', 'feeds/b.js': 'export const b = 2;\n' });
    expect(folderIdentity(a)).toBe(folderIdentity(b));
  });

  it('changes with any script below the folder: its bytes, its name, one more', async () => {
    const base = folderIdentity(await packageWith({ 'a.js': 'export const a = 1;\n', 'feeds/b.js': 'export const b = 2;\n' }));
    expect(folderIdentity(await packageWith({ 'a.js': 'export const a = 1;\n', 'feeds/b.js': 'export const b = 3;\n' }))).not.toBe(base);
    expect(folderIdentity(await packageWith({ 'a.js': 'export const a = 1;\n', 'pages/b.js': 'export const b = 2;\n' }))).not.toBe(base);
    expect(folderIdentity(await packageWith({ 'a.js': 'export const a = 1;\n', 'feeds/b.js': 'export const b = 2;\n', 'c.ts': 'export {};\n' }))).not.toBe(base);
  });

  it('changes with the lock file, which pins the libraries that render', async () => {
    const files = { 'a.js': 'export const a = 1;\n' };
    expect(folderIdentity(await packageWith(files, '{"markdown-it":"15.0.3"}'))).not.toBe(folderIdentity(await packageWith(files, '{"markdown-it":"15.1.0"}')));
  });

  it('ignores type declarations, which no code runs', async () => {
    const files = { 'a.js': 'export const a = 1;\n' };
    expect(folderIdentity(await packageWith({ ...files, 'a.d.ts': 'export declare const a: number;\n' }))).toBe(folderIdentity(await packageWith(files)));
  });
});
