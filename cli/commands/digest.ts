import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DigestConfig } from '../../lib/content/digestConfig.js';
import { TRANSPORTS, type TransportName } from '../../lib/content/digestConfig.js';
import { checkWeekName, type DigestSendOptions } from '../../lib/delivery/digestDelivery.js';
import { runDigest } from '../digestRun.js';
import { weekNameProblem } from '../../lib/time/weekName.js';
import { ConfigError, formatProblem, UsageError } from '../../lib/shared/errors.js';
import { LocalStore } from '../../lib/store/localStore.js';
import { DIGESTS_DIR } from '../../lib/shared/outputLayout.js';
import type { Change } from '../../lib/publish/manifest.js';
import type { PublishOptions, PublishResult } from '../../lib/publish/publish.js';
import { FileTransport } from '../../lib/delivery/fileTransport.js';
import { readMailEnv } from '../../lib/delivery/mailEnv.js';
import { sesEndpointName } from '../../lib/delivery/sesEndpointName.js';
import { addressRecipients, subscriberFileRecipients } from '../../lib/delivery/recipientSources.js';
import type { Recipient } from '../../lib/subscribers/recipient.js';
import { subscriptionHandlerOrigin } from '../../lib/shared/subscriptionHandlerOrigin.js';
import { listSendRefusal } from '../../lib/subscribers/listSendRefusal.js';
import type { MailTransport } from '../../lib/delivery/transport.js';
import { cliRunStart, recordRun } from '../recordRun.js';
import { cliPublishLock } from '../publishLock.js';
import { failedRunRecord, pingedRunRecord, publishedRunRecord } from '../../lib/publish/publishRunRecord.js';
import type { RunRecord } from '../../lib/publish/runRecord.js';
import { pingLines } from '../pingLines.js';
import { notePings, pingWithInterrupt } from '../pingWithInterrupt.js';
import type { ToPing } from '../../lib/publish/websub.js';
import { StoreSubscriberStore } from '../../lib/subscribers/storeSubscriberStore.js';
import { parseFlags } from '../args.js';
import { parseNow } from '../now.js';
import { earlierNowInSiteZone } from '../earlierNowInSiteZone.js';
import { turnedBackWarning } from '../turnedBackWarning.js';
import { formatChange } from '../format.js';
import { EXIT_FAILURE, EXIT_OK, type CliIo, type Command } from '../io.js';
import { createProgress } from '../progress.js';
import { Interrupt } from '../interrupt.js';
import { reportProblems, reportWarnings } from '../reportProblems.js';
import { s3UrlParts } from '../s3UrlParts.js';
import { contentFolderPath, contentStore, outputStore, refuseOverlappingOutput, refusePrivateFolderInContent, S3_FLAG_OPTIONS, subscriberObjects } from '../stores.js';
import { countOf } from '../../lib/shared/countOf.js';
import { unknownRecipientsLine } from '../unknownRecipientsLine.js';
import { digestSentLine } from '../digestSentLine.js';
import { cliSesListBounds } from '../sesListBounds.js';
import { digestSendFailure } from '../digestSendFailure.js';

