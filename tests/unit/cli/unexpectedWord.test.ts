import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNow } from '../../../cli/now.js';
import { runMain } from '../../support/runMain.js';

// A word no option takes: parseArgs said only "Unexpected argument 'port'. This command does not take positional
// arguments", which does not tell an editor that a title with spaces needs quotes, or that new's article wants --url.
async function refusal(args: string[]): Promise<string> {
  const run = await runMain(args);
  expect(run.code).toBe(2);
  return run.stderr.trim();
}

describe('a word on the command line that no option takes', () => {
  it('--now a date, then a clock time apart: the moment as one, with an offset (quoted alone, --now refuses it for lacking one)', async () => {
    expect(await refusal(['check', '--now', '2014-06-04', '10:00'])).toBe('broadsheet check: "10:00" follows the value of --now, and only one word is its value: write the date and time as one, with the offset of the zone the time is in: --now 2014-06-04T10:00Z for UTC, or e.g. --now 2014-06-04T10:00+09:00');
    expect(await refusal(['publish', '--now', '2014-06-04', '9:30:15', '--dry-run'])).toContain('--now 2014-06-04T09:30:15Z for UTC, or e.g. --now 2014-06-04T09:30:15+09:00');
    // Each suggestion is one --now takes.
    expect(parseNow('2014-06-04T10:00Z').toISO()).toBe('2014-06-04T10:00:00.000Z');
    expect(parseNow('2014-06-04T09:30:15+09:00').toUTC().toISO()).toBe('2014-06-04T00:30:15.000Z');
    // With an offset typed, the quoted value is one --now takes: as for any value.
    expect(await refusal(['check', '--now', '2014-06-04', '10:00+09:00'])).toContain('put a value with spaces in quotes, --now "2014-06-04 10:00+09:00"');
  });

  it('after a value typed without quotes: the whole value in quotes', async () => {
    expect(await refusal(['new', '--url', 'https://x.example/a', '--title', 'Rason', 'port', 'reopens', '--tags', 'Trade'])).toBe('broadsheet new: "port" follows the value of --title, and only one word is its value: put a value with spaces in quotes, --title "Rason port reopens"');
    expect(await refusal(['new', '--url', 'https://x.example/a', '--tags', 'Rason,', 'Trade'])).toBe('broadsheet new: "Trade" follows the value of --tags, and only one word is its value: put a value with spaces in quotes, --tags "Rason, Trade"');
  });

  it("new's article or headline alone: the option to give it with", async () => {
    expect(await refusal(['new', 'https://www.38north.org/2014/06/x/'])).toBe('broadsheet new: "https://www.38north.org/2014/06/x/" is not an option or an option\'s value (give the article\'s address as --url https://www.38north.org/2014/06/x/; see broadsheet new --help)');
    // After another flag's value (the folder of --content), an address is no word of that value: --url is meant.
    expect(await refusal(['new', '--content', '.', 'https://www.38north.org/2014/06/x/'])).toBe('broadsheet new: "https://www.38north.org/2014/06/x/" follows the value of --content, and only one word is its value (give the article\'s address as --url https://www.38north.org/2014/06/x/; see broadsheet new --help)');
    expect(await refusal(['new', 'Rason port reopens'])).toBe('broadsheet new: "Rason port reopens" is not an option or an option\'s value (give a headline as --title "Rason port reopens"; see broadsheet new --help)');
  });

  it('after a flag that takes no value, or with none before it: every value follows its option', async () => {
    expect(await refusal(['trigger', '--quiet', 'extra'])).toBe('broadsheet trigger: "extra" is not an option or an option\'s value (every value follows its option; see broadsheet trigger --help)');
    // A value joined with = is whole: the word after it is no part of it.
    expect(await refusal(['trigger', '--url=https://x.example/trigger', 'extra'])).toBe('broadsheet trigger: "extra" is not an option or an option\'s value (every value follows its option; see broadsheet trigger --help)');
    // An address is no folder's name, though settle takes --out.
    expect(await refusal(['settle', '--quiet', 'ann@example.org'])).toBe('broadsheet settle: "ann@example.org" is not an option or an option\'s value (every value follows its option; see broadsheet settle --help)');
  });

  // publish --dry-run public said only that every value follows its option.
  it('a folder typed alone: the option that takes it', async () => {
    expect(await refusal(['publish', '--dry-run', 'public'])).toBe('broadsheet publish: "public" is not an option or an option\'s value (give the output folder as --out public; see broadsheet publish --help)');
    expect(await refusal(['status', '/tmp/watch-2014/'])).toBe('broadsheet status: "/tmp/watch-2014/" is not an option or an option\'s value (give the output folder as --out /tmp/watch-2014/; see broadsheet status --help)');
    // The content and the output folder typed alone, in cp's order: both flags.
    expect(await refusal(['publish', 'content', 'public'])).toBe('broadsheet publish: "content" is not an option or an option\'s value (give the content folder as --content content and the output folder as --out public; see broadsheet publish --help)');
    expect(await refusal(['check', 'site/content', '/tmp/out', '--quiet'])).toContain('(give the content folder as --content site/content and the output folder as --out /tmp/out;');
    // A second word that reads as no folder: the content folder alone.
    expect(await refusal(['publish', 'content', 'now'])).toContain('(give the content folder as --content content;');
    expect(await refusal(['check', 'content'])).toBe('broadsheet check: "content" is not an option or an option\'s value (give the content folder as --content content; see broadsheet check --help)');
    expect(await refusal(['publish', './my site'])).toBe('broadsheet publish: "./my site" is not an option or an option\'s value (give the output folder as --out "./my site", or the content folder as --content "./my site"; see broadsheet publish --help)');
  });

  // publish --dry-run site said only that every value follows its option: a name with no slash may still be a folder.
  it("a bare name: the flags that take a folder, each the command's own", async () => {
    expect(await refusal(['publish', '--dry-run', 'site'])).toBe('broadsheet publish: "site" is not an option or an option\'s value (a folder follows its flag: --out site for the output folder, --content site for the content folder; see broadsheet publish --help)');
    expect(await refusal(['check', '--content=content', 'extra'])).toBe('broadsheet check: "extra" is not an option or an option\'s value (a folder follows its flag: --out extra for the output folder, --content extra for the content folder; see broadsheet check --help)');
    expect(await refusal(['status', 'site'])).toBe('broadsheet status: "site" is not an option or an option\'s value (a folder follows its flag: --out site for the output folder; see broadsheet status --help)');
    expect(await refusal(['push-content', 'site'])).toBe('broadsheet push-content: "site" is not an option or an option\'s value (a folder follows its flag: --content site for the content folder; see broadsheet push-content --help)');
  });

  // check content/entries/2014/x.md: neither --out nor --content reads one file, so the fix names the folder.
  it('an entry or site.yml typed alone: the content folder that holds it, which the command reads whole', async () => {
    const reads = (command: string, fix: string) => `(${command} reads the whole content folder, not one file, and names each file's problems: give --content ${fix}; see broadsheet ${command} --help)`;
    expect(await refusal(['check', 'content/entries/2014/kaesong-wages.md'])).toBe(`broadsheet check: "content/entries/2014/kaesong-wages.md" is not an option or an option's value ${reads('check', 'content')}`);
    expect(await refusal(['publish', '--dry-run', 'entries/2014/a.md'])).toBe(`broadsheet publish: "entries/2014/a.md" is not an option or an option's value ${reads('publish', '.')}`);
    expect(await refusal(['check', '../watch/site.yml'])).toBe(`broadsheet check: "../watch/site.yml" is not an option or an option's value ${reads('check', '../watch')}`);
    expect(await refusal(['preview', 'notes.md'])).toBe(`broadsheet preview: "notes.md" is not an option or an option's value ${reads('preview', 'DIR, the folder that holds site.yml and entries/')}`);
    // A command that reads no content folder: no folder to name, and a file is no output folder.
    expect(await refusal(['status', 'notes.md'])).toBe('broadsheet status: "notes.md" is not an option or an option\'s value (every value follows its option; see broadsheet status --help)');
  });

  it('a flag typed without its dashes: the flag', async () => {
    expect(await refusal(['publish', 'dry-run'])).toBe('broadsheet publish: "dry-run" is not an option or an option\'s value (did you mean --dry-run? a flag starts with --; see broadsheet publish --help)');
    expect(await refusal(['publish', '--quiet', 'dryrun'])).toBe('broadsheet publish: "dryrun" is not an option or an option\'s value (did you mean --dry-run? a flag starts with --; see broadsheet publish --help)');
    // After a flag's value: the flag, and the quotes in case the word is the value's.
    expect(await refusal(['publish', '--out', 'site', 'dryrun'])).toBe('broadsheet publish: "dryrun" follows the value of --out and is not an option (did you mean --dry-run? a flag starts with --; if it is part of the value, put the value in quotes: --out "site dryrun"; see broadsheet publish --help)');
    expect(await refusal(['publish', '--out', 'site', 'dry-run', '--quiet'])).toMatch(/"dry-run" follows the value of --out and is not an option \(did you mean --dry-run\?/);
    expect(await refusal(['publish', '--out', 'site', 'content', 'content'])).toMatch(/"content" follows the value of --out and is not an option \(did you mean --content\?/);
    // A word that does not fit the flag it is near (a switch with a word after it) reads as the value's.
    expect(await refusal(['publish', '--out', 'site', 'dryrun', 'now'])).toBe('broadsheet publish: "dryrun" follows the value of --out, and only one word is its value: put a value with spaces in quotes, --out "site dryrun now"');
  });
});

// parseArgs said "Option '--tags <value>' argument missing", its own notation, which names no fix.
describe('a flag that takes a value, given none', () => {
  it('says that the flag needs a value after it', async () => {
    expect(await refusal(['new', '--url', 'https://x.example/a', '--tags'])).toBe('broadsheet new: --tags needs a value after it (--tags VALUE; see broadsheet new --help)');
    expect(await refusal(['publish', '--dry-run', '--out'])).toBe('broadsheet publish: --out needs a value after it (--out VALUE; see broadsheet publish --help)');
  });
});

// parseArgs keeps a flag's last value: `publish --out public --dry-run --out site` wrote to site, silently.
describe('a flag given twice', () => {
  it('with two values: refused, naming both', async () => {
    expect(await refusal(['publish', '--out', 'public', '--dry-run', '--out=site'])).toBe('broadsheet publish: --out is given twice, "public" and "site", and takes one value (give it once, with the one you mean)');
    expect(await refusal(['subscribers', 'list', '--subscribers', 'a', '--subscribers', 'b'])).toBe('broadsheet subscribers: --subscribers is given twice, "a" and "b", and takes one value (give it once, with the one you mean)');
  });

  it('with one value twice, or a flag that takes several (digest --to): as given', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'broadsheet-twice-'));
    expect((await runMain(['check', '--content', 'nowhere', '--content', 'nowhere'], { cwd })).stderr).toContain('--content: ');
    expect((await runMain(['check', '--content', 'nowhere', '--content', 'nowhere'], { cwd })).stderr).not.toContain('is given twice');
    expect((await runMain(['digest', '--send', '--to', 'a@example.org', '--to', 'b@example.org', '--content', 'nowhere'], { cwd })).stderr).not.toContain('is given twice');
  });
});
