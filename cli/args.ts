import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../lib/shared/errors.js';
import { nearestName } from '../lib/shared/nearestName.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses flags strictly: an unknown flag or a missing value is a UsageError naming it. */
export function parseFlags<O extends Options>(command: string, argv: string[], options: O) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: false, tokens: true });
  } catch (error) {
    throw usageErrorOf(command, argv, error, options);
  }
  refuseRepeatedFlag(command, parsed.tokens, options);
  return parsed.values;
}

/** As parseFlags, for a command that also takes positional arguments (an action and what it acts on). */
export function parseCommandLine<O extends Options>(command: string, argv: string[], options: O) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true, tokens: true });
  } catch (error) {
    throw usageErrorOf(command, argv, error, options);
  }
  refuseRepeatedFlag(command, parsed.tokens, options);
  const { values, positionals } = parsed;
  return { values, positionals };
}

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/**
 * Refuses a flag given twice with two values (`--out public … --out site`), unless it takes several: parseArgs keeps
 * the last, so a command pasted with one --out and typed with another wrote where the editor did not look.
 */
function refuseRepeatedFlag(command: string, tokens: Token[], options: Options): void {
  const seen = new Map<string, string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.value === undefined || options[token.name]?.multiple) continue;
    const before = seen.get(token.name);
    if (before !== undefined && before !== token.value) {
      throw new UsageError(`${command}: --${token.name} is given twice, ${JSON.stringify(before)} and ${JSON.stringify(token.value)}, and takes one value (give it once, with the one you mean)`);
    }
    seen.set(token.name, token.value);
  }
}

function usageErrorOf(command: string, argv: string[], error: unknown, options?: Options): UsageError {
  const message = (error as Error).message;
  const positional = options && (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' ? unexpectedWord(command, argv, options) : undefined;
  if (positional !== undefined) return new UsageError(positional, { cause: error });
  // A value that starts with a dash (a title such as "-30 °C in Pyongyang") reads as the next flag; parseArgs says
  // how to write it only past its first line, which alone does not tell the editor what to do.
  const ambiguous = /^Option '(--[^']+)' argument is ambiguous/.exec(message)?.[1];
  const value = ambiguous === undefined ? undefined : argv[argv.indexOf(ambiguous) + 1];
  if (ambiguous !== undefined && value !== undefined) {
    return new UsageError(`${command}: ${ambiguous} is followed by ${JSON.stringify(value)}, which starts with a dash and so reads as a flag (if it is the value, join them with =: ${ambiguous}=${JSON.stringify(value)}; if not, give ${ambiguous} its value)`, { cause: error });
  }
  // A flag last on the line, its value left out: parseArgs's "Option '--out <value>' argument missing" names no fix.
  const missing = (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? /^Option '(?:-\w, )?(--[^ ']+) <value>' argument missing/.exec(message)?.[1] : undefined;
  if (missing !== undefined) return new UsageError(`${command}: ${missing} needs a value after it (${missing} VALUE; see broadsheet ${command} --help)`, { cause: error });
  // parseArgs's own words for an unknown flag (with positionals) end in a hint whose quotes do not balance.
  const unknown = (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /^Unknown option '([^']*)'/.exec(message)?.[1] : undefined;
  const meant = unknown !== undefined && options && unknown.startsWith('--') ? nearestName(unknown.slice(2), Object.keys(options)) : undefined;
  if (unknown !== undefined) return new UsageError(`${command}: unknown option ${unknown} (${meant === undefined ? '' : `did you mean --${meant}? `}see broadsheet ${command} --help)`, { cause: error });
  return new UsageError(`${command}: ${message.split('\n')[0]} (see broadsheet ${command} --help)`, { cause: error });
}

/**
 * For a folder typed alone (`publish --dry-run public`), the option that takes it: --content for a name that reads as
 * the content folder (`content`, `entries`), else --out (and --content too where the command takes both, but for
 * `public`, the default output). A word that reads as a path (a slash, a leading . or ~) or is a default folder's name
 * is a folder; another word (`publish --dry-run site`) is one only if the editor meant it so, and a flag typed without
 * its dashes (`dry-run`) is no folder at all.
 */
function folderHint(command: string, word: string, options: Options): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(word)) return undefined;
  if (/\.(md|markdown|ya?ml)$/i.test(word)) return options.content ? contentOfFile(command, word) : undefined;
  const shown = /^[\w./~-]+$/.test(word) ? word : JSON.stringify(word);
  const content = options.content ? `the content folder as --content ${shown}` : undefined;
  if (!/[\\/]|^[.~]/.test(word) && !['public', 'content', 'entries'].includes(word)) {
    const flag = /^[a-z][a-z-]*$/i.test(word) ? nearestName(word, Object.keys(options)) : undefined;
    if (flag !== undefined) return `did you mean --${flag}? a flag starts with --`;
    // Only a word that can be a folder's name: an address (`ann@example.org`) is none.
    if (!/^[\w.-]+$/.test(word)) return undefined;
    const folders = [options.out ? `--out ${shown} for the output folder` : undefined, options.content ? `--content ${shown} for the content folder` : undefined].filter((text) => text !== undefined);
    return folders.length === 0 ? undefined : `a folder follows its flag: ${folders.join(', ')}`;
  }
  if (content !== undefined && /(^|[\\/])(content|entries)[\\/]?$/i.test(word)) return `give ${content}`;
  if (!options.out) return undefined;
  return `give the output folder as --out ${shown}${content === undefined || word === 'public' ? '' : `, or ${content}`}`;
}

