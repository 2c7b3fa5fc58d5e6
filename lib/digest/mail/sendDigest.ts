import type { DateTime } from 'luxon';
import type { DigestModel } from '../digestModel.js';
import { DeliveryError } from '../../shared/errors.js';
import { buildDigestMessage, type UnsubscribeMode } from './message.js';
import { RateLimiter } from './rateLimiter.js';
import { recipientId, type Recipient } from './recipient.js';
import type { LedgerRecord, SendLedger } from './sendLedger.js';
import type { MailTransport } from './transport.js';

export type RecipientOutcome = 'sent' | 'skipped' | 'failed' | 'unknown';

export interface RecipientResult {
  address: string;
  outcome: RecipientOutcome;
  detail?: string;
}

export interface SendSummary {
  week: string;
  transport: string;
  total: number;
  sent: number;
  /** Already sent by an earlier run, or being sent by a concurrent one. */
  skipped: number;
  failed: number;
  /** Claimed by a run that never confirmed: maybe delivered, so never sent again. */
  unknown: number;
  /** Why the run stopped early, when it did; the next run resumes with the rest. */
  stopped?: string;
  results: RecipientResult[];
}

export interface SendDigestOptions {
  model: DigestModel;
  /** renderDigestHtml(model, { variant: 'email' }). */
  html: string;
  recipients: readonly Recipient[];
  transport: MailTransport;
  ledger: SendLedger;
  /** The Date header and the ledger's timestamps. */
  now: DateTime;
  from: string;
  replyTo?: string;
  subject: string;
  listId: string;
  unsubscribe: UnsubscribeMode;
  /** Names this run in the ledger's claims. */
  runId?: string;
  /** Default: the transport's rate, or none. */
  limiter?: RateLimiter;
  log?: (line: string) => void;
}

/**
 * Sends the digest to each recipient at most once, ever (see SendLedger). One recipient's failure is logged and
 * recorded and the run goes on; a transport failure that stops everything ends the run, and a rerun resumes.
 */
export async function sendDigest(options: SendDigestOptions): Promise<SendSummary> {
  const { model, transport, ledger, now } = options;
  const log = options.log ?? (() => undefined);
  const limiter = options.limiter ?? (transport.rate ? new RateLimiter(transport.rate) : undefined);
  const summary: SendSummary = { week: model.week.name, transport: transport.name, total: 0, sent: 0, skipped: 0, failed: 0, unknown: 0, results: [] };
  const record = (address: string, outcome: RecipientOutcome, detail?: string) => {
    summary[outcome]++;
    summary.results.push(detail === undefined ? { address, outcome } : { address, outcome, detail });
    log(`${outcome.padEnd(8)} ${address}${detail ? `: ${detail}` : ''}`);
  };

  const state = await ledger.load();
  const seen = new Set<string>();
  for (const recipient of options.recipients) {
    const id = recipientId(recipient.address);
    if (seen.has(id)) continue;
    seen.add(id);
    summary.total++;
    const previous = settled([id, ...(recipient.formerIds ?? [])].map((key) => state.get(key)));
    if (previous?.status === 'sent') {
      record(recipient.address, 'skipped', 'already sent');
      continue;
    }
    if (previous?.status === 'unknown') {
      record(recipient.address, 'unknown', `attempt ${previous.attempt} was claimed but never confirmed; it may have been delivered, so it is not sent again`);
      continue;
    }
    const attempt = (state.get(id)?.attempt ?? 0) + 1;
    const note = { week: model.week.name, attempt, at: now.toISO(), run: options.runId ?? null, transport: transport.name };
    if (!(await ledger.claim(id, attempt, note))) {
      record(recipient.address, 'skipped', 'claimed by another run');
      continue;
    }
    if (recipient.invalid) {
      await ledger.fail(id, attempt, { ...note, reason: redact(recipient.invalid, recipient.address) });
      record(recipient.address, 'failed', recipient.invalid);
      continue;
    }
    const message = await buildDigestMessage({
      model,
      html: options.html,
      recipient,
      from: options.from,
      ...(options.replyTo ? { replyTo: options.replyTo } : {}),
      subject: options.subject,
      listId: options.listId,
      unsubscribe: options.unsubscribe,
      date: now,
    });
    await limiter?.wait();
    let transportId: string;
    try {
      transportId = await transport.send(message);
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : new DeliveryError(String((error as Error)?.message ?? error), false, false, { cause: error });
      if (failure.definitive) {
        await ledger.fail(id, attempt, { ...note, reason: redact(failure.message, recipient.address) });
        record(recipient.address, 'failed', failure.message);
      } else record(recipient.address, 'unknown', `${failure.message}; the outcome is unknown, so it is not sent again`);
      if (failure.fatal) {
        summary.stopped = failure.message;
        log(`stopped: ${failure.message}; rerun to resume with the recipients not yet sent`);
        break;
      }
      continue;
    }
    try {
      // SES's MessageId traces bounces and complaints; other transports' ids name the address, which the ledger never holds.
      await ledger.confirm(id, attempt, { ...note, messageId: message.messageId, ...(transport.name === 'ses' ? { transportId } : {}) });
      record(recipient.address, 'sent', transportId);
    } catch (error) {
      // Delivered but not confirmed: a rerun sees it as unknown and does not send it again.
      record(recipient.address, 'sent', `delivered, but the ledger could not record it: ${(error as Error).message}`);
    }
  }
  return summary;
}

/** The record that settles a recipient known under several ids: sent, else unknown, else the latest attempt. */
function settled(records: ReadonlyArray<LedgerRecord | undefined>): LedgerRecord | undefined {
  const found = records.filter((record): record is LedgerRecord => record !== undefined);
  return found.find((r) => r.status === 'sent') ?? found.find((r) => r.status === 'unknown') ?? found[0];
}

/** The ledger holds no address: a reason that quotes one gets a placeholder instead. */
function redact(text: string, address: string): string {
  return address ? text.split(address).join('<recipient>').replace(new RegExp(address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), '<recipient>') : text;
}
