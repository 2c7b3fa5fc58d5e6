import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO } from '../../support/cli.js';

export const BIN = fileURLToPath(new URL('../../../bin/broadsheet.js', import.meta.url));
export const SAMPLE = join(REPO, 'content');

/** The sample's site.yml as a deployment needs it: its subscribers leave through the site's own /unsubscribe. */
export async function deployedSampleSite(): Promise<string> {
  const text = await readFile(join(SAMPLE, 'site.yml'), 'utf8');
  const deployed = text.replace('url: "https://lists.watch.example.org/unsubscribe?email={email}"', 'url: "https://watch.example.org/unsubscribe?token={token}"');
  if (deployed === text) throw new Error('the sample site.yml no longer has the unsubscribe URL this test replaces');
  return deployed;
}

/** The token secret the deployed digest signs its unsubscribe links with, in the tests. */
export const DEPLOYED_SECRET = 'deployed-digest-secret-long-enough';

/**
 * The SES emulator's (tests/setup/ses.ts) store of the emails sent from now on: its `since`, in whole seconds. A file
 * takes it as it starts, and reads its own emails back without every one the run's other files sent before it.
 */
export function sesStoreSince(endpoint: string): string {
  return `${endpoint}/store?since=${Math.floor(Date.now() / 1000)}`;
}

export function tempDir(name: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `broadsheet-${name}-`));
}

/** Starts the real CLI and returns the child, for tests that kill it. */
export function startCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, DEBUG: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** The header fields called `name` in a raw message, unfolded. */
export function headerFields(raw: Buffer, name: string): string[] {
  const head = raw.toString('utf8').split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  return head.split(/\r?\n/).filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`)).map((line) => line.slice(name.length + 1).trim());
}
