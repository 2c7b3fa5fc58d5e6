import type { DateTime } from 'luxon';
import { SITE_FILE } from '../lib/content/contentKeys.js';
import type { LoadedContent } from '../lib/content/loadContent.js';
import { renderEntries } from '../lib/content/renderEntries.js';
import { mailedWeeks } from '../lib/digest/mailedWeeks.js';
import type { ArtifactBuilder, BuildContext } from '../lib/plan/artifact.js';
import { planSite } from '../lib/plan/sitePlan.js';
import { DEFAULT_BUILDERS } from '../lib/publish/defaultBuilders.js';
import type { Change } from '../lib/publish/manifest.js';
import { refuseBlockedPaths } from '../lib/publish/refuseBlockedPaths.js';
import { refuseUnclaimedFiles } from '../lib/publish/refuseUnclaimedFiles.js';
import { OutputBlockedError, UnclaimedFilesError, type Problem } from '../lib/shared/errors.js';
import type { Store } from '../lib/store/store.js';

// Only the keys of a unit are read here: its fingerprint, which these make meaningless, is never compared.
const NO_VERSIONS: BuildContext = { versionOf: () => '', siteContext: '' };

/**
 * `check --out`: what in the output a publish of the valid entries at `now` would refuse, with publish's own
 * refusals (refuseUnclaimedFiles, refuseBlockedPaths) and words: files no publish wrote at names it writes, and a
 * file where it needs a folder or a folder where it writes a file. The names are the ones a publish writes, without
 * building the site: each builder's units name their files before they are built; only a builder without units (the
 * home and tag pages, the icon: a few files) is built. `field` names the flag that gave the output. None when
 * site.yml has problems: there is nothing to plan. Writes nothing. Apart by the refusal each stands for, as check's
 * verdict names it (cli/checkVerdict.ts).
 */
export async function outputInTheWay(loaded: LoadedContent, output: Store, now: DateTime, field: string): Promise<{ unclaimed: Problem[]; blocked: Problem[] }> {
  const unclaimed: Problem[] = [];
  const blocked: Problem[] = [];
  if (loaded.problems.some((problem) => problem.file === SITE_FILE)) return { unclaimed, blocked };
  const listed = await output.list('');
  const plan = planSite(loaded.site, loaded.entries, now, mailedWeeks(listed));
  const keyless: ArtifactBuilder[] = [];
  const keys: string[] = [];
  for (const builder of DEFAULT_BUILDERS) {
    if (builder.units) for (const unit of builder.units(plan, NO_VERSIONS)) keys.push(...unit.keys);
    else keyless.push(builder);
  }
  // Built in memory, as check writes nothing, not even a publish's spool: their files are few and small.
  for (const builder of keyless) {
    const rendered = await renderEntries(plan.site, builder.entriesNeeded(plan), loaded, 16, builder.summariesNeeded?.(plan) ?? []);
    for (const artifact of builder.build(plan, rendered)) keys.push(artifact.key);
  }
  // In key order, as a publish's changes are: the first file a blocker is in the way of is the one publish names.
  const changes: Change[] = keys.sort().map((key) => ({ key, status: 'new', size: 0 }));
  try {
    refuseUnclaimedFiles(listed, changes, output.description);
  } catch (error) {
    if (!(error instanceof UnclaimedFilesError)) throw error;
    unclaimed.push({ file: output.description, field, message: error.found, fix: error.message.slice(error.found.length + 2) });
  }
  try {
    await refuseBlockedPaths(output, changes, listed);
  } catch (error) {
    if (!(error instanceof OutputBlockedError)) throw error;
    blocked.push({ file: output.description, field, message: error.found, fix: `${error.fix}, before a publish` });
  }
  return { unclaimed, blocked };
}
