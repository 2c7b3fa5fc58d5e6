import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paramProblems } from '../../../scripts/paramChecks.mjs';
import { REPO } from '../../support/cli.js';

describe("the README's deploy section on the params packaging refuses", () => {
  it('names every param scripts/paramChecks.mjs checks, and no other', async () => {
    // The params the check reads: every one it is handed, whatever it makes of it.
    const read = new Set<string>();
    await paramProblems(new Proxy({}, { get: (_, key) => (typeof key === 'string' && read.add(key), undefined) }));
    expect(read.size).toBeGreaterThan(10);

    const yml = await readFile(join(REPO, 'serverless.yml'), 'utf8');
    const params = new Set([...yml.matchAll(/\$\{param:(\w+)\}/g)].map((m) => m[1]!));
    const readme = await readFile(join(REPO, 'README.md'), 'utf8');
    const deploy = readme.slice(readme.indexOf('## Deploy to AWS'), readme.indexOf('<!-- /section:deploy -->')).replace(/\s+/g, ' ');
    const start = deploy.indexOf('Both refuse, before anything is built,');
    expect(start).toBeGreaterThan(0);
    const sentence = deploy.slice(start, deploy.indexOf('(`scripts/paramChecks.mjs`', start));
    const named = [...sentence.matchAll(/`(\w+)`/g)].map((m) => m[1]!).filter((word) => params.has(word));
    expect(new Set(named).size, 'each named once').toBe(named.length);
    expect([...named].sort()).toEqual([...read].sort());
  });
});
