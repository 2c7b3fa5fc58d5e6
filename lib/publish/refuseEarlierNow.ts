import { DateTime } from 'luxon';
import { EarlierNowError, type Problem } from '../shared/errors.js';
import type { NowWindow } from '../plan/nowWindow.js';

/**
 * The moment the last publish's output needs, when `now` is before it; throws EarlierNowError then, unless allowed.
 * That output is the same from its window's start on: the newest entry or correction (`updated:`) it published came
 * due then, or the digest week it had begun. A publish as of an earlier moment takes down what came due since (the
 * entries, their pages and feed items, the corrections they show, the archived weeks a sent digest links to), with
 * exit 0 and no word, so it is refused before anything is read or written. A clock never goes back there; a `--now` typed for another purpose (one week's `Date:`) does.
 */
export function refuseEarlierNow(window: NowWindow | undefined, now: DateTime, allow: boolean): DateTime | undefined {
  const needed = neededMoment(window, now);
  if (needed === undefined || allow) return needed;
  throw earlierNowRefusal(now, needed);
}

/**
 * The refusal of `now`, before `needed`, in the zone `now` was typed in: a publish refuses it before site.yml is read.
 * `siteZone`: the site's, when the caller has read it, to say the moment there too.
 */
export function earlierNowRefusal(now: DateTime, needed: DateTime, siteZone?: string): EarlierNowError {
  const { message, fix } = earlierNowWords(now, needed, 'this run', siteZone);
  return new EarlierNowError(`--now ${message}; nothing was written: ${fix}`, needed.toMillis());
}

/**
 * check --out's problem for the `--now` a publish to `output` (its description) would refuse, in the refusal's words;
 * `siteZone` as in earlierNowRefusal.
 */
export function earlierNowProblem(window: NowWindow | undefined, now: DateTime, output: string, siteZone?: string): Problem | undefined {
  const needed = neededMoment(window, now);
  return needed && { file: output, field: '--now', ...earlierNowWords(now, needed, 'a publish as of it', siteZone) };
}

function neededMoment(window: NowWindow | undefined, now: DateTime): DateTime | undefined {
  if (window?.from == null || now.toMillis() >= window.from) return undefined;
  return DateTime.fromMillis(window.from, { zone: now.zone });
}

function earlierNowWords(now: DateTime, needed: DateTime, run: string, siteZone?: string): Pick<Problem, 'message' | 'fix'> {
  const typed = needed.toISO({ suppressMilliseconds: true });
  const inSite = siteZone === undefined ? typed : needed.setZone(siteZone).toISO({ suppressMilliseconds: true });
  // Said in the site's zone too where that reads otherwise: the entry's date is in it.
  const also = inSite !== null && inSite !== typed ? ` (${inSite} in the site's zone, ${siteZone})` : '';
  return {
    message: `${now.toISO({ suppressMilliseconds: true })} is before ${typed}${also}, when an entry, a correction or a digest week the last publish put on the site came due: ${run} would take it down again`,
    fix: 'run as of that moment or later (or without --now), or pass --allow-earlier-now to turn the site back',
  };
}
