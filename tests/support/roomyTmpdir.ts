import { statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** The least free space a memory-backed folder must have to be used. */
const ENOUGH_BYTES = 4 * 1024 ** 3;

/**
 * Where a test that writes tens of thousands of files makes its temporary folder: the memory-backed /dev/shm when it
 * has room (a container's is often 64 MB), else the system's temporary folder. Creating many small files on a busy
 * disk waits on its write-back, which says nothing about the code under test. The test removes what it makes.
 */
export function roomyTmpdir(): string {
  try {
    const shm = statfsSync('/dev/shm');
    if (shm.bavail * shm.bsize >= ENOUGH_BYTES) return '/dev/shm';
  } catch {
    // No /dev/shm (not Linux).
  }
  return tmpdir();
}
