import { describe, expect, it } from 'vitest';
import { parseCommandLine, parseFlags } from '../../../cli/args.js';
import { UsageError } from '../../../lib/shared/errors.js';

const FLAGS = { title: { type: 'string' }, tags: { type: 'string' } } as const;

describe('parseFlags', () => {
  it('says how to write a value that starts with a dash, naming the flag and the value', () => {
    const run = () => parseFlags('new', ['--tags', 'Trade', '--title', '-30 °C in Pyongyang'], FLAGS);
    expect(run).toThrow(UsageError);
    expect(run).toThrow('new: --title is followed by "-30 °C in Pyongyang", which starts with a dash and so reads as a flag (if it is the value, join them with =: --title="-30 °C in Pyongyang"; if not, give --title its value)');
  });

  it('also when the dash begins the next flag (the value was forgotten)', () => {
    expect(() => parseFlags('new', ['--title', '--tags', 'Trade'], FLAGS)).toThrow('new: --title is followed by "--tags", which starts with a dash');
  });
});

describe('an unknown option', () => {
  it('is named in our words with the command and its help, with or without positional arguments', () => {
    // parseArgs's own text for the second ends in a hint whose quotes do not balance.
    expect(() => parseFlags('status', ['--frob'], FLAGS)).toThrow(new UsageError('status: unknown option --frob (see broadsheet status --help)'));
    expect(() => parseCommandLine('subscribers', ['list', '--quiet'], FLAGS)).toThrow(new UsageError('subscribers: unknown option --quiet (see broadsheet subscribers --help)'));
    expect(() => parseCommandLine('subscribers', ['list', '-q'], FLAGS)).toThrow(new UsageError('subscribers: unknown option -q (see broadsheet subscribers --help)'));
  });
});
