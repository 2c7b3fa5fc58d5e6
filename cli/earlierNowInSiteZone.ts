import { DateTime } from 'luxon';
import { readSiteFile } from '../lib/content/site.js';
import { earlierNowRefusal } from '../lib/publish/refuseEarlierNow.js';
import { EarlierNowError } from '../lib/shared/errors.js';
import type { Store } from '../lib/store/store.js';

/**
 * A publish's refusal of an earlier `--now` (`now`, in the zone it was typed in), which comes before site.yml is
 * read, saying the moment in the site's zone too when `content`'s site.yml gives one; any other error as it is, and
 * this one as it is when site.yml is missing, unreadable or has no valid timezone.
 */
export async function earlierNowInSiteZone(error: unknown, now: DateTime, content: Store): Promise<unknown> {
  if (!(error instanceof EarlierNowError) || error.neededAt === undefined) return error;
  const parsed = await readSiteFile(content).catch(() => undefined);
  const zone = parsed?.site && !parsed.problems.some((problem) => problem.field === 'timezone') ? parsed.site.timezone : undefined;
  if (zone === undefined) return error;
  return earlierNowRefusal(now, DateTime.fromMillis(error.neededAt, { zone: now.zone }), zone);
}
