import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DateTime } from 'luxon';
import { UsageError } from '../lib/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses flags strictly: an unknown flag or a missing value is a UsageError naming it. */
export function parseFlags<O extends Options>(command: string, argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message.split('\n')[0]} (see broadsheet ${command} --help)`, { cause: error });
  }
}

/** `--now`: an ISO 8601 date-time with an offset, or a date (00:00 UTC). Default: the current time. */
export function parseNow(value: string | undefined, clock: () => DateTime = () => DateTime.now()): DateTime {
  if (value === undefined) return clock();
  const parsed = DateTime.fromISO(value, { zone: 'utc', setZone: true });
  if (!parsed.isValid) throw new UsageError(`--now: ${JSON.stringify(value)} is not an ISO 8601 date-time (write e.g. 2014-05-19T08:00:00+09:00)`);
  return parsed;
}
