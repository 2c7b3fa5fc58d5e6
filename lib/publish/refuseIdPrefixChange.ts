import type { Site } from '../content/site.js';
import { idPrefixChange } from '../plan/idPrefixChange.js';
import type { AllowingCommand } from '../plan/withAllowIdChange.js';
import { IdChangeError, type Problem } from '../shared/errors.js';
import type { PublishedSiteFeed } from './publishedSiteFeed.js';

/**
 * Throws IdChangeError, before anything is built or written, when the entries the output's site feed (`feed`, as
 * publishedSiteFeed read it) holds were published under another tag: entity than `site` gives
 * (lib/plan/idPrefixChange.ts): a site moved to another host, or an idDate changed. Unless allowed; returns the
 * problem then. No feed is nothing to compare with. `warnings`: the run's content warnings, which the refusal reports;
 * `by`: the command that reports the problem.
 */
export function refuseIdPrefixChange(feed: PublishedSiteFeed | undefined, site: Site, allow: boolean, warnings: readonly Problem[] = [], by: AllowingCommand = 'publish'): Problem | undefined {
  const id = feed?.ids[0];
  const problem = id === undefined ? undefined : idPrefixChange(id, site, by);
  if (problem && !allow) throw new IdChangeError([problem], { message: 'every published entry would get a new id, and show again as new in every reader', warnings });
  return problem;
}
