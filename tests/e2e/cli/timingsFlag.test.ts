import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';

// `--timings` is how the benchmark splits a run into phases; these check its shape, never its values.
const PHASE = /^(list|read|parse|render|write) \d+(\.\d)?$/;

describe('--timings', () => {
  it('check prints the list, read and parse phases on one line', async () => {
    const run = await runCli(['check', '--content', 'content', '--timings']);
    expect(run.code, run.stderr).toBe(0);
    const line = run.stdout.split('\n').find((text) => text.startsWith('timings (ms): '));
    expect(line).toBeDefined();
    const phases = line!.slice('timings (ms): '.length).split(', ');
    for (const phase of phases) expect(phase).toMatch(PHASE);
    expect(phases.map((phase) => phase.split(' ')[0]).sort()).toEqual(['list', 'parse', 'read']);
  });

  it('check --json carries them as numbers', async () => {
    const run = await runCli(['check', '--content', 'content', '--timings', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const timings = (JSON.parse(run.stdout) as { timings: Record<string, number> }).timings;
    expect(Object.keys(timings).sort()).toEqual(['list', 'parse', 'read']);
    for (const ms of Object.values(timings)) expect(Number.isFinite(ms) && ms >= 0).toBe(true);
  });

  it('without the flag there are none', async () => {
    const run = await runCli(['check', '--content', 'content', '--json']);
    expect(JSON.parse(run.stdout)).not.toHaveProperty('timings');
  });

  it('publish --dry-run prints every phase of a publish', async () => {
    // An empty output of its own: the repository's public/ holds whatever npm start published last, as of its now.
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-timings-'));
    const run = await runCli(['publish', '--content', 'content', '--out', out, '--dry-run', '--now', '2014-06-01T00:00:00+09:00', '--timings', '--json']);
    await rm(out, { recursive: true, force: true });
    expect(run.code, run.stderr).toBe(0);
    const timings = (JSON.parse(run.stdout) as { timings: Record<string, number> }).timings;
    expect(Object.keys(timings)).toEqual(expect.arrayContaining(['list', 'read', 'parse', 'render']));
  });
});
