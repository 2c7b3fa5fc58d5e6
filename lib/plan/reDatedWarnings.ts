import type { DateTime } from 'luxon';
import type { LoadedContent } from '../content/loadContent.js';
import type { Problem } from '../shared/errors.js';
import { mailedAgain } from './mailedAgain.js';
import { missedDigests } from './missedDigests.js';
import { withdrawnUntilDate } from './withdrawnUntilDate.js';

/**
 * The warnings of entries dated since the last publish to an output where readers or subscribers lose them: a
 * published one re-dated past `now` (withdrawnUntilDate) and one added or re-dated into a week already mailed
 * (missedDigests), or mailed twice: moved out of a mailed week into a later one (mailedAgain). What a publish warns
 * of, and `check --out` and `preview --out` with it, from the content read through that output's entry index
 * (LoadOptions.cacheStore).
 */
export function reDatedWarnings(loaded: Pick<LoadedContent, 'entries' | 'before' | 'keys'>, now: DateTime, zone: string, mailedWeeks: readonly string[]): Problem[] {
  const { entries, before } = loaded;
  // The index knew some entry (read it unchanged, or had one changed or gone): not a first publish to this output.
  const indexed = before.entries.length > 0 || before.reread.size < loaded.keys.length;
  return [...withdrawnUntilDate(entries, before, now, zone), ...missedDigests({ entries, before, indexed, mailedWeeks, now, zone }), ...mailedAgain({ entries, before, indexed, mailedWeeks, now, zone })];
}
