import type { DateTime } from 'luxon';

/**
 * What a publish found of its output and did about it, beside its files: written again where someone else deleted
 * or changed them, every file written after a damaged manifest, what came due since a later moment taken down, files
 * no publish wrote overwritten. As `publish --json` names them; a run record and the publish function's answer carry
 * them too (absent when there is nothing to say), for `broadsheet trigger` to print them as `publish` does.
 */
export interface OutputNotices {
  /** The output they are in (`s3://BUCKET/PREFIX`); absent: the one the record is in. */
  output?: string;
  /** The moment the last publish's output needed, in UTC, when this run's now was before it. */
  turnedBackFrom?: string;
  /** The zone turnedBackFrom was given in, the site's, for `broadsheet trigger` and `status` to say it there. */
  turnedBackZone?: string;
  /** What was wrong with the manifest, taken as absent. */
  manifestDamaged?: string;
  /** The files deleted or changed by someone else, written again: the first ones, and how many. */
  repaired?: string[];
  repairedTotal?: number;
  /** The files no publish wrote that `--replace-unclaimed` overwrote: the first ones, and how many. */
  replaced?: string[];
  replacedTotal?: number;
}

/** The notices of a publish's result, each list cut to `limit` names beside its total; none, an empty object. */
export function outputNotices(result: { repaired?: readonly string[]; replaced?: readonly string[]; manifestDamaged?: string; turnedBackFrom?: DateTime }, limit = Infinity): OutputNotices {
  const { repaired = [], replaced = [], manifestDamaged, turnedBackFrom } = result;
  return {
    ...(turnedBackFrom ? { turnedBackFrom: turnedBackFrom.toUTC().toISO({ suppressMilliseconds: true }) ?? '', turnedBackZone: turnedBackFrom.zoneName ?? 'UTC' } : {}),
    ...(manifestDamaged !== undefined ? { manifestDamaged } : {}),
    ...(repaired.length > 0 ? { repaired: repaired.slice(0, limit), repairedTotal: repaired.length } : {}),
    ...(replaced.length > 0 ? { replaced: replaced.slice(0, limit), replacedTotal: replaced.length } : {}),
  };
}
