import { DateTime } from 'luxon';
import type { PreviousEntry } from '../content/entryIndex.js';
import type { Problem } from '../shared/errors.js';
import { entryPageDir } from '../shared/entryPageDir.js';
import { INDEX_PAGE } from '../shared/outputLayout.js';
import { UNKNOWN_SHA256 } from '../shared/unknownSha256.js';
import type { CorrectionsBefore } from './correctionsBefore.js';
import type { NowWindow } from './nowWindow.js';
import type { SitePlan } from './sitePlan.js';

/**
 * A warning for each correction this publish makes to a published entry that no live feed carries, site or tag, only
 * an archive document: feed readers keep an item by its id and learn of a correction from the feed that carries it
 * (RFC 4287 §4.2.15, Atom `updated`), and none follows RFC 5005 prev-archive links, so no subscriber sees it. A
 * correction this publish makes is an `updated:` due at the plan's `now` (sitePlan's asPublishedAt) that the entry did
 * not have at the last publish, or that was not due then: one dated at or after the end of the window the last publish
 * recorded (`last`, lib/publish/settled.ts), whose `until` is the first moment a later `updated:` comes due, so its
 * time came since, the file unchanged. After a killed publish, `last` is what its intent kept (CorrectionsBefore),
 * whose `files` it warned of: those are new to this publish too, their pages published. `before`: what the entry index
 * held for the files read again or gone (a renamed file keeps its id); `published`: the output's last manifest, whose
 * entry pages say which entries readers could have had (a page of unknown bytes, a killed publish's intent, is not
 * published yet).
 */
export function unfedCorrections(
  plan: Pick<SitePlan, 'published' | 'feeds' | 'archives' | 'site'>,
  before: readonly PreviousEntry[],
  published: Readonly<Record<string, { sha256: string }>>,
  last?: NowWindow | CorrectionsBefore,
): Problem[] {
  const previous = new Map(before.map((entry) => [entry.id, entry]));
  const fed = new Set(plan.feeds.flatMap((feed) => feed.entries));
  const zone = plan.site.timezone;
  const shown = (ms: number) => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });
  const warned = new Set(last !== undefined && 'files' in last ? last.files : []);
  const problems: Problem[] = [];
  for (const entry of plan.published) {
    if (entry.updated === undefined || fed.has(entry)) continue;
    const old = previous.get(entry.id);
    const cameDue = warned.has(entry.key) || (last?.until != null && entry.updated >= last.until);
    if (!cameDue && (old === undefined || sameUpdated(old, entry.updated, zone))) continue;
    const page = Object.hasOwn(published, entryPageDir(entry.id) + INDEX_PAGE) ? published[entryPageDir(entry.id) + INDEX_PAGE] : undefined;
    if (page === undefined || (page.sha256 === UNKNOWN_SHA256 && !warned.has(entry.key))) continue;
    const archive = plan.archives.find((candidate) => candidate.entries.includes(entry))?.dir;
    problems.push({
      file: entry.key,
      field: 'updated',
      message: `the correction (${shown(entry.updated)}) reaches no feed reader: the entry is in no live feed, site or tag, only in ${archive ?? 'an archive document'}, which readers do not fetch (they do not follow RFC 5005 prev-archive links); its page shows the correction`,
      fix: 'to tell the feeds\' readers, publish a new entry that links to the corrected one',
    });
  }
  return problems;
}

/**
 * Whether the last publish read the same `updated:`: the same instant, or, when it read the file in another time zone
 * (a site.yml timezone change reads every file anew), the same wall clock there, a date-time written without an offset.
 */
function sameUpdated(old: PreviousEntry, updated: number, zone: string): boolean {
  if (old.updated === updated) return true;
  if (old.updated === undefined || old.zone === undefined || old.zone === zone) return false;
  const wallClock = (ms: number, in_: string) => DateTime.fromMillis(ms, { zone: in_ }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS");
  return wallClock(old.updated, old.zone) === wallClock(updated, zone);
}
