import type { DeliveryError } from '../shared/errors.js';
import { redactAddress } from './redactAddress.js';
import { withoutAddresses } from '../shared/mailbox.js';

/** How many refusals alike, before any message went out, make a run stop as refused by its relay. */
export const RELAY_REFUSAL_SAMPLE = 3;

/**
 * The permanent refusals that open a run, before its first message goes out, when their code does not say whom they
 * are about (smtpRefusalScope's `unclear`: a bare 550, a 5.7.1 naming no relaying, SES's MessageRejected). The same
 * reply, the recipient's address aside, to the first RELAY_REFUSAL_SAMPLE messages, sent to two domains at least, is
 * the relay refusing every message (misconfigured, its account not allowed to send, or the sender's address or domain
 * refused: its words say which), not those recipients: the run stops, and the next one sends to them and to the rest.
 * The domains keep one receiving server's wording of its own unknown mailboxes (three bad lines at the top of a list)
 * from stopping every run there for good.
 */
export class OpeningRefusals {
  private reply: string | undefined;
  private count = 0;
  private readonly domains = new Set<string>();
  private over = false;
  private anySent = false;

  /** A message went out: the relay sends, and later refusals are the recipients'. */
  sent(): void {
    this.over = true;
    this.anySent = true;
  }

  /** Whether a message went out. */
  get delivered(): boolean {
    return this.anySent;
  }

  /**
   * The refusals counted so far, while every one was alike and the rule has not decided (nothing went out, no other
   * reply came, no stop): what a batch too small to decide (one shard's one or two recipients) leaves open.
   */
  get undecided(): { count: number; reply: string } | undefined {
    if (this.over || this.reply === undefined) return undefined;
    return { count: this.count, reply: withoutAddresses(this.reply) };
  }

  /** Counts a permanent refusal of `address` whose code names no one; why the run must stop, once they are alike enough. */
  refused(failure: DeliveryError, address: string): string | undefined {
    if (this.over || failure.outcome !== 'refused' || failure.transient || failure.ofRecipient) return undefined;
    const reply = redactAddress(failure.message, address);
    if (this.reply !== undefined && reply !== this.reply) {
      this.over = true;
      return undefined;
    }
    this.reply = reply;
    this.count++;
    this.domains.add(address.slice(address.lastIndexOf('@') + 1).toLowerCase());
    if (this.count < RELAY_REFUSAL_SAMPLE || this.domains.size < 2) return undefined;
    this.over = true;
    return `the relay refused each of the first ${this.count} messages, to ${this.domains.size} domains, alike (${withoutAddresses(reply)}): a refusal of the transport, not of the recipients; fix what its words name (the relay's settings, its account or login, digest.from in site.yml, or that domain's SPF, DKIM and DMARC records), then rerun: they are sent again with the rest`;
  }
}
