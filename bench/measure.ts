import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One run of a whole process. CPU is user + system time; RSS is the peak resident set. */
export interface Sample {
  wallMs: number;
  /** null where GNU time is missing (then only wall time is known). */
  cpuMs: number | null;
  maxRssMiB: number | null;
}

export interface Run {
  sample: Sample;
  stdout: string;
  stderr: string;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** A part of the report that was not measured, and why (a tool missing, a part skipped). */
export interface NotMeasured {
  notMeasured: string;
}

/** Median and min–max of each measure over several runs. */
export interface Stats {
  runs: number;
  wallMs: Spread;
  cpuMs: Spread | null;
  maxRssMiB: Spread | null;
}

const GNU_TIME = '/usr/bin/time';
let gnuTime: boolean | undefined;

/** GNU time reports the child's CPU time and peak RSS (getrusage of the waited-for child). */
export function hasGnuTime(): boolean {
  if (gnuTime === undefined) gnuTime = spawnSync(GNU_TIME, ['--version'], { encoding: 'utf8' }).stdout?.includes('GNU') ?? false;
  return gnuTime;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs `command args` to completion and measures it. Wall time is taken here with the monotonic clock (GNU
 * time's own is coarse and follows the wall clock); CPU and peak RSS come from GNU time when it is installed.
 * A non-zero exit throws: a benchmark of a failing command means nothing.
 */
export async function runMeasured(command: string, args: readonly string[], options: RunOptions = {}): Promise<Run> {
  const timed = hasGnuTime();
  const dir = timed ? mkdtempSync(join(tmpdir(), 'bench-time-')) : undefined;
  const report = dir ? join(dir, 'time.txt') : '';
  const [file, argv] = timed ? [GNU_TIME, ['-f', '%U %S %M', '-o', report, command, ...args]] : [command, [...args]];
  const started = performance.now();
  const child = spawn(file, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const wallMs = performance.now() - started;
  const out = Buffer.concat(stdout).toString('utf8');
  const err = Buffer.concat(stderr).toString('utf8');
  try {
    if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${err.slice(-2000)}`);
    let cpuMs: number | null = null;
    let maxRssMiB: number | null = null;
    if (dir) {
      // GNU time writes "Command exited..." first on failure; the last line holds the format.
      const fields = readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
      cpuMs = Math.round((fields[0]! + fields[1]!) * 1000);
      maxRssMiB = Math.round((fields[2]! / 1024) * 10) / 10;
    }
    return { sample: { wallMs: Math.round(wallMs * 10) / 10, cpuMs, maxRssMiB }, stdout: out, stderr: err };
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function spread(values: readonly number[]): Spread {
  return { median: Math.round(median(values) * 10) / 10, min: Math.min(...values), max: Math.max(...values) };
}

export function statsOf(samples: readonly Sample[]): Stats {
  const cpu = samples.map((s) => s.cpuMs).filter((v): v is number => v !== null);
  const rss = samples.map((s) => s.maxRssMiB).filter((v): v is number => v !== null);
  return {
    runs: samples.length,
    wallMs: spread(samples.map((s) => s.wallMs)),
    cpuMs: cpu.length === samples.length ? spread(cpu) : null,
    maxRssMiB: rss.length === samples.length ? spread(rss) : null,
  };
}
