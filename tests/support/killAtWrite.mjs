// Loaded into the real CLI with `node --import` (see killAtWriteEnv in killAtWrite.ts): the process sends itself
// BROADSHEET_TEST_KILL_SIGNAL right after its BROADSHEET_TEST_KILL_AT-th write to a local folder (a rename of a
// written file, a create-only link, a deletion), or right after its first write of a path ending in
// BROADSHEET_TEST_KILL_AFTER, so a test kills a publish at a chosen write, not after a sleep; with
// BROADSHEET_TEST_KILL_AGAIN_AFTER, again after a later write of a path ending in it.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';

const killAt = Number(process.env.BROADSHEET_TEST_KILL_AT);
const signal = process.env.BROADSHEET_TEST_KILL_SIGNAL ?? 'SIGKILL';
const killAfter = process.env.BROADSHEET_TEST_KILL_AFTER;
// Once the signal was sent at the k-th write: sent again right after the next write of a path ending in this (a second Ctrl-C).
const again = process.env.BROADSHEET_TEST_KILL_AGAIN_AFTER;
let writes = 0;

function written(path) {
  const sendAgain = again !== undefined && writes >= killAt && String(path).endsWith(again);
  if (!sendAgain && (killAfter === undefined ? ++writes !== killAt : !String(path).endsWith(killAfter))) return;
  process.kill(process.pid, signal);
  // A signal the process listens for (Ctrl-C and SIGTERM during a publish: cli/interrupt.ts) is handled on its event
  // loop, which must run on; any other ends it, and nothing more runs until it lands.
  if (process.listenerCount(signal) > 0) return;
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
}

function counted(write, path) {
  const result = write();
  written(path);
  return result;
}

const { renameSync, linkSync } = fs;
const { rm } = fsp;
fs.renameSync = (from, to) => counted(() => renameSync(from, to), to);
fs.linkSync = (existing, path) => counted(() => linkSync(existing, path), path);
// A killed write's temporary file is cleanup, not a write.
fsp.rm = (path, options) => (String(path).endsWith('.tmp') ? rm(path, options) : rm(path, options).then((result) => (written(path), result)));
syncBuiltinESMExports();