const HELP = `Usage: broadsheet digest [options]

Archives one week's digest (digests/YYYY-Www.html and .txt, digests/index.html and the digest feeds,
published with everything else, and every file that publish writes or deletes listed) and, with --send,
emails it to each subscriber exactly once.

Options:
  --week YYYY-Www     the ISO week (default: the week that ended last before --now, in the site's zone;
                      while that week comes before the site's first entry, nothing is archived or sent)
  --now ISO-8601      run as of this moment (default: now)
  --send              send the digest; without it, render and archive only
  --transport NAME    file (default: one .eml per recipient in --outbox), smtp (SMTP_URL) or ses
                      (the contacts of digest.ses.contactList subscribed to digest.ses.topic, SES
                      managing unsubscribes; --to and --subscribers go without the contact list,
                      with Broadsheet's own List-Unsubscribe)
  --to ADDRESS        send a test copy to this address instead of the subscribers (repeatable): once
                      per version of the week's email, and never counted as the subscribers' send
  --subscribers DIR   send to the confirmed subscribers in this folder (as broadsheet preview and
                      broadsheet subscribers keep them), each with the tags they chose, instead of
                      digest.subscribers; or s3://BUCKET/PREFIX, a deployment's store, which needs
                      --bucket (its site bucket, where its send ledger is). Sent a shard of the store
                      at a time. A folder that does not exist is refused, and so is one inside the content
                      folder, which push-content uploads
  --content DIR       the content folder (default: content); or s3://BUCKET/PREFIX
  --endpoint URL      an S3-compatible endpoint for s3:// (--content, --subscribers) and --bucket,
                      e.g. http://127.0.0.1:4569 (default: AWS)
  --out DIR           the output folder, which also keeps the send ledger (default: public)
  --bucket NAME       publish the archive to this S3 bucket instead, and keep the send ledger there:
                      a deployment's site bucket, so that no one gets the week twice across its sends
                      and yours (credentials and region from the usual AWS environment)
  --prefix P          the folder in the bucket (default: the bucket's root; the stack's SITE_PREFIX)
  --outbox DIR        where the file transport writes (default: outbox); never inside the content
                      folder, which push-content uploads
  --skip-invalid      archive with the valid entries when some are invalid
  --allow-earlier-now publish as of a --now before the last publish's newest entry or digest week,
                      taking down what came due since (default: refused, nothing written or sent)
  --json              print a machine-readable summary (no progress bar)
  --quiet             print only the summary lines (no progress bar)
  --debug             show stack traces of unexpected errors (also DEBUG=1)
  -h, --help          show this help

Environment: SMTP_URL (smtp transport), DIGEST_UNSUBSCRIBE_SECRET (for {token} in digest.unsubscribe.url),
AWS_REGION and AWS credentials (ses), SES_ENDPOINT (another SES endpoint, e.g. a local emulator),
SES_LIST_REQUEST_TIMEOUT_MS and SES_LIST_MAX_ATTEMPTS (reading the contact list: 10000 ms, 3 attempts).

With --send on a terminal, a progress bar with the time left counts the recipients on stderr.
No recipient ever gets the same week twice: rerunning resumes with the ones not yet sent, and reports
the ones a dead run claimed but never confirmed as unknown, without sending to them again (broadsheet
settle records what the mail server's log says of them: delivered, or to be sent again). A test copy
(--to) is apart: each version of the week's email reaches a --to address once, and a subscriber who had
a test copy still gets the week. A subscriber who consented after the week's issue was due (digest.day at
digest.time, in the week after it) is skipped: it is not theirs, and they start with the next week's.
After the archive (and the send), a WebSub hub (site.yml websub:) is pinged and how it went is the last
report, a send that failed after the archive included; a Ctrl-C or SIGTERM then stops only the pings,
and the exit status is the run's.
Exit status: 0 done, 1 invalid content, 2 a recipient failed, the run stopped early, or another failure.`;

