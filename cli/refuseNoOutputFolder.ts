import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../lib/shared/errors.js';
import type { CliIo } from './io.js';
import { refuseS3UrlAsOut } from './refuseS3UrlAsOut.js';

/**
 * Refuses the `--out` of a command that reads what publishes left there (status's run records, settle's send ledger)
 * unless it is a folder: a mistyped one holds nothing, which is no news that nothing happened. A folder that does
 * not exist is said so, and the default (`public`, when `--out` was not given) named as only the default. `keeps`:
 * what of the output the command reads, for the message.
 */
export function refuseNoOutputFolder(command: string, out: string | undefined, io: CliIo, keeps = ''): void {
  refuseS3UrlAsOut(out);
  const folder = resolve(io.cwd, out ?? 'public');
  const stats = statSync(folder, { throwIfNoEntry: false });
  if (stats?.isDirectory()) return;
  const fix = out === undefined ? 'public is only the default: give --out the folder you publish to, or --bucket' : 'check its name, or give --bucket';
  throw new UsageError(`${command}: --out: ${folder} ${stats ? 'is not a folder' : 'does not exist'} (the published output${keeps}; ${fix})`);
}
