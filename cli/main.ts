import { BroadsheetError, ContentError, InterruptedError, OtherSiteError, OutputBlockedError, UsageError } from '../lib/shared/errors.js';
import { EXIT_CONTENT, EXIT_FAILURE, EXIT_OK, type CliIo, type Command } from './io.js';
import { reportProblems, reportWarnings } from './reportProblems.js';
import { nearestName } from '../lib/shared/nearestName.js';

/** A command as the dispatcher sees it: its module loads only when it runs, so startup stays cheap. */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}

export const COMMANDS: CommandEntry[] = [
  { name: 'publish', summary: 'build the feeds from the content and write what changed', load: async () => (await import('./commands/publish.js')).publishCommand },
  { name: 'check', summary: 'report every problem in the content', load: async () => (await import('./commands/check.js')).checkCommand },
  { name: 'push-content', summary: 'upload the content folder to the content bucket (changed files only)', load: async () => (await import('./commands/pushContent.js')).pushContentCommand },
  { name: 'new', summary: 'start a new entry file with its front matter filled in', load: async () => (await import('./commands/new.js')).newCommand },
  { name: 'preview', summary: 'serve the site on 127.0.0.1 and rebuild it on every change', load: async () => (await import('./commands/preview.js')).previewCommand },
  { name: 'trigger', summary: 'publish through the deployed trigger, wait for the run and print its outcome', load: async () => (await import('./commands/trigger.js')).triggerCommand },
  { name: 'status', summary: 'print the latest publish and digest runs, failures first-class', load: async () => (await import('./commands/status.js')).statusCommand },
  { name: 'digest', summary: 'archive the weekly digest and send it to subscribers (--send)', load: async () => (await import('./commands/digest.js')).digestCommand },
  { name: 'settle', summary: 'record a digest recipient left unknown as delivered, or to be sent again', load: async () => (await import('./commands/settle.js')).settleCommand },
  { name: 'subscribers', summary: 'list, add, import, export, unsubscribe, suppress or forget digest subscribers', load: async () => (await import('./commands/subscribers.js')).subscribersCommand },
];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `Usage: broadsheet <command> [options]

Publishes curated news entries as RSS 2.0, Atom 1.0 and JSON Feed 1.1.

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run 'broadsheet <command> --help' for a command's options.`;
}

/** Runs one command line; returns the exit status. Content errors never show a stack trace. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainHelp());
    return name === undefined ? EXIT_FAILURE : EXIT_OK;
  }
  const entry = COMMANDS.find((candidate) => candidate.name === name);
  // With --json, a script reads the outcome on stdout, a refusal too: unless the command printed its own.
  const json = rest.includes('--json');
  if (!entry) {
    const meant = nearestName(name, COMMANDS.map((command) => command.name));
    const message = `unknown command ${JSON.stringify(name)} (${meant === undefined ? '' : `did you mean broadsheet ${meant}? `}run broadsheet --help for the list)`;
    io.stderr(`broadsheet: ${message}`);
    if (json) io.stdout(JSON.stringify({ ok: false, command: name, error: 'UsageError', message }, null, 2));
    return EXIT_FAILURE;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help);
    return EXIT_OK;
  }
  const debug = rest.includes('--debug') || io.env.DEBUG === '1';
  let printed = false;
  const commandIo: CliIo = json ? { ...io, stdout: (line) => ((printed = true), io.stdout(line)) } : io;
  try {
    return await command.run(rest, commandIo);
  } catch (error) {
    const failed = (status: number, fields: Record<string, unknown>) => {
      if (json && !printed) io.stdout(JSON.stringify({ ok: false, command: name, ...fields }, null, 2));
      return status;
    };
    if (error instanceof ContentError) {
      // First, as an ok run prints them: an unknown `Title:` beside `title: is missing` says what to fix.
      reportWarnings(error.warnings, io);
      reportProblems(error.problems, io);
      io.stderr(`broadsheet ${name}: ${error.message}; ${error.outcome}`);
      return failed(EXIT_CONTENT, { error: error.name, message: `${error.message}; ${error.outcome}`, problems: error.problems, warnings: error.warnings });
    }
    if (error instanceof UsageError) {
      // A usage error's message starts with the command or the flag it is about: a flag's is the command's flag, named
      // with it, as are an output refused and an environment variable the command reads.
      const ofCommand = error instanceof OtherSiteError || error instanceof OutputBlockedError || error.message.startsWith('-') || /^[A-Z][A-Z0-9_]*: /.test(error.message);
      io.stderr(`broadsheet ${ofCommand ? `${name}: ` : ''}${error.message}`);
      return failed(EXIT_FAILURE, { error: error.name, message: error.message });
    }
    if (error instanceof InterruptedError) {
      io.stderr(`broadsheet ${name}: ${error.message}`);
      // 128 and the signal's number, as a shell reports a command a signal ended.
      return failed(error.signal === 'SIGINT' ? 130 : 143, { error: error.name, message: error.message });
    }
    const message = error instanceof Error ? error.message : String(error);
    const kind = error instanceof BroadsheetError ? '' : ' (unexpected; rerun with --debug for details)';
    io.stderr(`broadsheet ${name}: ${message.split('\n')[0]}${debug ? '' : kind}`);
    if (debug && error instanceof Error) io.stderr(error.stack ?? message);
    return failed(EXIT_FAILURE, { error: error instanceof BroadsheetError ? error.name : 'Error', message: message.split('\n')[0] });
  }
}
