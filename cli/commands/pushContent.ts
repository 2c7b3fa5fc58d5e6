import { join, relative, resolve } from 'node:path';
import { ContentError, UsageError } from '../../lib/shared/errors.js';
import { scanContent } from '../../lib/content/contentScan.js';
import { loadContent } from '../../lib/content/loadContent.js';
import { pushContent } from '../pushContent.js';
import { parseFlags } from '../args.js';
import { formatChange, formatRequests } from '../format.js';
import { EXIT_OK, type CliIo, type Command } from '../io.js';
import { createProgress, observeStore } from '../progress.js';
import { reportWarnings } from '../reportProblems.js';
import { contentStore, outputStore, refuseNoContentFolder } from '../stores.js';
import { countOf } from '../../lib/shared/countOf.js';

const HELP = `Usage: broadsheet push-content --bucket NAME [options]

Uploads the content folder to the content bucket, where the publish function reads it: only the files
whose bytes changed are uploaded, and files gone from the folder are deleted from the bucket.
The content is checked first; invalid content is refused and nothing is uploaded.
Hidden files stay home, and so does the digest's subscriber list (digest.subscribers, default
subscribers.txt), which no deployed function reads: they send to the subscriber store (broadsheet
subscribers import FILE --subscribers s3://BUCKET/_subscribers/); a copy in the bucket is deleted.
A symbolic link outside entries/, a name with a backslash or not in UTF-8, or a file or folder
that cannot be read (named with why and the fix, as check names it) refuses the push (even with
--allow-invalid): the bucket would not get that file as it is.

Options:
  --content DIR     the content folder (default: content)
  --bucket NAME     the content bucket (required; credentials and region from the usual AWS
                    environment: AWS_PROFILE, AWS_REGION, ...)
  --prefix P        the folder in the bucket the publish function reads (default: content/)
  --endpoint URL    an S3-compatible endpoint, e.g. http://127.0.0.1:4569 (default: AWS)
  --dry-run         report what would change and upload nothing
  --allow-invalid   upload even when the content has problems, each printed as a warning (the
                    publish function then refuses it, or skips the invalid entries if it runs
                    with SKIP_INVALID=true)
  --json            print a machine-readable summary (no progress bar)
  --quiet           print only the summary line (no progress bar)
  --debug           show stack traces of unexpected errors (also DEBUG=1)
  -h, --help        show this help

On a terminal, a progress bar counts the uploads and deletions on stderr while they run.
Each line gives a file's status (uploaded, deleted; unchanged files are not listed), its size and
its path; then the requests made of the bucket (requests: 1 LIST, 0 GET, 15 PUT, 0 DELETE) and a line
that sums up. Exit status: 0 pushed, 1 invalid content (nothing uploaded), 2 other failure.`;

export const pushContentCommand: Command = {
  name: 'push-content',
  summary: 'upload the content folder to the content bucket (changed files only)',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const flags = parseFlags('push-content', argv, {
      content: { type: 'string' },
      bucket: { type: 'string' },
      prefix: { type: 'string' },
      endpoint: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'allow-invalid': { type: 'boolean' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      debug: { type: 'boolean' },
    });
    if (!flags.bucket) throw new UsageError('push-content: --bucket is required (the content bucket, see broadsheet push-content --help)');
    const prefix = flags.prefix ?? 'content/';
    // Everything under the prefix that is not in the folder is deleted: never mirror onto a whole bucket.
    if (prefix.replace(/^\/+/, '') === '') throw new UsageError("push-content: --prefix must name a folder (e.g. content/): files under it that are not in the content folder are deleted");
    if (flags.content?.startsWith('s3://')) throw new UsageError('push-content: --content is the local folder to upload, not an s3:// URL');
    refuseNoContentFolder('push-content', flags.content, io);
    const from = contentStore(flags.content, io);
    const to = outputStore(undefined, io, { bucket: flags.bucket, prefix, endpoint: flags.endpoint });

    const loaded = await loadContent(await scanContent(from), { retainEntries: false });
    // With its warnings, as check and publish refuse it: an unknown `Title:` says why `title: is missing`.
    if (loaded.problems.length > 0 && !flags['allow-invalid']) throw new ContentError(loaded.problems, { warnings: loaded.warnings });
    if (!flags.json) {
      // Uploaded as asked, but not unseen: each problem as a warning, and what the publish function will make of them.
      reportWarnings([...loaded.problems, ...loaded.warnings], io);
      if (loaded.problems.length > 0) io.stderr(`${countOf(loaded.problems.length, 'problem', 'problems')} above, uploaded as --allow-invalid asks: the publish function refuses this content (with SKIP_INVALID=true it leaves the invalid entries out)`);
    }
    // On a terminal: a bar counting uploads and deletions as they complete, cleared before the summary.
    const up = createProgress(io, { label: 'uploading', unit: 'files', quiet: Boolean(flags.quiet), json: Boolean(flags.json), plainLines: false });
    let pending = 0;
    const stayHome = [loaded.site.digest.subscribers];
    const result = await pushContent({
      from,
      to: observeStore(to, { onWrite: () => up.tick() }),
      dryRun: Boolean(flags['dry-run']),
      stayHome,
      onChange: (change) => {
        if (change.status !== 'unchanged') up.setTotal(++pending);
      },
    }).finally(() => up.done());
    const { counts } = result;
    if (flags.json) {
      io.stdout(JSON.stringify({ dryRun: result.dryRun, to: to.description, counts, changes: result.changes.filter((c) => c.status !== 'unchanged'), keptHome: result.keptHome, problems: loaded.problems, warnings: loaded.warnings, requests: result.requests.to }, null, 2));
      return EXIT_OK;
    }
    if (!flags.quiet) {
      for (const change of result.changes) {
        if (change.status !== 'unchanged') io.stdout(formatChange(change));
      }
    }
    for (const key of stayHome) {
      // Said where there is a list to move, or a copy went from the bucket (under --quiet only then: a change).
      const deleted = result.changes.some((change) => change.key === key && change.status === 'deleted');
      const home = result.keptHome.includes(key);
      if (!(deleted || (home && !flags.quiet))) continue;
      const why = 'no deployed function reads a subscriber list (the digest sends to the subscriber store';
      if (!home) {
        io.stdout(`${key} stays home: the bucket's copy ${result.dryRun ? 'would be' : 'was'} deleted, as ${why})`);
        continue;
      }
      // The path the editor's shell reaches it by, for the import to run as printed.
      const absolute = join(resolve(io.cwd, flags.content ?? 'content'), ...key.split('/'));
      const path = relative(io.cwd, absolute).startsWith('..') ? absolute : relative(io.cwd, absolute);
      io.stdout(`${path} stays home: ${why}: broadsheet subscribers import ${path} --subscribers s3://${flags.bucket}/_subscribers/)`);
    }
    if (!flags.quiet) io.stdout(`requests: ${formatRequests(result.requests.to)}`);
    io.stdout(
      `${result.dryRun ? 'Dry run, nothing uploaded: would push' : 'Pushed'} ${flags.content ?? 'content'} to ${to.description}: ` +
        `${counts.uploaded} uploaded, ${counts.deleted} deleted, ${counts.unchanged} unchanged`,
    );
    return EXIT_OK;
  },
};
