import { join, relative } from 'node:path';
import { UsageError } from '../../lib/shared/errors.js';
import { LocalStore } from '../../lib/store/localStore.js';
import { createEntry } from '../newEntry.js';
import { CONTENT_FOLDER_FIX, refuseFileAsFolder } from '../refuseFileAsFolder.js';
import { parseFlags } from '../args.js';
import { parseNow } from '../now.js';
import { EXIT_OK, type CliIo, type Command } from '../io.js';
import { contentFolderPath, refuseNoContentFolder } from '../stores.js';

const HELP = `Usage: broadsheet new --url URL [options]

Writes content/entries/YYYY/<slug>.md with the front matter filled in, and prints its path.

Options:
  --url URL          the article to link (required)
  --title TEXT       its headline (also names the file; default: from the URL, title left empty)
  --source NAME      the publisher (default: the source of an earlier entry from the same site,
                     else the site's host name)
  --tags a,b         comma-separated tags, each written once and as the site already spells it
                     (trade,TRADE -> Trade when entries say Trade)
  --date YYYY-MM-DD  the entry's date (default: today in the site's time zone)
  --content DIR      the content folder (default: content)
  --now ISO-8601     what "today" is (default: now)
  --json             print {"path", "key"} as JSON
  --quiet            print only the path
  --debug            show stack traces of unexpected errors (also DEBUG=1)
  -h, --help         show this help

It never overwrites a file, and refuses an article that an existing entry already links, or
a file whose id (its path under entries/) another entry has, e.g. one renamed with its old id: kept.
Example:
  broadsheet new --url https://www.38north.org/2014/05/rason-port/ --title "Rason port upgrade" --tags Rason,Trade

Exit status: 0 written, 1 invalid site.yml, 2 refused (file exists, URL already linked, bad flag).`;

export const newCommand: Command = {
  name: 'new',
  summary: 'start a new entry file with its front matter filled in',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const flags = parseFlags('new', argv, {
      url: { type: 'string' },
      title: { type: 'string' },
      source: { type: 'string' },
      tags: { type: 'string' },
      date: { type: 'string' },
      content: { type: 'string' },
      now: { type: 'string' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      debug: { type: 'boolean' },
    });
    if (!flags.url) {
      throw new UsageError('new: --url is required (broadsheet new --url https://... [--title T])');
    }
    refuseNoContentFolder('new', flags.content, io);
    const contentDir = contentFolderPath(flags.content, io);
    refuseFileAsFolder(contentDir, '--content', CONTENT_FOLDER_FIX);
    const pieces = flags.tags?.split(',').map((tag) => tag.trim());
    const tags = pieces?.filter(Boolean);
    // `North Korea, ,Trade`: harmless, but said, as the editor may have meant a tag there.
    const emptyTags = pieces && tags && pieces.length > 1 ? pieces.length - tags.length : 0;
    const { key, text, respelled, unknownTags, untracked } = await createEntry(
      new LocalStore(contentDir),
      {
        url: flags.url,
        ...(flags.title !== undefined ? { title: flags.title } : {}),
        ...(flags.source !== undefined ? { source: flags.source } : {}),
        ...(tags ? { tags } : {}),
        ...(flags.date !== undefined ? { date: flags.date } : {}),
      },
      parseNow(flags.now),
    );
    // Relative to where the editor is (content/entries/...), absolute when the content folder is elsewhere.
    const absolute = join(contentDir, ...key.split('/'));
    const path = relative(io.cwd, absolute).startsWith('..') ? absolute : relative(io.cwd, absolute);
    if (flags.json) {
      io.stdout(JSON.stringify({ path, key }, null, 2));
      return EXIT_OK;
    }
    io.stdout(path);
    if (!flags.quiet) {
      const missing = [!/^title: ""/m.test(text) ? '' : 'the title', 'a summary', 'your commentary below the front matter'].filter(Boolean);
      if (untracked.length > 0) io.stderr(`--url: written without the tracking ${untracked.length === 1 ? 'parameter' : 'parameters'} ${untracked.join(', ')}`);
      if (emptyTags > 0) io.stderr(`--tags: ${emptyTags === 1 ? 'an empty tag between commas was' : `${emptyTags} empty tags between commas were`} left out`);
      for (const [from, to] of respelled) io.stderr(`--tags: ${from} written as ${to}, as the site spells it (a tag's page is named as its newest entry spells it)`);
      for (const [tag, near] of unknownTags) io.stderr(`warning: --tags: ${tag} is a new tag, on no other entry: did you mean ${near}? (if so, write ${near} in the file's tags: line; else a publish adds a page and feeds for ${tag})`);
      io.stderr(`Created ${path}: add ${missing.join(', ')}, then run broadsheet check (or broadsheet preview).`);
    }
    return EXIT_OK;
  },
};
