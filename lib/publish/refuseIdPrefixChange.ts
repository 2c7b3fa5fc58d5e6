import type { Site } from '../content/site.js';
import { idPrefixChange } from '../plan/idPrefixChange.js';
import { IdChangeError, type Problem } from '../shared/errors.js';
import { FEED_FILES } from '../shared/outputLayout.js';
import { getWithin, type Store } from '../store/store.js';

/** The most of the published site feed read for its ids: a real one is a few MB at most. */
const MAX_FEED_BYTES = 64 * 1024 * 1024;

/**
 * Throws IdChangeError, before anything is built or written, when the entries the output's site feed (feed.json)
 * holds were published under another tag: entity than `site` gives (lib/plan/idPrefixChange.ts): a site moved to
 * another host, or an idDate changed. Unless allowed; returns the problem then. No feed, or one that cannot be
 * read as a JSON Feed, is nothing to compare with. `warnings`: the run's content warnings, which the refusal reports.
 */
export async function refuseIdPrefixChange(output: Store, site: Site, allow: boolean, warnings: readonly Problem[] = []): Promise<Problem | undefined> {
  const bytes = await getWithin(output, FEED_FILES.json, MAX_FEED_BYTES);
  if (!Buffer.isBuffer(bytes)) return undefined;
  let id: unknown;
  try {
    id = (JSON.parse(bytes.toString('utf8')) as { items?: { id?: unknown }[] }).items?.[0]?.id;
  } catch {
    return undefined;
  }
  const problem = typeof id === 'string' ? idPrefixChange(id, site) : undefined;
  if (problem && !allow) throw new IdChangeError([problem], { message: 'every published entry would get a new id, and show again as new in every reader', warnings });
  return problem;
}
