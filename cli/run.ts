import { Settings } from 'luxon';
import { main } from './main.js';

// Every date the output shows names its language (site.yml); nothing depends on the machine's locale, so luxon
// need not ask the system for it (the first DateTime would otherwise spend ~15 ms there).
Settings.defaultLocale = 'en-US';

// The process shell: real streams and environment, then exit with the command's status.
const status = await main(process.argv.slice(2), {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
  isTty: Boolean(process.stdout.isTTY),
});
process.exitCode = status;
