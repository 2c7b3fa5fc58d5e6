import type { DateTime } from 'luxon';
import type { LoadedContent } from '../lib/content/loadContent.js';
import { findMailedWeeks } from '../lib/digest/mailedWeeks.js';
import { reDatedWarnings } from '../lib/plan/reDatedWarnings.js';
import type { Problem } from '../lib/shared/errors.js';
import type { Store } from '../lib/store/store.js';

/**
 * `check --out` and `preview --out`: the date warnings a publish to `output` at `now` gives (lib/plan/reDatedWarnings.ts).
 * `loaded`: the content read through the output's entry index (LoadOptions.cacheStore). The weeks mailed are found
 * without listing every recipient's records (findMailedWeeks), where a publish finds them in its listing of the whole
 * output. Writes nothing. `confirmed`: findMailedWeeks's weeks known to hold a confirmed send, for a caller that asks again.
 */
export async function publishDateWarnings(loaded: Pick<LoadedContent, 'entries' | 'before' | 'keys' | 'site'>, output: Store, now: DateTime, confirmed?: Set<string>): Promise<Problem[]> {
  const mailed = await findMailedWeeks(output, confirmed);
  return reDatedWarnings(loaded, now, loaded.site.timezone, mailed);
}
