import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/broadsheet.js', import.meta.url));

/** A running `broadsheet preview` (the real CLI) on 127.0.0.1 with a free port. */
export class PreviewProcess {
  stdout = '';
  stderr = '';
  url = '';
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> | undefined;

  constructor(
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv = {},
  ) {}

  async start(timeoutMs = 20_000): Promise<this> {
    this.child = spawn(process.execPath, [BIN, 'preview', '--port', '0', ...this.args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBUG: '', ...this.env } });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.stdout += chunk.toString('utf8')));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.child!.on('exit', (code) => resolve(code)));
    await this.waitFor(/ at (http:\/\/127\.0\.0\.1:\d+\/)/, 'stdout', timeoutMs);
    this.url = / at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(this.stdout)![1]!;
    // The URL list ends with the digest archive's line (and, after it, the latest digest's when there is one).
    await this.waitFor(/\n {2}digests +http[^\n]*\n/, 'stdout', timeoutMs);
    return this;
  }

  /** Waits until the stream's text (from `from` characters on) matches. */
  async waitFor(pattern: RegExp, stream: 'stdout' | 'stderr' = 'stdout', timeoutMs = 10_000, from = 0): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this[stream].slice(from));
      if (match) return match;
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) throw new Error(`preview exited ${this.child.exitCode}: ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} in preview ${stream}:\n${this[stream]}\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** SIGTERM, as Ctrl-C would; resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null) return this.child?.exitCode ?? null;
    this.child.kill('SIGTERM');
    return this.exited!;
  }
}
