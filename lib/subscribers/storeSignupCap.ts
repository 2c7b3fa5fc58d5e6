import type { Store } from '../store/store.js';
import { PENDING_TAGS } from './pendingTags.js';
import { MOST_SIGNUPS_PER_HOUR, SIGNUPS_PER_HOUR, type SignupCap, type SignupCapAnswer } from './signupCap.js';

/**
 * The folder of the hourly signup counts in the subscriber store. Not two hex digits, so no shard's listing (and so no
 * `subscribers list`, send or count) reads it.
 */
export const SIGNUP_FOLDER = 'signups/';
const HOUR_MS = 60 * 60 * 1000;
/** A slot's number, zero-padded so that the names sort as numbers: as many digits as the most a cap may be. */
const SLOT_DIGITS = String(MOST_SIGNUPS_PER_HOUR).length;
const SLOT = new RegExp(`^\\d{${SLOT_DIGITS}}\\.json$`);
/** The hour's first refusal writes this, once: whoever creates it logs that the cap was reached. */
const REFUSED = 'refused.json';

/**
 * The hourly signup cap in the subscriber store, so that every instance, warm or cold, counts the same signups: each
 * signup creates the hour's next free slot `signups/<hour>/<slot>.json` only if absent (If-None-Match: * on S3), so two
 * that race for one slot take two, and no more than the cap are taken. A slot holds no address, only its time, and is
 * tagged as a pending signup is, so that S3's lifecycle rule (ExpireUnconfirmedSignups) deletes it days later.
 */
export class StoreSignupCap implements SignupCap {
  constructor(
    private readonly store: Store,
    private readonly cap = SIGNUPS_PER_HOUR,
  ) {}

  async take(nowMs: number): Promise<SignupCapAnswer> {
    const hourMs = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
    // `2014-05-12T09`: sorted as time.
    const folder = `${SIGNUP_FOLDER}${new Date(hourMs).toISOString().slice(0, 13)}/`;
    const names = (await this.store.list(folder)).map((object) => object.key.slice(folder.length));
    const body = `${JSON.stringify({ at: new Date(nowMs).toISOString() })}\n`;
    const options = { contentType: 'application/json', tags: PENDING_TAGS };
    // A slot another signup took since the listing: the next one.
    for (let slot = names.filter((name) => SLOT.test(name)).length; slot < this.cap; slot++) {
      if (await this.store.putIfAbsent(`${folder}${String(slot).padStart(SLOT_DIGITS, '0')}.json`, body, options)) return { taken: true };
    }
    const firstRefused = !names.includes(REFUSED) && (await this.store.putIfAbsent(`${folder}${REFUSED}`, body, options));
    return { taken: false, retryAfterMs: hourMs + HOUR_MS - nowMs, firstRefused };
  }
}
