import { DateTime } from 'luxon';
import { EarlierNowError } from '../shared/errors.js';
import type { NowWindow } from '../plan/nowWindow.js';

/**
 * The moment the last publish's output needs, when `now` is before it; throws EarlierNowError then, unless allowed.
 * That output is the same from its window's start on: the newest entry or correction (`updated:`) it published came
 * due then, or the digest week it had begun. A publish as of an earlier moment takes down what came due since (the
 * entries, their pages and feed items, the corrections they show, the archived weeks a sent digest links to), with
 * exit 0 and no word, so it is refused before anything is read or written. A clock never goes back there; a `--now` typed for another purpose (one week's `Date:`) does.
 */
export function refuseEarlierNow(window: NowWindow | undefined, now: DateTime, allow: boolean): DateTime | undefined {
  if (window?.from == null || now.toMillis() >= window.from) return undefined;
  const needed = DateTime.fromMillis(window.from, { zone: now.zone });
  if (allow) return needed;
  throw new EarlierNowError(
    `--now ${now.toISO({ suppressMilliseconds: true })} is before ${needed.toISO({ suppressMilliseconds: true })}, when an entry, a correction or a digest week the last publish put on the site came due: this run would take it down again; nothing was written: run as of that moment or later (or without --now), or pass --allow-earlier-now to turn the site back`,
  );
}
