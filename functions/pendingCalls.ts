/**
 * The calls a request is waiting on, by what they ask of which service ("S3 (site.yml)"), so that a deadline's line
 * says which one did not answer instead of every service the function uses.
 */
export class PendingCalls {
  private readonly waiting = new Map<string, number>();

  /** `work`, counted as waiting on `step` until it settles. */
  during<T>(step: string, work: Promise<T>): Promise<T> {
    this.waiting.set(step, (this.waiting.get(step) ?? 0) + 1);
    const settled = () => {
      const left = this.waiting.get(step)! - 1;
      if (left === 0) this.waiting.delete(step);
      else this.waiting.set(step, left);
    };
    work.then(settled, settled);
    return work;
  }

  /** `port` with each method's promise counted as waiting on `step`; what is not a method (or returns no promise) as it is. */
  port<T extends object>(step: string, port: T): T {
    return new Proxy(port, {
      get: (target, key) => {
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const result: unknown = value.apply(target, args);
          return result instanceof Promise ? this.during(step, result) : result;
        };
      },
    });
  }

  /** The steps waited on now, in the order first asked. */
  steps(): string[] {
    return [...this.waiting.keys()];
  }
}
