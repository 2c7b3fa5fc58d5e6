import type { DateTime } from 'luxon';
import type { ArtifactBuilder } from './artifact.js';
import { checkArchived, checkWeekName, deliverDigest, prepareSend, type DigestSendOptions } from './digestDelivery.js';
import type { DigestModel } from './digestModel.js';
import { publishDigestWeek, validSite } from './digestWeek.js';
import type { SendSummary } from './mail/sendDigest.js';
import type { Change } from './manifest.js';
import type { PublishResult } from './publish.js';
import type { Store } from './store.js';

export { checkWeekName, type DigestSendOptions } from './digestDelivery.js';

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
}

export interface DigestRunResult {
  model: DigestModel;
  publish: PublishResult;
  send?: SendSummary;
  /** Why nothing was sent although sending was asked for (an empty week). */
  notSent?: string;
}

/**
 * The weekly digest in one process, as `broadsheet digest` runs it: archives the week (publishing digests/
 * with everything else, incrementally; a named week is archived even when empty), then, when asked, sends
 * it to every recipient exactly once. The digest function splits the same steps across two functions: the
 * publish function publishes and returns the model (lib/digestWeek.ts), the digest function delivers it
 * (lib/digestDelivery.ts).
 */
export async function runDigest(options: DigestRunOptions): Promise<DigestRunResult> {
  if (options.week !== undefined) checkWeekName(options.week);
  // A send that cannot work (no From, no SMTP_URL, no unsubscribe target) fails before anything is published.
  const prepared = options.send ? prepareSend(await validSite(options.content), options.send) : undefined;
  try {
    const { publish, model } = await publishDigestWeek({
      content: options.content,
      output: options.output,
      now: options.now,
      ...(options.week !== undefined ? { week: options.week } : {}),
      archiveNamedWeek: true,
      skipInvalid: Boolean(options.skipInvalid),
      ...(options.builders ? { builders: options.builders } : {}),
      ...(options.onChange ? { onChange: options.onChange } : {}),
    });
    const result: DigestRunResult = { model, publish };
    if (!options.send || !prepared) return result;
    await checkArchived(options.output, model);
    return { ...result, ...(await deliverDigest(model, { output: options.output, now: options.now, send: options.send, prepared })) };
  } finally {
    await prepared?.transport.close?.();
  }
}
