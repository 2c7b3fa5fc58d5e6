import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISOLATED_E2E } from '../isolatedE2e.js';

// What leaks from one file to the next when they share a module graph: a stubbed SDK class, faked timers, a
// changed process.env or global. A file doing one of these, or importing a helper of tests/e2e that does, must run
// in the e2e-isolated project (vitest.config.ts).
const LEAKS = /vi\.mock\(|vi\.stubEnv|vi\.stubGlobal|useFakeTimers|process\.chdir|process\.env(\.[A-Za-z_]+|\[[^\]]+\]) *=[^=]|delete process\.env|Object\.assign\(process\.env|globalThis\.[A-Za-z]+ *=[^=]/;
// aws-sdk-client-mock stubs the `send` of the client it is given: of a class, on its prototype, which every later
// file's clients share; of an instance, on that instance alone. A mock of anything but a client the file makes
// itself (`name = new SomethingClient(`) counts as a class's.
function mocksAClientClass(text: string): boolean {
  return [...text.matchAll(/mockClient\(\s*([^)]*?)\s*\)/g)].some(([, argument]) => !/^[a-z][\w$]*$/.test(argument!) || !new RegExp(`\\b${argument} = new [A-Z][\\w$]*Client\\(`).test(text));
}
const ROOT = resolve(import.meta.dirname, '../..');
const E2E = join(ROOT, 'tests/e2e');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => (item.isDirectory() ? filesUnder(join(dir, item.name)) : item.name.endsWith('.ts') ? [join(dir, item.name)] : []));
}

/** The file leaks, or imports a module of tests/e2e/ that does. */
function leaks(file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  if (LEAKS.test(text) || mocksAClientClass(text)) return true;
  const local = [...text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)].map((match) => resolve(dirname(file), `${match[1]}.ts`));
  return local.some((module) => module.startsWith(E2E) && leaks(module, seen));
}

describe('the e2e files that share a module graph', () => {
  const tests = filesUnder(E2E).filter((file) => file.endsWith('.test.ts'));

  it('leave nothing behind for the next: every file that stubs, fakes or sets process.env runs isolated', () => {
    const needing = tests.filter((file) => leaks(file)).map((file) => relative(ROOT, file)).sort();
    expect(needing.filter((file) => !ISOLATED_E2E.includes(file))).toEqual([]);
  });

  it('name only files that exist', () => {
    const known = new Set(tests.map((file) => relative(ROOT, file)));
    expect(ISOLATED_E2E.filter((file) => !known.has(file))).toEqual([]);
  });
});
