import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../lib/shared/errors.js';
import { printableName } from '../lib/shared/printable.js';

/** The trigger's bearer token, and where it came from, for the hint a 401 gives. */
export interface TriggerToken {
  token: string;
  /** `BROADSHEET_TRIGGER_TOKEN`, or `the token in --token-file FILE`. */
  source: string;
}

/**
 * The token from `--token-file FILE` when given (relative to `cwd`), else from BROADSHEET_TRIGGER_TOKEN. A file that
 * cannot be read or holds no token is refused naming it, the flag and the fix: it is the editor's input, not an
 * unexpected error, and the environment's token is no fix for it.
 */
export async function triggerToken(file: string | undefined, env: NodeJS.ProcessEnv, cwd: string): Promise<TriggerToken> {
  if (file === undefined) {
    const token = env.BROADSHEET_TRIGGER_TOKEN?.trim();
    if (!token) throw new UsageError('trigger: no token: set BROADSHEET_TRIGGER_TOKEN (as stored in SSM), or pass --token-file FILE');
    return { token, source: 'BROADSHEET_TRIGGER_TOKEN' };
  }
  const named = printableName(file);
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'it cannot be read');
    throw new UsageError(`trigger: --token-file ${named}: ${why} (write the trigger's token, as stored in SSM, into it, or set BROADSHEET_TRIGGER_TOKEN and leave out --token-file)`, { cause: error });
  }
  const token = text.trim();
  if (!token) throw new UsageError(`trigger: --token-file ${named}: the file is empty (write the trigger's token, as stored in SSM, into it)`);
  return { token, source: `the token in --token-file ${named}` };
}