export const digestCommand: Command = {
  name: 'digest',
  summary: 'archive the weekly digest and send it to subscribers (--send)',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const flags = parseFlags('digest', argv, {
      week: { type: 'string' },
      now: { type: 'string' },
      send: { type: 'boolean' },
      transport: { type: 'string' },
      to: { type: 'string', multiple: true },
      subscribers: { type: 'string' },
      content: { type: 'string' },
      out: { type: 'string' },
      ...S3_FLAG_OPTIONS,
      outbox: { type: 'string' },
      'skip-invalid': { type: 'boolean' },
      'allow-earlier-now': { type: 'boolean' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      debug: { type: 'boolean' },
    });
    if (flags.transport !== undefined && !TRANSPORTS.includes(flags.transport as TransportName)) {
      throw new UsageError(`digest: --transport ${JSON.stringify(flags.transport)} is not one of ${TRANSPORTS.join(', ')}`);
    }
    if (!flags.send && (flags.transport !== undefined || flags.to !== undefined || flags.subscribers !== undefined)) throw new UsageError('digest: --transport, --to and --subscribers only apply with --send');
    if (flags.to !== undefined && flags.subscribers !== undefined) throw new UsageError('digest: --to and --subscribers cannot go together');
    // A mistyped folder is no empty list: the digest would be archived and sent to nobody.
    if (flags.subscribers !== undefined && !flags.subscribers.startsWith('s3://') && !statSync(resolve(io.cwd, flags.subscribers), { throwIfNoEntry: false })?.isDirectory()) {
      throw new UsageError(`digest: --subscribers: ${resolve(io.cwd, flags.subscribers)} is not a folder (the subscriber store that broadsheet subscribers and broadsheet preview keep; check its name)`);
    }
    // The store holds the subscribers' addresses and consent: none in the folder push-content uploads.
    if (flags.subscribers !== undefined && !flags.subscribers.startsWith('s3://') && !flags.content?.startsWith('s3://')) {
      refusePrivateFolderInContent('--subscribers', flags.subscribers, contentFolderPath(flags.content, io), io, { keep: 'keep the subscriber records', addresses: "the subscribers' addresses" });
    }
    if (flags.endpoint !== undefined && flags.bucket === undefined && !flags.content?.startsWith('s3://') && !flags.subscribers?.startsWith('s3://')) throw new UsageError('digest: --endpoint goes with --bucket or an s3:// --content or --subscribers');
    // The ledger that keeps each subscriber to one message is the output's: a deployment's store sent to from a local
    // output would mail again everyone the deployment (or a run with another --out) already had.
    if (flags.send && flags.subscribers?.startsWith('s3://') && flags.bucket === undefined) {
      throw new UsageError(
        `digest: --send to the deployment's store ${flags.subscribers} keeps its send ledger in the output, and ${resolve(io.cwd, flags.out ?? 'public')} is not the deployment's: ` +
          'give --bucket SITE_BUCKET (and --prefix, the stack\'s SITE_PREFIX, if it has one), where the digest function keeps its ledger, or send through the deployment: broadsheet trigger --digest WEEK --send',
      );
    }
    // A week mistyped is a bad flag, refused as one before the run begins: else it is recorded as a refused digest
    // run, which status lists (exit 2) until a digest runs again.
    if (flags.week !== undefined) checkWeekName(flags.week, '--week');
    const now = parseNow(flags.now);
    refuseOverlappingOutput(flags, io);
    const content = contentStore(flags.content, io, { endpoint: flags.endpoint });
    const contentBucket = s3UrlParts(flags.content)?.bucket;
    const output = outputStore(flags.out, io, { bucket: flags.bucket, prefix: flags.prefix, endpoint: flags.endpoint });
    const mailEnv = readMailEnv(io.env);
    const outboxDir = resolve(io.cwd, flags.outbox ?? 'outbox');
    const log = (line: string) => {
      if (!flags.quiet && !flags.json) io.stdout(line);
    };
    // On a terminal with --send: a bar over the per-recipient lines, ticking once per recipient settled.
    const sending = createProgress(io, { label: 'sending', unit: 'emails', eta: true, quiet: Boolean(flags.quiet), json: Boolean(flags.json), plainLines: false });

    let send: DigestSendOptions | undefined;
    let fileList: Recipient[] | undefined;
    // Ctrl-C during a send stops it before the next message, the one under way confirmed: none is left unknown.
    const interrupt = flags.send ? new Interrupt(io, 'digest', 'after the message being sent') : undefined;
    if (flags.send) {
      send = {
        transport: async (config) => {
          const name = (flags.transport as TransportName | undefined) ?? config.transport;
          // The file transport's messages hold their recipients' addresses: none in the folder push-content uploads.
          if (name === 'file' && !flags.content?.startsWith('s3://')) {
            refusePrivateFolderInContent('--outbox', flags.outbox, contentFolderPath(flags.content, io), io, { keep: "write the week's emails", addresses: "every recipient's address" });
          }
          // Who leaves through the subscription handler is recorded in the store, which a send to the list never reads.
          const refused = flags.to === undefined && flags.subscribers === undefined ? listSendRefusal(config, name, `${content.description}${config.subscribers}`) : undefined;
          if (refused) throw new ConfigError(formatProblem(refused));
          // Read now, so that a bad setting is refused before the week is archived, as a bad flag is.
          if (name === 'ses' && flags.to === undefined && flags.subscribers === undefined) cliSesListBounds(io.env);
          const transport = await makeTransport(name, config, outboxDir, mailEnv, { contactList: flags.to === undefined && flags.subscribers === undefined });
          // The subscriber file read now too: one missing or unreadable is refused before the week is archived.
          if (flags.to === undefined && flags.subscribers === undefined && !transport.listManaged) fileList = await subscriberFileRecipients(content, config.subscribers, contentBucket);
          return transport;
        },
        // Not called with --subscribers, which sends a shard at a time (runDigest's subscribers, below).
        recipients: async (config, transport) => {
          const list = flags.to
            ? addressRecipients(flags.to)
            : transport.listManaged
              ? await (await import('../sesListRecipients.js')).sesListRecipients(mailEnv, cliSesListBounds(io.env), config.ses.contactList!, config.ses.topic!)
              : (fileList ?? (await subscriberFileRecipients(content, config.subscribers, contentBucket)));
          sending.setTotal(list.length);
          return list;
        },
        runId: randomUUID(),
        clock: () => DateTime.now(),
        ...(flags.to ? { testCopies: true } : {}),
        // The store records who leaves only through its own /unsubscribe: prepareSend refuses any other link.
        ...(flags.subscribers !== undefined ? { subscriberStore: true } : {}),
        ...(interrupt ? { stopRequested: () => interrupt.stopRequested() } : {}),
        log: (line) => {
          listWritten();
          sending.interrupt(() => log(line));
          if (/^(sent|skipped|failed|unknown) /.test(line)) sending.tick();
        },
        ...(mailEnv.unsubscribeSecret ? { unsubscribeSecret: mailEnv.unsubscribeSecret } : {}),
      };
    }

    // The files the week's publish wrote or deleted are listed once published (a publish that fails, or finds the
    // output locked, wrote none of them), before the first line about a message: every one the summary counts, the
    // archive's and any other the publish brought up to date (an entry come due at --now, content edited since).
    let written: string[] | undefined = [];
    const onChange = (change: Change) => {
      if (change.status !== 'unchanged') written?.push(formatChange(change));
    };
    const listWritten = () => {
      for (const line of written ?? []) log(line);
      written = undefined;
    };
    const runStart = cliRunStart('digest');
    // The record names the week: the one asked for, then the one settled on (a default one too).
    let week = flags.week !== undefined && weekNameProblem(flags.week) === undefined ? flags.week : undefined;
    const started = () => ({ ...runStart(), ...(week ? { week } : {}), ...(send && flags.to ? { testCopies: true as const } : {}) });
    // The total grows as each shard of the store is read.
    let subscriberTotal = 0;
    const subscribers =
      send && flags.subscribers !== undefined
        ? { store: new StoreSubscriberStore(subscriberObjects(flags.subscribers, io, { endpoint: flags.endpoint })), counted: (n: number) => sending.setTotal((subscriberTotal += n)), countNotBegun: !flags.subscribers.startsWith('s3://') }
        : undefined;
    // Recorded as it begins, so that a send killed outright (no end, no record of it) shows in status; the same key
    // takes the record of its end.
    if (send) await recordRun(output, { ...started(), outcome: 'unfinished', message: UNFINISHED_SEND, counts: {}, changed: [], changedTotal: 0, problems: [], problemsTotal: 0 }, io);
    // The run's record at its end, which its pings' outcomes are added to.
    let recorded: RunRecord | undefined;
    const record = (run: RunRecord) => ((recorded = run), recordRun(output, run, io));
    // Archiving only, the run ends with the publish: recorded while the publish still holds the lock, so that one
    // killed at any moment leaves its lock or its record (PublishOptions.beforeUnlock).
    const beforeUnlock: PublishOptions['beforeUnlock'] = send ? undefined : (ended) => record('error' in ended ? failedRunRecord(started(), ended.error) : publishedRunRecord(started(), ended.written));
    // Within PING_BUDGET_MS, reported after the run: a hub that hangs delays only its own lines, and a Ctrl-C then
    // stops the pings alone.
    const ping = async (toPing: PublishResult['toPing']) => {
      const pings = await pingWithInterrupt(toPing, io, 'digest', interrupt?.taken, output, cliPublishLock('digest', io));
      if (pings.length > 0 && recorded) await recordRun(output, pingedRunRecord(recorded, pings, runStart().endedAt), io);
      const pinged = pingLines(pings);
      for (const line of pinged.warnings) io.stderr(line);
      return { pings, told: pinged.told };
    };
    // The week's publish, once done: a send that fails after it still has the hub told of the feeds it changed.
    let published: PublishResult | undefined;
    let failed: { error: unknown } | undefined;
    const result = await runDigest({
      content,
      output,
      now,
      // The wall clock, which stamps a local content folder's mtimes (PublishOptions.readAt).
      readAt: Date.now(),
      lock: cliPublishLock('digest', io, `run broadsheet digest${send ? ' --send' : ''} again`),
      ...(flags.week ? { week: flags.week } : {}),
      ...(send ? { send } : {}),
      ...(subscribers ? { subscribers } : {}),
      skipInvalid: Boolean(flags['skip-invalid']),
      allowEarlierNow: flags.now === undefined || Boolean(flags['allow-earlier-now']),
      onChange,
      onWeek: (settled) => (week = settled.name),
      // Pinged below, after the archive, the sends and the record: the hub waits, the subscribers do not.
      websub: 'later',
      ...(beforeUnlock ? { beforeUnlock } : {}),
      onPublished: (publish) => (published = publish),
      // Kept pending before the send, as the digest function keeps them: a run killed before its pings leaves them to
      // the next publish (once its claim ends), which would otherwise find those feeds unchanged and ping none.
      ...(send ? { notePings: (toPing: ToPing) => notePings(output, toPing, io) } : {}),
    })
      .catch(async (caught: unknown) => {
        const error = await earlierNowInSiteZone(caught, now, content);
        // A failure after the archive was recorded (its week not read once published) replaces that record.
        if (!recorded || recorded.outcome === 'ok') await record(failedRunRecord(started(), error));
        failed = { error };
        return undefined;
      })
      .finally(() => {
        interrupt?.dispose();
        sending.done();
      });
    if (!result) {
      // The files are published whatever became of the send: they are listed, the hub hears of the feeds that
      // changed, and the run fails as it did.
      if (published) listWritten();
      const { told } = await ping(published?.toPing);
      if (told && !flags.quiet && !flags.json) io.stdout(told);
      throw failed!.error;
    }
    listWritten();
    const sent = result.send;
    // Why nothing was sent, known only now: the archive's record, made before, is replaced to keep it.
    const notSent = result.nothing ?? result.notSent;
    if (sent || !recorded || notSent !== undefined) {
      const published = publishedRunRecord(started(), { ...result.publish, warnings: result.warnings });
      const failure = sent && digestSendFailure(sent);
      await record({
        ...published,
        ...(notSent !== undefined ? { notSent } : {}),
        ...(sent ? { counts: { ...published.counts, sent: sent.sent, skipped: sent.skipped, failed: sent.failed, unknown: sent.unknown } } : {}),
        ...(failure ? { outcome: 'failed' as const, ...failure } : {}),
      });
    }
    const { model, publish } = result;
    reportWarnings(result.warnings, io);
    // In the zone --now was typed in, as its refusal gives the moment; else the site's (publish's result).
    if (publish.turnedBackFrom) io.stderr(turnedBackWarning(flags.now !== undefined ? publish.turnedBackFrom.setZone(now.zone) : publish.turnedBackFrom, false));
    if (publish.skipped.length > 0) {
      io.stderr(`skipped ${countOf(publish.entries.skipped, 'invalid entry', 'invalid entries')}:`);
      reportProblems(publish.skipped, io);
    }
    const digestChanges = publish.changes.filter((change) => change.key.startsWith(DIGESTS_DIR));
    if (flags.json) {
      const { pings } = await ping(result.publish.toPing);
      io.stdout(JSON.stringify({ week: model.week.name, range: model.rangeText, entries: model.entries.length, output: output.description, archive: digestChanges, changes: publish.changes.filter((change) => change.status !== 'unchanged'), counts: publish.counts, send: result.send ?? null, notSent: result.notSent ?? null, nothing: result.nothing ?? null, pings }, null, 2));
    } else {
      const counts = `${publish.counts.new} new, ${publish.counts.changed} changed, ${publish.counts.deleted} deleted files in all`;
      if (result.nothing !== undefined) io.stdout(`No ${model.week.name} digest (${model.rangeText}): ${result.nothing}; published ${output.description}: ${counts}`);
      else io.stdout(`Archived the ${model.week.name} digest (${model.rangeText}, ${countOf(model.entries.length, 'entry', 'entries')}) in ${output.description}${model.keys.html}: ${counts}`);
      if (result.notSent) io.stdout(`Not sent: ${result.notSent}`);
      const summary = result.send;
      if (summary) {
        const where = summary.transport === 'file' ? ` (.eml files in ${outboxDir}/${model.week.name}/)` : '';
        io.stdout(digestSentLine(summary, where));
        if (summary.stopped) io.stderr(`stopped early: ${summary.stopped}; rerun to send to the rest`);
        // Those another run may still be waiting for the answer to are its to record, not to settle: their own lines.
        const unknown = summary.results.filter((r) => r.outcome === 'unknown' && !r.inProgress);
        if (unknown.length > 0) io.stderr(unknownRecipientsLine(unknown.length, summary.week, { addresses: unknown.map((r) => r.address) }));
        for (const r of summary.results.filter((r) => r.inProgress)) io.stderr(`in progress in another run: ${r.address}: ${r.detail}`);
      }
      const { told } = await ping(result.publish.toPing);
      if (told && !flags.quiet) io.stdout(told);
    }
    const bad = result.send && (result.send.failed > 0 || result.send.stopped !== undefined);
    return bad ? EXIT_FAILURE : EXIT_OK;
  },
};

