import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../lib/shared/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses flags strictly: an unknown flag or a missing value is a UsageError naming it. */
export function parseFlags<O extends Options>(command: string, argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw usageErrorOf(command, argv, error);
  }
}

/** As parseFlags, for a command that also takes positional arguments (an action and what it acts on). */
export function parseCommandLine<O extends Options>(command: string, argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw usageErrorOf(command, argv, error);
  }
}

function usageErrorOf(command: string, argv: string[], error: unknown): UsageError {
  const message = (error as Error).message;
  // A value that starts with a dash (a title such as "-30 °C in Pyongyang") reads as the next flag; parseArgs says
  // how to write it only past its first line, which alone does not tell the editor what to do.
  const ambiguous = /^Option '(--[^']+)' argument is ambiguous/.exec(message)?.[1];
  const value = ambiguous === undefined ? undefined : argv[argv.indexOf(ambiguous) + 1];
  if (ambiguous !== undefined && value !== undefined) {
    return new UsageError(`${command}: ${ambiguous} is followed by ${JSON.stringify(value)}, which starts with a dash and so reads as a flag (if it is the value, join them with =: ${ambiguous}=${JSON.stringify(value)}; if not, give ${ambiguous} its value)`, { cause: error });
  }
  // parseArgs's own words for an unknown flag (with positionals) end in a hint whose quotes do not balance.
  const unknown = (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /^Unknown option '([^']*)'/.exec(message)?.[1] : undefined;
  if (unknown !== undefined) return new UsageError(`${command}: unknown option ${unknown} (see broadsheet ${command} --help)`, { cause: error });
  return new UsageError(`${command}: ${message.split('\n')[0]} (see broadsheet ${command} --help)`, { cause: error });
}
