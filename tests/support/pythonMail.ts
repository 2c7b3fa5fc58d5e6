import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./read_mail.py', import.meta.url));
// Debian's interpreter: the email package is in its standard library.
const PYTHON = '/usr/bin/python3';

export interface PythonMail {
  /** Lowercased field name → each field's value, decoded (RFC 2047) and unfolded. */
  headers: Record<string, string[]>;
  /** Lowercased field name → the defects Python found in it. */
  header_defects: Record<string, string[]>;
  /** The Date field read as a date-time, ISO 8601 with the offset it was written in, e.g. `2021-03-29T08:30:00+02:00`. */
  date: string | null;
  parts: { type: string; charset: string | null; defects: string[]; content?: string }[];
}

/** The message as Python's email package (policy.default) reads it; `strict`: policy.strict, which fails on any defect. */
export function readWithPythonEmail(raw: Buffer, options: { strict?: boolean } = {}): PythonMail {
  const run = spawnSync(PYTHON, [SCRIPT, ...(options.strict ? ['--strict'] : [])], { input: raw, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3 email failed: ${run.stderr || run.error?.message}`);
  return JSON.parse(run.stdout) as PythonMail;
}
