import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** A running process as another process on the same machine can check it: the machine's name and boot, and the pid. */
export interface ProcessRef {
  /** The host name and, on Linux, the boot id: a pid means the same process only on the same machine since the same boot. */
  machine: string;
  pid: number;
}

/** This process. */
export function thisProcess(): ProcessRef {
  let boot = '';
  try {
    boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    // Not Linux: the host name alone.
  }
  return { machine: boot ? `${hostname()} boot ${boot}` : hostname(), pid: process.pid };
}

/** Whether `ref` is still running, as far as this process can tell: only a process on this machine can be known gone. */
export function isGone(ref: ProcessRef, here: ProcessRef = thisProcess()): boolean {
  if (ref.machine !== here.machine || ref.pid === here.pid) return false;
  try {
    process.kill(ref.pid, 0);
    return false;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
