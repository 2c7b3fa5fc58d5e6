import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from './io.js';

/**
 * The line for an `--out` that names no folder, given to compare the content with a published output (check,
 * preview): read as an output nothing was published to, a typo in it (`--out pubic`) warned of nothing, which reads
 * as nothing to warn of. Undefined when it exists, or when --out was not given.
 */
export function missingOutputNotice(out: string | undefined, io: CliIo): string | undefined {
  if (out === undefined) return undefined;
  const folder = resolve(io.cwd, out);
  if (existsSync(folder)) return undefined;
  return `--out: ${folder} does not exist, so no published output is compared with (check its name; a first publish makes it)`;
}
