import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { statusCommand } from '../../../cli/commands/status.js';
import type { CliIo } from '../../../cli/io.js';
import { noteGoneTags } from '../../../lib/delivery/goneTagNotes.js';
import { goneTagWarnings } from '../../../lib/delivery/goneTagWarnings.js';
import { LEDGER_PREFIX } from '../../../lib/digest/ledgerRecords.js';
import { formatProblem } from '../../../lib/shared/errors.js';
import { LocalStore } from '../../../lib/store/localStore.js';

describe('status and the gone tags of a fanned-out send', () => {
  it('warns of the tags subscribers chose that the site no longer has, as the newest week\'s batches found them, counted over the shards', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'broadsheet-status-gone-'));
    const output = new LocalStore(join(cwd, 'public'));
    const at = DateTime.fromISO('2014-05-26T00:00:00Z');
    for (const week of ['2014-W20', '2014-W21']) await output.put(`${LEDGER_PREFIX}${week}/model-0123456789abcdef.json`, '{}', { contentType: 'application/json' });
    // W20's batches found oil; W21's found oil in two shards and coal in one (oil was renamed since W20's send, coal since W21's).
    await noteGoneTags(output, '2014-W20', '0a', { oil: 4 }, at);
    await noteGoneTags(output, '2014-W21', '0a', { oil: 2 }, at);
    await noteGoneTags(output, '2014-W21', 'f3', { oil: 1, coal: 1 }, at);
    // A batch that found none writes nothing.
    await noteGoneTags(output, '2014-W21', '7c', {}, at);

    const out: string[] = [];
    const io: CliIo = { stdout: (line) => out.push(line), stderr: () => undefined, env: {}, cwd, isTty: false };
    expect(await statusCommand.run([], io)).toBe(0);
    const expected = goneTagWarnings({ coal: 1, oil: 3 }).map((problem) => `WARNING: week 2014-W21's batches: ${formatProblem(problem)}`);
    expect(out.filter((line) => line.startsWith('WARNING: '))).toEqual(expected);
    expect(expected[1]).toContain('3 subscribers chose the tag oil');

    const json: string[] = [];
    expect(await statusCommand.run(['--json'], { ...io, stdout: (line) => json.push(line) })).toBe(0);
    expect(JSON.parse(json.join('\n')).goneTags).toEqual({ week: '2014-W21', warningLines: goneTagWarnings({ coal: 1, oil: 3 }).map(formatProblem) });
  });
});
