import type { CliIo } from './io.js';
import { getText, type PutBody, type PutOptions, type ReadOptions, type Store, type StoredObject } from '../lib/store/store.js';

/** Where a progress bar is drawn: a terminal stream (process.stderr by default, so stdout stays the result). */
export interface ProgressSink {
  write(text: string): void;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  /** What is being counted, e.g. "writing" or "sending". */
  label: string;
  /** Plural noun after the counts: "files", "emails". */
  unit: string;
  /** Known now, or set later with setTotal. */
  total?: number;
  /** Show the estimated time left (for sends). Default false. */
  eta?: boolean;
  /** Off a terminal, print a plain line at 25, 50, 75 and 100 %. Default true; false when the command already prints a line per item. */
  plainLines?: boolean;
  /** Milliseconds, injected for tests. Default performance.now. */
  clock?: () => number;
}

export interface Progress {
  setTotal(total: number): void;
  /** `count` more items done. */
  tick(count?: number): void;
  /** Clears the bar (TTY) so the command's summary follows on a clean line. */
  done(): void;
  /** Prints a line above the bar: clears it, runs `print`, draws it again. */
  interrupt(print: () => void): void;
}

const SILENT: Progress = { setTotal() {}, tick() {}, done() {}, interrupt: (print) => print() };

/** `1m 05s`, `12s`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

/** `sending [########------------] 12/30 emails  ETA 4s` */
export function renderBar(label: string, done: number, total: number, unit: string, width: number, etaMs?: number): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(ratio * width);
  const eta = etaMs === undefined ? '' : `  ETA ${formatDuration(etaMs)}`;
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${unit}${eta}`;
}

/**
 * Progress for long runs (publish, push-content, digest --send): a redrawn bar with counts (and ETA) when
 * stdout is a terminal; plain lines otherwise; nothing with --quiet or --json.
 */
export function createProgress(
  io: Pick<CliIo, 'isTty' | 'stderr'>,
  options: ProgressOptions & { quiet?: boolean; json?: boolean },
  sink: ProgressSink = process.stderr,
): Progress {
  if (options.quiet || options.json) return SILENT;
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  let total = options.total ?? 0;
  let done = 0;

  if (io.isTty && sink.isTTY) {
    let lastDraw = -Infinity;
    let drawn = false;
    let finished = false;
    const draw = (force: boolean) => {
      const now = clock();
      if (!force && now - lastDraw < 80) return; // at most ~12 redraws a second
      lastDraw = now;
      const eta = options.eta && done > 0 && total > done ? ((now - started) / done) * (total - done) : undefined;
      const width = Math.max(10, Math.min(30, (sink.columns ?? 80) - 50));
      sink.write(`\r\x1b[2K${renderBar(options.label, done, total, options.unit, width, eta)}`);
      drawn = true;
    };
    return {
      setTotal(next) {
        total = next;
      },
      tick(count = 1) {
        if (finished) return;
        const before = done;
        done = total > 0 ? Math.min(total, done + count) : done + count;
        if (done !== before) draw(done === total);
      },
      done() {
        if (drawn) sink.write('\r\x1b[2K');
        drawn = false;
        finished = true;
      },
      interrupt(print) {
        if (drawn) sink.write('\r\x1b[2K');
        print();
        if (drawn && !finished) draw(true);
      },
    };
  }

  if (options.plainLines === false) return SILENT;
  let nextQuarter = 1;
  const report = () => {
    while (total > 0 && nextQuarter <= 4 && done >= (total * nextQuarter) / 4) {
      const eta = options.eta && total > done ? `, about ${formatDuration(((clock() - started) / done) * (total - done))} left` : '';
      io.stderr(`${options.label}: ${done}/${total} ${options.unit}${eta}`);
      nextQuarter++;
    }
  };
  return {
    setTotal(next) {
      total = next;
    },
    tick(count = 1) {
      done = total > 0 ? Math.min(total, done + count) : done + count;
      report();
    },
    done() {},
    interrupt: (print) => print(),
  };
}

export interface StoreHooks {
  onList?: (count: number, prefix: string) => void;
  onGet?: (key: string) => void;
  onWrite?: (key: string) => void;
  /** Before each read or listing: may reject to start none (an Interrupt). */
  beforeRead?: () => Promise<void>;
  /** Before each write or deletion: may reject to start none (an Interrupt). */
  beforeWrite?: (key: string) => Promise<void>;
}

/** The same store, reporting each completed request, so a command can draw progress without touching lib/. */
export function observeStore(store: Store, hooks: StoreHooks): Store {
  return {
    get description() {
      return store.description;
    },
    get requests() {
      return store.requests;
    },
    async get(key: string, options?: ReadOptions) {
      await hooks.beforeRead?.();
      const body = await store.get(key, options);
      hooks.onGet?.(key);
      return body;
    },
    async getText(key: string, listed?: StoredObject, options?: ReadOptions) {
      await hooks.beforeRead?.();
      const text = await getText(store, key, listed, options);
      hooks.onGet?.(key);
      return text;
    },
    async put(key: string, body: PutBody, options: PutOptions) {
      await hooks.beforeWrite?.(key);
      const version = await store.put(key, body, options);
      hooks.onWrite?.(key);
      return version;
    },
    async list(prefix: string) {
      await hooks.beforeRead?.();
      const objects = await store.list(prefix);
      hooks.onList?.(objects.length, prefix);
      return objects;
    },
    async listLinks(prefix: string) {
      return store.listLinks ? store.listLinks(prefix) : [];
    },
    async listPlaceholders(prefix: string) {
      return store.listPlaceholders ? store.listPlaceholders(prefix) : [];
    },
    async listSpecialFiles(prefix: string) {
      return store.listSpecialFiles ? store.listSpecialFiles(prefix) : [];
    },
    async delete(key: string) {
      await hooks.beforeWrite?.(key);
      await store.delete(key);
      hooks.onWrite?.(key);
    },
    async removeLeftovers() {
      await store.removeLeftovers?.();
    },
    putIfAbsent(key: string, body: Buffer | string, options: PutOptions) {
      return store.putIfAbsent(key, body, options);
    },
    ...(store.pathBlockers ? { pathBlockers: store.pathBlockers.bind(store) } : {}),
  };
}
