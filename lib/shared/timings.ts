/** Wall time per phase of a run (list, read, parse, render, write), for `--timings`. */
export class Timings {
  readonly phases = new Map<string, number>();

  constructor(private readonly clock: () => number = () => performance.now()) {}

  async time<T>(phase: string, work: () => Promise<T> | T): Promise<T> {
    const start = this.clock();
    try {
      return await work();
    } finally {
      this.phases.set(phase, (this.phases.get(phase) ?? 0) + this.clock() - start);
    }
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.phases].map(([phase, ms]) => [phase, Math.round(ms * 10) / 10]));
  }
}

/** `work`, timed as `phase` when there are timings to keep. */
export function timed<T>(timings: Timings | undefined, phase: string, work: () => Promise<T> | T): Promise<T> | T {
  return timings ? timings.time(phase, work) : work();
}
