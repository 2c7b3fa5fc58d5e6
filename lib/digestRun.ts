import type { DateTime } from 'luxon';
import type { Artifact, ArtifactBuilder } from './artifact.js';
import { DEFAULT_BUILDERS } from './defaultBuilders.js';
import { digestArtifacts, digestArtifactsFor } from './digestArtifacts.js';
import { digestConfigOf, digestSubject, listIdOf, type DigestConfig } from './digestConfig.js';
import type { DigestModel } from './digestModel.js';
import { ArchiveError, ConfigError, UsageError } from './errors.js';
import { weekEndedBefore } from './isoWeek.js';
import { weekNameProblem } from './weekName.js';
import { unsubscribeUrl, type UnsubscribeMode } from './mail/message.js';
import type { Recipient } from './mail/recipient.js';
import { sendDigest, type SendSummary } from './mail/sendDigest.js';
import { SendLedger } from './mail/sendLedger.js';
import type { MailTransport } from './mail/transport.js';
import { loadContent } from './loadContent.js';
import { readManifest, sha256, type Change } from './manifest.js';
import { publish, type PublishResult } from './publish.js';
import { parseSite, SITE_FILE } from './site.js';
import { renderDigestHtml } from './renderDigestHtml.js';
import type { Store } from './store.js';

export interface DigestSendOptions {
  /** Makes the transport once the site's digest settings are known; runDigest closes it. */
  transport: (config: DigestConfig) => MailTransport;
  /** Who gets it: the subscriber file, the SES contact list, or --to. Called only when there is something to send. */
  recipients: (config: DigestConfig, transport: MailTransport) => Promise<Recipient[]>;
  /** DIGEST_UNSUBSCRIBE_SECRET, for the {token} of digest.unsubscribe.url. */
  unsubscribeSecret?: string;
  runId?: string;
  log?: (line: string) => void;
}

export interface DigestRunOptions {
  content: Store;
  /** Receives the archive (through the same manifest as every other file) and holds the send ledger. */
  output: Store;
  now: DateTime;
  /** `YYYY-Www`. Default: the week that ended last before `now`, in the site's zone. */
  week?: string;
  /** Omit to render and archive only. */
  send?: DigestSendOptions;
  /** Publish the valid entries when some are invalid. Default false. */
  skipInvalid?: boolean;
  /** The other families of files published with the archive. Default DEFAULT_BUILDERS. */
  builders?: readonly ArtifactBuilder[];
  /** Called once per published file as soon as its fate is known (before any message is sent). */
  onChange?: (change: Change) => void;
  /**
   * Who writes the archive. Default (omitted): runDigest publishes it itself into `output`, as the CLI does.
   * Given: runDigest only renders it (`publish({dryRun: true})`, which writes nothing) and awaits this hook,
   * whether sending or not, before any message goes out; the hook gets the archive published (in a
   * deployment, by the publish function, the only writer of published files) or throws. Then runDigest checks
   * that the manifest holds the week's files exactly as rendered, or throws ArchiveError and sends nothing.
   * The send ledger is then the run's only write to `output`. A named week the archive does not keep (empty,
   * before the first entry's week) is refused with a UsageError in this mode.
   */
  ensurePublished?: (archive: RenderedArchive) => Promise<void>;
}

/** What runDigest hands `ensurePublished`. */
export interface RenderedArchive {
  /** The dry run: what a publish would write and delete now (`counts`, `changes`). */
  dryRun: PublishResult;
  model: DigestModel;
  /** The week's own files (digests/YYYY-Www.html and .txt), which the email links to. */
  weekKeys: readonly string[];
}

export interface DigestRunResult {
  model: DigestModel;
  /** The publish; with ensurePublished, the dry run made before the hook (what it had to publish). */
  publish: PublishResult;
  send?: SendSummary;
  /** Why nothing was sent although sending was asked for (an empty week). */
  notSent?: string;
}

/** Checks a `--week` value: `YYYY-Www` naming a week that exists (W53 only in long ISO years). */
export function checkWeekName(name: string): void {
  const problem = weekNameProblem(name);
  if (problem) throw new UsageError(`--week: ${problem}`);
}

/**
 * The weekly digest: archives the week (publishing digests/ with everything else, incrementally), then,
 * when asked, sends it to every recipient exactly once.
 */
export async function runDigest(options: DigestRunOptions): Promise<DigestRunResult> {
  if (options.week !== undefined) checkWeekName(options.week);
  // A send that cannot work (no From, no SMTP_URL, no unsubscribe target) fails before anything is published.
  const prepared = options.send ? await prepareSend(options.content, options.send) : undefined;
  try {
    return await archiveAndSend(options, prepared);
  } finally {
    await prepared?.transport.close?.();
  }
}

interface PreparedSend {
  transport: MailTransport;
  unsubscribe: UnsubscribeMode;
  from: string;
}

