import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/broadsheet.js', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI (the built dist/, as `npx broadsheet` does) in a child process; `onStderr` sees its stderr so
 * far, `onSpawn` the process (to signal it when a server it talks to sees a request); `user`, the user it runs as.
 */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; onStderr?: (stderr: string, child: ChildProcess) => void; onSpawn?: (child: ChildProcess) => void; user?: { uid: number; gid: number } } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? REPO,
      env: { ...process.env, DEBUG: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...options.user,
    });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      options.onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
