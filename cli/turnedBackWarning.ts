import type { DateTime } from 'luxon';

/**
 * The warning of a publish as of a moment before one the last publish's output needed (lib/publish/refuseEarlierNow.ts),
 * that moment in the zone `needed` is in: the site's, where the caller knows it.
 */
export function turnedBackWarning(needed: DateTime, dryRun: boolean): string {
  return `warning: the last publish put on the site an entry, a correction or a digest week that came due ${needed.toISO({ suppressMilliseconds: true })}, after this run's now: ${dryRun ? 'a publish would take' : 'this publish took'} down what came due since`;
}
