import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isGone, thisProcess } from '../../../lib/shared/thisProcess.js';

// A lock names the process holding it; only a process on the same machine can be known gone.

describe('isGone', () => {
  it('is true for a process of this machine that has exited, false for a running one, this one, or one of another machine', () => {
    const here = thisProcess();
    expect(here.pid).toBe(process.pid);
    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const pid = Number(exited.stdout);
    expect(Number.isSafeInteger(pid)).toBe(true);
    expect(isGone({ machine: here.machine, pid }, here)).toBe(true);
    expect(isGone({ machine: `${here.machine} elsewhere`, pid }, here)).toBe(false);
    expect(isGone(here, here)).toBe(false);
    // The parent of this worker runs.
    expect(isGone({ machine: here.machine, pid: process.ppid }, here)).toBe(false);
  });
});
