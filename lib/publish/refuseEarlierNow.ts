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
  const { message, fix } = earlierNowWords(now, needed, 'this run');
  throw new EarlierNowError(`--now ${message}; nothing was written: ${fix}`);
}

/** check --out's problem for the `--now` a publish to `output` (its description) would refuse, in the refusal's words. */
export function earlierNowProblem(window: NowWindow | undefined, now: DateTime, output: string): Problem | undefined {
  const needed = neededMoment(window, now);
  return needed && { file: output, field: '--now', ...earlierNowWords(now, needed, 'a publish as of it') };
}

function neededMoment(window: NowWindow | undefined, now: DateTime): DateTime | undefined {
  if (window?.from == null || now.toMillis() >= window.from) return undefined;
  return DateTime.fromMillis(window.from, { zone: now.zone });
}

function earlierNowWords(now: DateTime, needed: DateTime, run: string): Pick<Problem, 'message' | 'fix'> {
  return {
    message: `${now.toISO({ suppressMilliseconds: true })} is before ${needed.toISO({ suppressMilliseconds: true })}, when an entry, a correction or a digest week the last publish put on the site came due: ${run} would take it down again`,
    fix: 'run as of that moment or later (or without --now), or pass --allow-earlier-now to turn the site back',
  };
}
