import { checkArchived, checkWeekName, deliverDigest, prepareSend, type DigestSendOptions } from '../lib/delivery/digestDelivery.js';
import type { DigestModel } from '../lib/digest/digestModel.js';
import { publishDigestWeek, validSite, type DigestWeekOptions } from '../lib/publish/publishDigestWeek.js';
import type { SendSummary } from '../lib/delivery/sendDigest.js';
import { deliverByShard } from '../lib/delivery/deliverByShard.js';
import { noteWeekSent } from '../lib/delivery/failedBatches.js';
import { noteUnsettled } from '../lib/delivery/unsettledWeeks.js';
import type { SubscriberStore } from '../lib/subscribers/subscriberStore.js';
import type { PublishResult } from '../lib/publish/publish.js';
import type { ToPing } from '../lib/publish/websub.js';
import type { Problem } from '../lib/shared/errors.js';
import { offeredTags } from '../lib/subscribers/offeredTags.js';
import { goneTagWarnings } from '../lib/delivery/goneTagWarnings.js';

/** What publishDigestWeek takes, a named week the archive does not keep refused before anything is written, and what a send needs. */
export interface DigestRunOptions extends Omit<DigestWeekOptions, 'archiveNamedWeek' | 'cacheControl'> {
  /** Omit to render and archive only. */
  send?: DigestSendOptions;
  /** Send to this store's confirmed subscribers, a shard at a time (send.recipients is then not called). */
  subscribers?: { store: SubscriberStore; counted?: (recipients: number) => void; countNotBegun?: boolean };
  /** Called once the week's publish is done, before any send: a send that then fails leaves its files published. */
  onPublished?: (publish: PublishResult) => void;
  /**
   * Called before a send with the pings the publish leaves to the caller (PublishResult.toPing, `websub: 'later'`),
   * to keep them pending (notePendingPings) should the run die before it makes them; what it returns is the result's
   * toPing then, and onPublished's.
   */
  notePings?: (toPing: ToPing) => Promise<ToPing>;
}

export interface DigestRunResult {
  model: DigestModel;
  publish: PublishResult;
  /** The publish's warnings, then the send's (subscribers who chose a tag the site no longer has). */
  warnings: Problem[];
  send?: SendSummary;
  /** Why nothing was sent although sending was asked for (an empty week). */
  notSent?: string;
  /** Why nothing was archived or sent: the week just ended, asked for by default, comes before the site's first entry. */
  nothing?: string;
}

/**
 * The weekly digest in one process, as `broadsheet digest` runs it: archives the week (publishing digests/
 * with everything else, incrementally; a named empty week the archive does not keep is refused), then, when asked, sends
 * it to every recipient exactly once. The digest function splits the same steps across two functions: the
 * publish function publishes and returns the model (lib/publish/publishDigestWeek.ts), the digest function delivers it
 * (lib/delivery/digestDelivery.ts).
 */
export async function runDigest(options: DigestRunOptions): Promise<DigestRunResult> {
  if (options.week !== undefined) checkWeekName(options.week, '--week');
  // A send that cannot work (no From, no SMTP_URL, no unsubscribe target) fails before anything is published.
  const prepared = options.send ? await prepareSend(await validSite(options.content), options.send) : undefined;
  try {
    const { send, subscribers: _subscribers, onPublished, notePings, ...weekOptions } = options;
    const week = await publishDigestWeek({ ...weekOptions, archiveNamedWeek: true });
    const { model, nothing } = week;
    // Noted before the send, which may last long: the hub hears of the feeds after it.
    // The week is sent: asked to, and a week with something to send.
    const sending = send !== undefined && prepared !== undefined && nothing === undefined;
    const toPing = sending && week.publish.toPing && notePings ? await notePings(week.publish.toPing) : undefined;
    const publish = toPing ? { ...week.publish, toPing } : week.publish;
    onPublished?.(publish);
    const result: DigestRunResult = { model, publish, warnings: publish.warnings, ...(nothing !== undefined ? { nothing } : {}) };
    if (!sending) return result;
    await checkArchived(options.output, model);
    // A test copy's recipients chose no tags.
    const siteTags = send.testCopies ? undefined : await offeredTags(options.output);
    const deliver = { output: options.output, now: options.now, send, prepared, ...(siteTags ? { siteTags } : {}) };
    const subscribers = options.subscribers;
    const delivery = subscribers ? await deliverByShard(model, subscribers.store, { ...deliver, ...(subscribers.counted ? { counted: subscribers.counted } : {}), ...(subscribers.countNotBegun ? { countNotBegun: true } : {}) }) : await deliverDigest(model, deliver);
    // The week's send to its subscribers ends a run of failed fan-out batches (status's FAILING line); a test copy's does not.
    if (delivery.send && !send.testCopies) {
      await noteWeekSent(options.output, delivery.send, options.now);
      // Its recipients left unknown, for status however old this run's record is; a note not written is no reason to fail a send.
      await noteUnsettled(options.output, delivery.send, options.now, { runId: delivery.marked ?? send.runId }).catch(() => undefined);
    }
    const { goneTags, marked: _marked, ...delivered } = delivery;
    return { ...result, ...delivered, warnings: [...publish.warnings, ...(goneTags ? goneTagWarnings(goneTags) : [])] };
  } finally {
    await prepared?.transport.close?.();
  }
}
