import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statusCommand } from '../../../cli/commands/status.js';
import type { CliIo } from '../../../cli/io.js';
import type { IdChange } from '../../../lib/plan/idChanges.js';
import type { PublishWritten } from '../../../lib/publish/publish.js';
import { publishedRunRecord, type RunStart } from '../../../lib/publish/publishRunRecord.js';
import { writeRunRecord } from '../../../lib/publish/writeRunRecord.js';
import { LocalStore } from '../../../lib/store/localStore.js';

// status reads the records a publish with --allow-id-change wrote: the latest run's id changes are warned of under
// it, in trigger --wait's words; an older run's are not, and --quiet prints none.
const requests = { content: { list: 1, get: 2, put: 0, delete: 0 }, output: { list: 1, get: 1, put: 3, delete: 0 } };
const written = (idChanges: IdChange[]): PublishWritten => ({ changes: [], counts: { new: 1, changed: 0, unchanged: 4, deleted: 1 }, skipped: [], warnings: [], requests, idChanges });
const renamed = (n: number): IdChange => ({ url: `https://news.example.org/2014/s${n}`, oldKey: `entries/2014/s${n}.md`, oldId: `2014/s${n}`, newKey: `entries/2014/s${n}-renamed.md`, newId: `2014/s${n}-renamed` });
const start = (id: string, startedAt: string): RunStart => ({ id, kind: 'publish', trigger: 'cli', startedAt, endedAt: startedAt.replace(':00.000Z', ':02.000Z') });

async function status(flags: string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  const io: CliIo = { stdout: (line) => out.push(line), stderr: () => undefined, env: {}, cwd, isTty: false };
  expect(await statusCommand.run(flags, io)).toBe(0);
  return out;
}

describe('status: the latest run\'s id changes', () => {
  it('warns of each under the latest run, as trigger --wait does, with the rest counted; an older run\'s are left to --json', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'broadsheet-status-ids-'));
    const output = new LocalStore(join(cwd, 'public'));
    // 51 renamed entries: the record keeps the first 50.
    const latest = Array.from({ length: 51 }, (_, n) => renamed(n));
    await writeRunRecord(output, publishedRunRecord(start('run-old', '2014-06-01T00:00:00.000Z'), written([{ ...renamed(99), newKey: 'entries/2014/older.md', newId: '2014/older' }])));
    await writeRunRecord(output, publishedRunRecord(start('run-new', '2014-06-02T00:00:00.000Z'), written(latest)));

    const out = await status([], cwd);
    const latestLine = out.findIndex((line) => line.includes('(run run-new)'));
    const olderLine = out.findIndex((line) => line.includes('(run run-old)'));
    expect(latestLine).toBe(0);
    const under = out.slice(latestLine + 1, olderLine);
    expect(under).toHaveLength(51);
    expect(under[0]).toBe('    warning: entries/2014/s0-renamed.md: id: was "2014/s0" (entries/2014/s0.md), now "2014/s0-renamed": readers show it again as new (--allow-id-change)');
    expect(under[49]).toBe('    warning: entries/2014/s49-renamed.md: id: was "2014/s49" (entries/2014/s49.md), now "2014/s49-renamed": readers show it again as new (--allow-id-change)');
    expect(under[50]).toBe("    warning: ... and 1 more id change, not listed (run run-new's record keeps the first 50 of 51)");
    // The older run's change is history: its line alone, then the summary.
    expect(out.slice(olderLine + 1, -1)).toEqual([]);
    expect(out.join('\n')).not.toContain('older.md');

    expect((await status(['--quiet'], cwd)).join('\n')).not.toContain('id change');
  });

  it('a latest run with no id change, or one recorded before records kept them, prints its line alone', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'broadsheet-status-ids-'));
    const output = new LocalStore(join(cwd, 'public'));
    await writeRunRecord(output, publishedRunRecord(start('run-none', '2014-06-01T00:00:00.000Z'), written([])));
    const { idChanges: _changes, idChangesTotal: _total, ...older } = publishedRunRecord(start('run-before', '2014-06-02T00:00:00.000Z'), written([renamed(1)]));
    await writeRunRecord(output, older);
    expect(await status([], cwd)).toHaveLength(3);
  });
});
