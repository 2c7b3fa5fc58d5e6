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
 * Runs the Nu Html Checker (vnu.jar, under Debian's Java) on `files` in a child process and returns its error
 * messages. The checker exits 1 when it reports an error, so the exit status is not a failure; no JSON is.
 */
export function nuCheck(files: readonly string[], options: { timeoutMs?: number } = {}): Promise<NuMessage[]> {
  return new Promise((resolve, reject) => {
    execFile('java', ['-jar', VNU_JAR, '--format', 'json', '--errors-only', ...files], { timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
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
