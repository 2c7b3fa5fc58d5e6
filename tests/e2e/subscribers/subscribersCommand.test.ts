import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { tempDir } from '../digest/support.js';

describe('broadsheet subscribers', () => {
  it('imports, adds with tags, lists, exports, suppresses and forgets', async () => {
    const cwd = await tempDir('subscribers-cli');
    const cli = (...args: string[]) => runCli(['subscribers', ...args, '--now', '2014-05-12T09:00:00Z'], { cwd });
    await writeFile(join(cwd, 'subscribers.txt'), '# the old list\nada@example.org\nGrace Hopper <grace@example.org>\nnot-an-address\n');
    const imported = await cli('import', 'subscribers.txt');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('imported 2, already subscribed 0, refused (unsubscribed or suppressed) 0, invalid 1');
    expect(imported.stderr).toContain('not-an-address');

    expect((await cli('add', 'Linus@Example.org', '--tags', 'trade,markets')).stdout).toContain('added linus@example.org (tags: trade, markets)');
    const listed = JSON.parse((await cli('list', '--json')).stdout) as { address: string; status: string; tags: string[]; consent: { method: string } }[];
    expect(listed.map((s) => [s.address, s.status, s.tags.join(','), s.consent.method])).toEqual([
      ['ada@example.org', 'confirmed', '', 'imported'],
      ['grace@example.org', 'confirmed', '', 'imported'],
      ['linus@example.org', 'confirmed', 'trade,markets', 'added'],
    ]);

    expect((await cli('suppress', 'grace@example.org')).code).toBe(0);
    expect((await cli('export')).stdout.trim().split('\n')).toEqual(['ada@example.org', 'linus@example.org']);
    expect((await cli('forget', 'grace@example.org')).stdout).toContain('forgot grace@example.org');
    const after = await cli('list');
    expect(after.stdout).not.toContain('grace');
    expect(after.stdout).toMatch(/^suppressed +\(forgotten [0-9a-f]{12}\)/m);
    expect((await cli('import', 'subscribers.txt')).stdout).toContain('refused (unsubscribed or suppressed) 1');

    const bad = await cli('add', 'two@example.org, three@example.org');
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
