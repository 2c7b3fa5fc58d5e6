import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const VNU_JAR = fileURLToPath(new URL('../../node_modules/vnu-jar/build/dist/vnu.jar', import.meta.url));

/** One message of the Nu Html Checker's JSON output (https://github.com/validator/validator/wiki/Output-»-JSON). */
export interface NuMessage {
  type: string;
  subType?: string;
  url?: string;
  message: string;
  extract?: string;
  lastLine?: number;
}

/**
 * A run of the checker is short: Java's first compiler alone (C1) compiles far less than its optimising one would
 * for it, and gives the same report. Its frames are larger, so the thread's stack is raised (the checker asks for
 * at least 512k and stops with a StackOverflowError below it).
 */
const JAVA_OPTIONS = ['-XX:TieredStopAtLevel=1', '-Xss16m'];

/**
 * Runs the Nu Html Checker (vnu.jar, under Debian's Java) on `files` in a child process and returns its error
 * messages. The checker exits 1 when it reports an error, so the exit status is not a failure; no JSON is.
 * Its guess at each document's language is left out: what it finds is only ever a warning, which `--errors-only`
 * drops.
 */
export function nuCheck(files: readonly string[], options: { timeoutMs?: number } = {}): Promise<NuMessage[]> {
  return new Promise((resolve, reject) => {
    execFile('java', [...JAVA_OPTIONS, '-jar', VNU_JAR, '--format', 'json', '--errors-only', '--no-langdetect', ...files], { timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      // The JSON report goes to stderr.
      const text = stderr.trim() || stdout.trim();
      try {
        resolve((JSON.parse(text) as { messages: NuMessage[] }).messages);
      } catch {
        reject(new Error(`vnu.jar gave no JSON report${error ? ` (${error.message})` : ''}: ${text.slice(0, 500)}`, { cause: error ?? undefined }));
      }
    });
  });
}
