import type { CliRun } from './cli.js';
import { main } from '../../cli/main.js';
import { REPO } from './cli.js';

/**
 * A command line run through the CLI's own dispatcher (cli/main.ts) in this process, as runCli runs it in a child:
 * each line the command prints ends in a newline, as bin/broadsheet.js writes it. For a unit test of what a command
 * says and writes; the wiring of the process (its streams, exit status and signals) is the e2e tests', with runCli.
 */
export async function runMain(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (line) => (stdout += `${line}\n`),
    stderr: (line) => (stderr += `${line}\n`),
    env: { ...process.env, DEBUG: '', ...options.env },
    cwd: options.cwd ?? REPO,
    isTty: false,
  });
  return { code, stdout, stderr };
}