/**
 * For the content and the output folder typed alone, in that order (`publish content public`): both flags, as the
 * editor who typed `cp`'s order meant them. Only for a first word that reads as the content folder and a second that
 * reads as a folder (a path, or `public`).
 */
function bothFolders(first: string, second: string | undefined, options: Options): string | undefined {
  if (!options.content || !options.out || second === undefined || second.startsWith('-')) return undefined;
  if (!/(^|[\\/])content[\\/]?$/i.test(first) || !(/^[\w./~-]+$/.test(second) && (/[\\/]|^[.~]/.test(second) || second === 'public'))) return undefined;
  return `give the content folder as --content ${first} and the output folder as --out ${second}`;
}

/**
 * For an entry or site.yml typed alone (`check content/entries/2014/x.md`): a command reads the whole content folder,
 * so the fix names that folder, the part of the path before entries/ or beside site.yml, where the path shows it.
 */
function contentOfFile(command: string, word: string): string {
  const parts = word.split(/[\\/]/);
  const entries = parts.lastIndexOf('entries');
  const folder = entries >= 0 ? parts.slice(0, entries).join('/') || '.' : /^site\.ya?ml$/i.test(parts.at(-1)!) ? parts.slice(0, -1).join('/') || '.' : undefined;
  const shown = folder === undefined ? 'DIR' : /^[\w./~-]+$/.test(folder) ? folder : JSON.stringify(folder);
  return `${command} reads the whole content folder, not one file, and names each file's problems: give --content ${shown}${folder === undefined ? ', the folder that holds site.yml and entries/' : ''}`;
}

/**
 * What to write instead of the first word no flag takes, for a command that takes none: a value with spaces typed
 * without quotes (`--title Rason port reopens`) leaves every word after the first, and `new`'s article or headline
 * typed alone (`broadsheet new https://…`) wants its flag. parseArgs says only that the command takes no positionals.
 */
function unexpectedWord(command: string, argv: string[], options: Options): string | undefined {
  let flag: string | undefined;
  let value: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') return undefined;
    if (arg.startsWith('-')) {
      const name = arg.replace(/^--?/, '');
      const takesValue = !arg.includes('=') && (options[name]?.type === 'string' || Object.values(options).some((option) => option.short === name && option.type === 'string'));
      flag = takesValue ? arg : undefined;
      value = [];
      if (takesValue) index++;
      if (takesValue && argv[index] !== undefined) value.push(argv[index]!);
      continue;
    }
    // An article's address typed alone after another flag's value (`new --content . https://…`): no value has it as a word.
    if (flag !== undefined && value.length > 0 && /^https?:\/\//i.test(arg) && options.url && !argv.some((given) => given === '--url' || given.startsWith('--url='))) {
      return `${command}: ${JSON.stringify(arg)} follows the value of ${flag}, and only one word is its value (give the article's address as --url ${arg}; see broadsheet ${command} --help)`;
    }
    if (flag !== undefined && value.length > 0) {
      const words = [...value];
      for (let next = index; next < argv.length && !argv[next]!.startsWith('-'); next++) words.push(argv[next]!);
      const meant = flagTypedBare(arg, argv.slice(index + 1), options);
      if (meant !== undefined) return `${command}: ${JSON.stringify(arg)} follows the value of ${flag} and is not an option (did you mean --${meant}? a flag starts with --; if it is part of the value, put the value in quotes: ${flag} "${words.join(' ')}"; see broadsheet ${command} --help)`;
      // A date and a clock time without an offset (`--now 2014-06-04 10:00`): quoted alone, --now refuses it for that.
      if (flag === '--now' && words.length === 2 && /^\d{4}-\d{2}-\d{2}$/.test(words[0]!) && /^\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(words[1]!)) {
        const moment = `${words[0]}T${words[1]!.replace(/^(\d):/, '0$1:')}`;
        return `${command}: ${JSON.stringify(arg)} follows the value of --now, and only one word is its value: write the date and time as one, with the offset of the zone the time is in: --now ${moment}Z for UTC, or e.g. --now ${moment}+09:00`;
      }
      return `${command}: ${JSON.stringify(arg)} follows the value of ${flag}, and only one word is its value: put a value with spaces in quotes, ${flag} "${words.join(' ')}"`;
    }
    const hint = /^https?:\/\//i.test(arg) && options.url ? `give the article's address as --url ${arg}` : options.title ? `give a headline as --title ${JSON.stringify(arg)}` : bothFolders(arg, argv[index + 1], options) ?? folderHint(command, arg, options) ?? 'every value follows its option';
    return `${command}: ${JSON.stringify(arg)} is not an option or an option's value (${hint}; see broadsheet ${command} --help)`;
  }
  return undefined;
}

/**
 * The flag `word` is a slip for, typed without its dashes after another flag's value (`--out site dryrun`), when what
 * follows fits that flag: nothing more, or another flag, for a switch (--dry-run); one word for a flag that takes a
 * value. Words of a value with spaces (`--title Rason port reopens`) seldom fit both.
 */
function flagTypedBare(word: string, after: readonly string[], options: Options): string | undefined {
  const name = /^[a-z][a-z-]*$/i.test(word) ? nearestName(word, Object.keys(options)) : undefined;
  if (name === undefined) return undefined;
  const words = after.findIndex((arg) => arg.startsWith('-'));
  const following = words < 0 ? after.length : words;
  return following === (options[name]!.type === 'string' ? 1 : 0) ? name : undefined;
}
