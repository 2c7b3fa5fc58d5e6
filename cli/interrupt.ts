import { MANIFEST_KEY } from '../lib/publish/manifest.js';
import { LOCK_KEY, TAKEOVER_PREFIX } from '../lib/publish/publishLock.js';
import { RUNS_PREFIX } from '../lib/publish/runRecord.js';
import { InterruptedError } from '../lib/shared/errors.js';
import type { CliIo } from './io.js';
import { onStopSignal, type StopSignal } from './onStopSignal.js';

/** Reads and writes between two turns of the event loop (see letSignalsIn). */
const SIGNAL_TURN_EVERY = 8;

/**
 * Ctrl-C (SIGINT) or SIGTERM while a command publishes: no read of the content and no write of the site is started
 * after it, the writes under way finish (each file is written whole or not at all), and the command ends through
 * its error path, which records the run as failed and releases the publish lock: the next publish neither waits
 * for a lock nobody holds nor is told the last run went well. While a digest is sent, no message is started after
 * it, and the one under way is confirmed in the ledger, not left unknown. A second signal, of either kind, ends the
 * process at once, as Node does by default once these listeners are gone.
 */
export class Interrupt {
  private signal: StopSignal | undefined;
  /** Whether a file of the site (or its manifest or index) was written before the signal. */
  private wrote = false;
  /** Whether the publish is writing its checkpoint (checkpoint()). */
  private checkpointing = false;
  private calls = 0;
  // One signal of either kind: the next, Ctrl-C or SIGTERM, finds no listener and ends the process at once.
  readonly dispose = onStopSignal((signal) => {
    this.signal = signal;
    this.io.stderr(`broadsheet ${this.command}: ${signal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'}: stopping ${this.until} (${signal === 'SIGINT' ? 'Ctrl-C' : 'signal'} again to quit at once)`);
  });

  constructor(
    private readonly io: CliIo,
    private readonly command: string,
    /** What it waits for before it stops, as the editor is told. */
    private readonly until = 'once the files being written are whole',
  ) {}

  /** Before each message of a digest send: why to stop, once a signal came (the message before it went out whole). */
  async stopRequested(): Promise<string | undefined> {
    await this.letSignalsIn(true);
    return this.signal === undefined ? undefined : `stopped by ${this.signal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'}`;
  }

  /** Before reading the content. */
  async beforeRead(): Promise<void> {
    await this.letSignalsIn();
    this.stopIfAsked();
  }

  /**
   * Before a stopped publish writes its checkpoint (PublishOptions.beforeCheckpoint): the manifest recording the files
   * it wrote goes on, so that the next publish writes only the rest.
   */
  checkpoint(): void {
    this.checkpointing = true;
  }

  /**
   * Before writing or deleting `key` in the output: only the checkpoint, the lock's release (with the marker of a stale
   * lock it took over) and the run record go on.
   */
  async beforeWrite(key: string): Promise<void> {
    if (key === LOCK_KEY || key.startsWith(TAKEOVER_PREFIX) || key.startsWith(RUNS_PREFIX) || (this.checkpointing && key === MANIFEST_KEY)) return;
    // Before the first write always: a signal taken while the publish read and built leaves the site untouched.
    await this.letSignalsIn(!this.wrote);
    this.stopIfAsked();
    this.wrote = true;
  }

  /** The signal taken, if any: one that came after the last write stopped nothing, and stops what the command does next. */
  get taken(): StopSignal | undefined {
    return this.signal;
  }

  /**
   * A local store reads and writes synchronously, so a publish's reads and writes can run as one chain of promises
   * that never reaches the event loop's poll, where a signal is taken: every so many, two turns of the loop let it in.
   */
  private async letSignalsIn(now = false): Promise<void> {
    if (++this.calls % SIGNAL_TURN_EVERY !== 0 && !now) return;
    // Node runs a signal's listeners a turn after the poll that took it.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
  }

  private stopIfAsked(): void {
    if (this.signal === undefined) return;
    const outcome = this.wrote
      ? 'the output holds part of this publish, every file whole (the old one or the new); publish again to finish it'
      : 'nothing was written';
    throw new InterruptedError(this.signal, `stopped by ${this.signal}: ${outcome}`);
  }
}
