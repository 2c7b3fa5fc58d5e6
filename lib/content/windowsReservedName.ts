import { withoutTrailing } from './withoutTrailing.js';

// Windows reserves these device names as file names, with any extension ("NUL.txt and NUL.tar.gz are both
// equivalent to NUL": learn.microsoft.com, "Naming Files, Paths, and Namespaces"), whatever their case; Git for
// Windows refuses to check such a path out (compat/mingw.c, is_valid_win32_path) and Explorer cannot create it.
const RESERVED = /^(?:CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$)$/i;
// Their first letters: a name that starts with none of them is none (most are not), with no stem to cut.
const FIRST = /^[cpanl]/i;

/**
 * The device name a file name stands for on Windows, upper case, if it is one (`con.md` → CON, `Nul.draft.md` → NUL,
 * `com1 .md` → COM1): its part before the first dot or colon, the spaces it ends in dropped, as Windows reads it.
 */
export function windowsReservedName(fileName: string): string | undefined {
  if (!FIRST.test(fileName)) return undefined;
  const stem = withoutTrailing(/^[^.:]*/.exec(fileName)![0], ' ');
  return RESERVED.test(stem) ? stem.toUpperCase() : undefined;
}

/** The same name with `-1` after its device name (`con.md` → `con-1.md`), which Windows can hold. */
export function windowsSafeName(fileName: string): string {
  const stem = /^[^.:]*/.exec(fileName)![0];
  const kept = withoutTrailing(stem, ' ');
  return `${kept}-1${fileName.slice(stem.length)}`;
}
