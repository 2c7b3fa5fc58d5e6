import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { readMailEnv } from '../../lib/delivery/mailEnv.js';
import { join, relative, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { UsageError } from '../../lib/shared/errors.js';
import { DIGESTS_DIR, FEED_FILES } from '../../lib/shared/outputLayout.js';
import { OPML_KEY, TAG_OPML_KEY } from '../../lib/pages/pageArtifacts.js';
import { PreviewServer, type BuildReport } from '../previewServer.js';
import { previewWarnings } from '../previewWarnings.js';
import { PreviewRenames } from '../previewRenames.js';
import { NewlyHeldBack } from '../newlyHeldBack.js';
import { heldBackLines } from '../heldBackLines.js';
import { parseFlags } from '../args.js';
import { clockFrom, parseNow } from '../now.js';
import { EXIT_OK, type CliIo, type Command } from '../io.js';
import { reportProblems, reportWarnings } from '../reportProblems.js';
import { countOf } from '../../lib/shared/countOf.js';
import { rebuiltFilesWords } from '../rebuiltFilesWords.js';
import { missingOutputNotice } from '../missingOutputNotice.js';
import { contentFolderPath, outputStore, refuseNoContentFolder, refusePrivateFolderInContent, S3_FLAG_OPTIONS } from '../stores.js';

const HELP = `Usage: broadsheet preview [options]

Builds the content into a temporary folder and serves it on http://127.0.0.1:PORT/ with the same
Content-Types as S3. Rebuilds on every change under the content folder; a change that breaks the
content prints the problems and warnings (as broadsheet check does) and the last good build
stays served.

Options:
  --content DIR    the content folder (default: content)
  --port N         the port on 127.0.0.1 (default: 8080; 0 picks a free one)
  --now ISO-8601   build as of this moment (default: the time of each build, and a build again,
                   with no save, when an entry held back comes due or a digest week closes); the
                   subscription endpoints' clock starts there and runs on, so their limits lift
                   as time passes
  --subscribers DIR  where /subscribe, /confirm, /preferences and /unsubscribe keep the
                   subscribers (default: subscribers); never inside the content folder
  --outbox DIR     where the confirmation emails are written as .eml files (default: outbox);
                   never inside the content folder, which push-content uploads
  --out DIR        the published folder a publish would write to: each build also gives the
                   warnings on its content check --out gives against it (not that --now
                   is before the moment it needs, as a preview's often is): each entry
                   published there whose id a publish would change, that a new date holds
                   back, or that is now invalid
                   (which --skip-invalid takes down), each one added or re-dated into a week
                   whose digest was mailed, each tag feed published there that it deletes, each
                   correction dated after now, a digest List-Id other than the one recorded
                   there, published dates a timezone change moves, and entries added that no
                   live feed carries, and the files no publish wrote there that a publish
                   would refuse to overwrite; or --bucket NAME [--prefix P] [--endpoint URL] for S3.
                   Read only, never written
  --json           print one JSON line per build instead of text, with its warnings
                   (and, for a build that failed, its problems)
  --quiet          print only the URLs, the problems and warnings, and failed builds
  --debug          show stack traces of unexpected errors (also DEBUG=1)
  -h, --help       show this help

The subscription endpoints sign their links with DIGEST_UNSUBSCRIBE_SECRET, as broadsheet digest does;
without it, a secret made for this run only (its links stop working when the preview stops).

Stop it with Ctrl-C.`;

/** The newest archived digest, `digests/YYYY-Www.html`, if the build has one. */
function latestDigest(dir: string): string | undefined {
  try {
    return readdirSync(resolve(dir, DIGESTS_DIR)).filter((name) => /^\d{4}-W\d{2}\.html$/.test(name)).sort().pop();
  } catch {
    return undefined;
  }
}

export const previewCommand: Command = {
  name: 'preview',
  summary: 'serve the site on 127.0.0.1 and rebuild it on every change',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const flags = parseFlags('preview', argv, {
      content: { type: 'string' },
      port: { type: 'string' },
      now: { type: 'string' },
      subscribers: { type: 'string' },
      outbox: { type: 'string' },
      out: { type: 'string' },
      ...S3_FLAG_OPTIONS,
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      debug: { type: 'boolean' },
    });
    // Decimal digits only: Number() would also take "" (0, any port), "0x1F90" and "1e3".
    const port = flags.port === undefined ? 8080 : /^[0-9]{1,5}$/.test(flags.port) ? Number(flags.port) : NaN;
    if (!Number.isInteger(port) || port > 65535) throw new UsageError(`preview: --port ${JSON.stringify(flags.port)} is not a port number (write e.g. --port 8080, or 0 for any free port)`);
    const fixedNow = flags.now === undefined ? undefined : parseNow(flags.now);
    // The output flags first, as check and publish do: a bad --out or --bucket is told before the content folder.
    const compare = flags.out !== undefined || flags.bucket !== undefined;
    const published = compare ? outputStore(flags.out, io, { bucket: flags.bucket, prefix: flags.prefix, endpoint: flags.endpoint }) : undefined;
    refuseNoContentFolder('preview', flags.content, io);
    const contentDir = contentFolderPath(flags.content, io);
    refusePrivateFolderInContent('--outbox', flags.outbox, contentDir, io);
    refusePrivateFolderInContent('--subscribers', flags.subscribers, contentDir, io);
    const inside = relative(io.cwd, contentDir);
    const shownDir = inside === '' ? '.' : inside.startsWith('..') ? contentDir : inside;

    let server: PreviewServer | undefined;
    // Each file renamed since the preview started, warned of at every build until its id: line keeps the first id.
    const renames = new PreviewRenames();
    const stillThere = (key: string) => existsSync(join(contentDir, ...key.split('/')));
    // Each entry held back until its date, named by the build that first holds it back, as a publish names it.
    const newlyHeld = new NewlyHeldBack();
    // The first build's, under the URLs it serves.
    let firstHeld: string[] = [];
    const onBuild = (build: BuildReport) => {
      const time = DateTime.now().toFormat('HH:mm:ss');
      const warnings = build.ok ? previewWarnings({ warnings: build.result.warnings, idChanges: renames.add(build.result.idChanges, stillThere) }, build.published) : build.warnings;
      if (flags.json) {
        io.stdout(JSON.stringify(build.ok
          ? { event: 'build', ok: true, changed: build.changed, deleted: build.deleted, entries: build.result.entries, warnings, heldBack: build.result.heldBack, ms: Math.round(build.ms) }
          : { event: 'build', ok: false, message: build.message, problems: build.problems, warnings, serving: build.serving }));
        return;
      }
      if (build.ok) {
        reportWarnings(warnings, io);
        if (!build.first && !flags.quiet) {
          io.stdout(`[${time}] rebuilt in ${(build.ms / 1000).toFixed(2)} s: ${rebuiltFilesWords(build.changed, build.deleted)}; ${countOf(build.result.entries.published, 'entry', 'entries')} published`);
        }
        const held = heldBackLines(newlyHeld.take(build.result.heldBack));
        if (build.first) firstHeld = held;
        else if (!flags.quiet) for (const line of held) io.stdout(line);
        return;
      }
      // As check prints them: an unknown `Title:` explains `title: is missing`.
      reportWarnings(warnings, io);
      reportProblems(build.problems, io);
      const still = build.serving ? 'still serving the last good build' : 'nothing to serve until it builds';
      io.stderr(`[${time}] build failed: ${build.problems.length ? `${countOf(build.problems.length, 'problem', 'problems')} in ${shownDir}/` : build.message}; ${still}`);
    };

    const mailEnv = readMailEnv(io.env);
    const subscriptions = {
      subscribersDir: resolve(io.cwd, flags.subscribers ?? 'subscribers'),
      outboxDir: resolve(io.cwd, flags.outbox ?? 'outbox'),
      secret: mailEnv.unsubscribeSecret ?? randomBytes(32).toString('base64url'),
      // Builds are as of --now; the subscription pages' clock starts there and runs on.
      now: fixedNow === undefined ? () => DateTime.now() : clockFrom(fixedNow),
    };
    if (!mailEnv.unsubscribeSecret && !flags.quiet && !flags.json) io.stderr('DIGEST_UNSUBSCRIBE_SECRET is not set: the subscription links of this preview work only until it stops');
    const noOutput = missingOutputNotice(flags.out, io);
    if (noOutput !== undefined && !flags.quiet) io.stderr(noOutput);
    server = new PreviewServer({ contentDir, port, now: () => fixedNow ?? DateTime.now(), followClock: fixedNow === undefined, readClock: () => Date.now(), onBuild, subscriptions, ...(published ? { published } : {}) });
    let url: string;
    try {
      url = await server.start();
    } catch (error) {
      await server.close();
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`preview: port ${port} on 127.0.0.1 is in use (pass --port N, or --port 0 for any free port)`);
      throw error;
    }

    const digest = server.servedDir ? latestDigest(server.servedDir) : undefined;
    const links: [string, string][] = [
      ['index', url],
      ['RSS', url + FEED_FILES.rss],
      ['Atom', url + FEED_FILES.atom],
      ['JSON Feed', url + FEED_FILES.json],
      ['OPML', url + OPML_KEY],
      // A site without tags has no tag OPML (OPML 2.0: a body holds one or more outlines).
      ...(server.servedDir && existsSync(join(server.servedDir, TAG_OPML_KEY)) ? [['tag OPML', url + TAG_OPML_KEY] as [string, string]] : []),
      ['digests', url + DIGESTS_DIR],
      ...(digest ? [['latest digest', url + DIGESTS_DIR + digest] as [string, string]] : []),
    ];
    // Listening for the stop before saying where the preview is: a SIGTERM sent as soon as the address is read
    // would otherwise meet the default action and end the process without closing the server.
    const stopped = new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    if (flags.json) io.stdout(JSON.stringify({ event: 'listening', url, links: Object.fromEntries(links) }));
    else {
      io.stdout(`Preview of ${shownDir}/ at ${url}${fixedNow ? ` as of ${fixedNow.toISO()}` : ''}`);
      for (const [label, link] of links) io.stdout(`  ${label.padEnd(13)} ${link}`);
      io.stdout(`  ${'subscribe'.padEnd(13)} POST ${url}subscribe (subscribers in ${subscriptions.subscribersDir}, emails in ${subscriptions.outboxDir})`);
      if (!flags.quiet) for (const line of firstHeld) io.stdout(line);
      if (!flags.quiet) io.stdout(`Watching ${shownDir}/ for changes; press Ctrl-C to stop.`);
    }

    await stopped;
    await server.close();
    if (!flags.quiet && !flags.json) io.stdout('Preview stopped.');
    return EXIT_OK;
  },
};
