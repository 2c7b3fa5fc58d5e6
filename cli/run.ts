import { main } from './main.js';

// The process shell: real streams and environment, then exit with the command's status.

// A reader that stops early (`broadsheet check --json | head -1`) closes the pipe: nothing more can be said, and
// a stack trace about it would only hide what was. The status is a shell's for a command ended by SIGPIPE
// (128 + 13), as `git log | head -1` gives: the command did not run to its end.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(141);
});
// The AWS SDK warns, on every run under Node 20, that its releases from January 2027 will need Node 22: advice for
// whoever upgrades this project's dependencies (README, "Quick start"), not for an editor, whose every S3 or SES
// command it would open with eight lines of it. Set to anything but "true", the variable lets the SDK warn again.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const status = await main(process.argv.slice(2), {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
  isTty: Boolean(process.stdout.isTTY),
});
process.exitCode = status;