let ses: Promise<SESv2Client> | undefined;
/** One SES client per process for SendEmail, with the bounds the digest function shares; the SDK loads only for it. */
function sesClient(env: ReturnType<typeof readMailEnv>): Promise<SESv2Client> {
  ses ??= import('../../lib/delivery/sesTransport.js').then(({ createSesClient }) => createSesClient({ region: env.region ?? 'us-east-1', ...(env.sesEndpoint ? { endpoint: env.sesEndpoint } : {}) }));
  return ses;
}

/**
 * The transport to send through. `contactList`: the recipients are the SES contact list's (no --to, no
 * --subscribers), whose unsubscribes SES manages. Any other recipient is no contact of it: the messages carry
 * Broadsheet's own List-Unsubscribe, as the deployed functions' do, so that who leaves is recorded in the store.
 * Only the transport used loads its client (nodemailer's SMTP connection, the SES SDK).
 */
export async function makeTransport(name: TransportName, config: DigestConfig, outboxDir: string, env: ReturnType<typeof readMailEnv>, recipients: { contactList: boolean }): Promise<MailTransport> {
  if (name === 'file') return new FileTransport(new LocalStore(outboxDir));
  if (name === 'smtp') {
    if (!env.smtpUrl) throw new ConfigError('the smtp transport needs SMTP_URL (e.g. smtp://user:password@smtp.example.org:587)');
    const { SmtpTransport } = await import('../../lib/delivery/smtpTransport.js');
    return new SmtpTransport({ url: env.smtpUrl });
  }
  const { SesTransport } = await import('../../lib/delivery/sesTransport.js');
  const endpoint = sesEndpointName(env.sesEndpoint, env.region ?? 'us-east-1');
  const options = { client: await sesClient(env), endpoint, rate: config.ses.rate, ...(config.ses.configurationSet ? { configurationSet: config.ses.configurationSet } : {}) };
  if (!recipients.contactList) return new SesTransport(options);
  if (!config.ses.contactList || !config.ses.topic) throw new ConfigError('site.yml: the ses transport needs digest.ses.contactList and digest.ses.topic to send to the contact list (or send with --subscribers DIR)');
  return new SesTransport({ ...options, contactList: config.ses.contactList, topic: config.ses.topic });
}

/** What a digest send's record says until its end replaces it. */
export const UNFINISHED_SEND = 'no end recorded: the send is under way, or was stopped without one (killed); digest --send again resumes it, and sends nobody twice';
