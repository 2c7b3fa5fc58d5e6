import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentFolder, entry, entryText } from '../../support/content.js';

const BIN = fileURLToPath(new URL('../../../bin/broadsheet.js', import.meta.url));

describe('a reader that closes the pipe early (broadsheet … | head -1)', () => {
  it('ends the command quietly: no EPIPE stack trace', async () => {
    // A publish prints a line per file, an entry's page named after its file: 600 entries with long names print more
    // than a pipe holds before its reader must read.
    const longName = 'a-long-file-name-'.repeat(10);
    const entries = Object.fromEntries(Array.from({ length: 600 }, (_, n) => [`2014/e${n}-${longName}.md`, entryText(entry({ url: `https://news.example.com/${n}` }))]));
    const content = await contentFolder({ entries });
    const out = join(await mkdtemp(join(tmpdir(), 'broadsheet-pipe-')), 'out');
    const child = spawn(process.execPath, [BIN, 'publish', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    // Read one chunk, then close the pipe as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toMatch(/^\s+at /m);
    // A shell's status for a command ended by SIGPIPE (128 + 13).
    expect(code).toBe(141);
  }, 60_000);
});
