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
// Lines to a file or pipe are held until the running task ends (or a batch fills), then written together: a
// write to either is a system call of its own, and a publish lists every file. Written before any line to stderr,
// so the two streams keep their order; a terminal gets each line at once (progress lines redraw it).
let held = '';
const flushStdout = () => {
  if (held === '') return;
  const text = held;
  held = '';
  process.stdout.write(text);
};
const stdout = process.stdout.isTTY
  ? (line: string) => process.stdout.write(`${line}\n`)
  : (line: string) => {
      if (held === '') setImmediate(flushStdout);
      held += `${line}\n`;
      if (held.length >= 1 << 16) flushStdout();
    };
const status = await main(process.argv.slice(2), {
  stdout,
  stderr: (line) => {
    flushStdout();
    process.stderr.write(`${line}\n`);
  },
  env: process.env,
  cwd: process.cwd(),
  isTty: Boolean(process.stdout.isTTY),
});
flushStdout();
process.exitCode = status;
