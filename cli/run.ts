import { main } from './main.js';

// The process shell: real streams and environment, then exit with the command's status.

// A reader that stops early (`broadsheet check --json | head -1`) closes the pipe: nothing more can be said, and
// a stack trace about it would only hide what was. The status is a shell's for a command ended by SIGPIPE
// (128 + 13), as `git log | head -1` gives: the command did not run to its end.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(141);
});
const status = await main(process.argv.slice(2), {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
  isTty: Boolean(process.stdout.isTTY),
});
process.exitCode = status;