async function prepareSend(content: Store, send: DigestSendOptions): Promise<PreparedSend> {
  const siteBytes = await content.get(SITE_FILE);
  const parsed = siteBytes ? parseSite(siteBytes.toString('utf8')) : undefined;
  // Without a valid site.yml, publish reports every problem; leave the explaining to it.
  if (!parsed?.site) throw (await publishProblems(content)) ?? new ConfigError(`${SITE_FILE} is missing or invalid`);
  const config = digestConfigOf(parsed.site);
  if (!config.from) throw new ConfigError('site.yml: digest.from is missing (write from: "Site Name <digest@example.org>")');
  const listId = listIdOf(parsed.site, config);
  const transport = send.transport(config);
  let unsubscribe: UnsubscribeMode;
  if (transport.listManaged) unsubscribe = { kind: 'ses' };
  else {
    const { url, mailto } = config.unsubscribe;
    // RFC 8058 §3.1 one-click needs an https URI; RFC 2369 mailto is the fallback for clients without it.
    if (!url || !mailto) throw new ConfigError('site.yml: digest.unsubscribe needs both url (https) and mailto for the file and smtp transports (RFC 8058)');
    unsubscribeUrl(url, 'check@example.org', listId, send.unsubscribeSecret);
    unsubscribe = { kind: 'headers', urlTemplate: url, mailto, ...(send.unsubscribeSecret ? { secret: send.unsubscribeSecret } : {}) };
  }
  return { transport, unsubscribe, from: config.from };
}

/** The ContentError loadContent gives for this content, if any. */
async function publishProblems(content: Store): Promise<Error | undefined> {
  try {
    await loadContent(content);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

async function archiveAndSend(options: DigestRunOptions, prepared: PreparedSend | undefined): Promise<DigestRunResult> {
  const ensurePublished = options.ensurePublished;
  let captured: DigestModel | undefined;
  let archived = false;
  let siteZone: string | undefined;
  let built: Artifact[] = [];
  const digestBuilder = digestArtifactsFor({
    resolveWeek: (site) => {
      siteZone = site.timezone;
      return options.week ?? weekEndedBefore(options.now, site.timezone).name;
    },
    onModel: (model, _rendered, inArchive) => {
      captured = model;
      archived = inArchive;
    },
    // With another writer, render exactly what it publishes, or the two would never agree.
    archiveNamedWeek: !ensurePublished,
  });
  // No `units`: the named week must be built, never reused, for onModel to see it.
  const recording: ArtifactBuilder = {
    entriesNeeded: (plan) => digestBuilder.entriesNeeded(plan),
    summariesNeeded: (plan) => digestBuilder.summariesNeeded?.(plan) ?? [],
    build: (plan, rendered) => (built = digestBuilder.build(plan, rendered)),
  };
  const builders = (options.builders ?? DEFAULT_BUILDERS).map((builder) => (builder === digestArtifacts ? recording : builder));
  if (!builders.includes(recording)) builders.push(recording);
  const published = await publish({ content: options.content, output: options.output, now: options.now, dryRun: Boolean(ensurePublished), builders, skipInvalid: Boolean(options.skipInvalid), ...(options.onChange ? { onChange: options.onChange } : {}) });
  if (!captured) throw new UsageError(`--week: ${options.week} has not ended at ${options.now.setZone(siteZone ?? 'utc').toISO()} in ${siteZone}; a digest covers a whole week`);
  const model: DigestModel = captured;
  if (ensurePublished) {
    if (!archived) throw new UsageError(`--week: ${model.week.name} has no entries and comes before the archive's first week, so the publish function does not keep it; there is nothing to archive or send`);
    const weekFiles = built.filter((file) => file.key === model.keys.html || file.key === model.keys.text);
    await ensurePublished({ dryRun: published, model, weekKeys: weekFiles.map((file) => file.key) });
    await checkPublished(options.output, weekFiles);
  }
  const result: DigestRunResult = { model, publish: published };
  if (!options.send || !prepared) return result;

  const { config } = model;
  if (model.entries.length === 0 && !config.sendEmpty) {
    result.notSent = `${model.week.name} has no entries and digest.sendEmpty is false: archived as empty, not sent`;
    return result;
  }
  result.send = await sendWith(options, model, prepared);
  return result;
}

/** The manifest (written last by a publish) must hold each of the week's files with the bytes rendered here. */
async function checkPublished(output: Store, files: readonly Artifact[]): Promise<void> {
  const { manifest } = await readManifest(output);
  const stale = files.filter((file) => manifest[file.key]?.sha256 !== sha256(file.body)).map((file) => file.key);
  if (stale.length > 0) throw new ArchiveError(`${stale.join(' and ')} ${stale.length === 1 ? 'is' : 'are'} not published as rendered; nothing is sent until the archive the email links to is published`);
}

async function sendWith(options: DigestRunOptions, model: DigestModel, prepared: PreparedSend): Promise<SendSummary> {
  const send = options.send!;
  const { config, site } = model;
  const { transport, unsubscribe } = prepared;
  const listId = listIdOf(site, config);
  const recipients = await send.recipients(config, transport);
  const html = renderDigestHtml(model, { variant: 'email' });
  const subject = digestSubject(config.subject, { title: site.title, range: model.rangeText, week: model.week.name, count: model.entries.length });
  return sendDigest({
    model,
    html,
    recipients,
    transport,
    ledger: new SendLedger(options.output, model.week.name),
    now: options.now,
    from: prepared.from,
    ...(config.replyTo ? { replyTo: config.replyTo } : {}),
    subject,
    listId,
    unsubscribe,
    ...(send.runId ? { runId: send.runId } : {}),
    ...(send.log ? { log: send.log } : {}),
  });
}
