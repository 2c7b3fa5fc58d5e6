import { UnclaimedFilesError } from '../lib/shared/errors.js';
import type { PublishConfig } from './config.js';

/**
 * The publish function's refusal of a site bucket that holds files no publish wrote (another tool's site): it never
 * overwrites them (`--replace-unclaimed` is the CLI's alone, where an editor sees each file named), so its message
 * gives the command that does this first publish from the editor's machine, with the function's buckets and
 * settings; the function publishes from then on.
 */
export function publishUnclaimedRefusal(error: UnclaimedFilesError, config: Pick<PublishConfig, 'contentBucket' | 'contentPrefix' | 'siteBucket' | 'sitePrefix' | 'skipInvalid' | 'cacheControl'>): UnclaimedFilesError {
  const command = [
    'broadsheet publish',
    `--content s3://${config.contentBucket}/${config.contentPrefix}`,
    `--bucket ${config.siteBucket}`,
    ...(config.sitePrefix ? [`--prefix ${config.sitePrefix}`] : []),
    ...(config.skipInvalid ? ['--skip-invalid'] : []),
    ...(config.cacheControl ? [`--cache-control '${config.cacheControl}'`] : []),
    '--replace-unclaimed',
  ].join(' ');
  const fix = `the publish function never overwrites files no publish wrote: do this first publish with the CLI, which names each file it overwrites (--dry-run first lists them), and the function publishes from then on: ${command}; or move them out of s3://${config.siteBucket}/${config.sitePrefix} first`;
  return new UnclaimedFilesError(error.found, fix, { cause: error });
}
