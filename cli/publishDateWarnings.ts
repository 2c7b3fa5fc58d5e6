import type { DateTime } from 'luxon';
import type { LoadedContent } from '../lib/content/loadContent.js';
import { LEDGER_PREFIX, mailedWeeks } from '../lib/delivery/sendLedger.js';
import { reDatedWarnings } from '../lib/plan/reDatedWarnings.js';
import type { Problem } from '../lib/shared/errors.js';
import type { Store } from '../lib/store/store.js';

/**
 * `check --out` and `preview --out`: the date warnings a publish to `output` at `now` gives (lib/plan/reDatedWarnings.ts).
 * `loaded`: the content read through the output's entry index (LoadOptions.cacheStore). The weeks mailed come from
 * one listing of the send ledger, where a publish finds them in its listing of the whole output. Writes nothing.
 */
export async function publishDateWarnings(loaded: Pick<LoadedContent, 'entries' | 'before' | 'keys' | 'site'>, output: Store, now: DateTime): Promise<Problem[]> {
  const mailed = mailedWeeks(await output.list(LEDGER_PREFIX));
  return reDatedWarnings(loaded, now, loaded.site.timezone, mailed);
}
