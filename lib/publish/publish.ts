import type { DateTime } from 'luxon';
import type { ArtifactBuilder } from '../plan/artifact.js';
import { codeIdentity } from '../codeIdentity.js';
import { ENTRIES_PREFIX, SITE_FILE } from '../content/contentKeys.js';
import type { Problem } from '../shared/errors.js';
import { readManifest, type Change, type ChangeStatus } from './manifest.js';
import { isInside } from '../plan/nowWindow.js';
import { settledInputs, type PublishSummary } from './settled.js';
import type { RequestCounts, Store } from '../store/store.js';
import type { Timings } from '../shared/timings.js';
import type { PingResult, WebSubOptions } from './websub.js';

export const DEFAULT_CACHE_CONTROL = 'public, max-age=300';

export interface PublishOptions {
  /** Holds site.yml and entries/. */
  content: Store;
  /** Receives the feeds; also holds `_broadsheet/` (manifest and entry index). */
  output: Store;
  /** The moment to publish as: decides embargoes. */
  now: DateTime;
  /** Report what would change and write nothing. Default false. */
  dryRun?: boolean;
  /** Publish the valid entries and report the invalid ones as skipped. Default false: any problem refuses the publish. */
  skipInvalid?: boolean;
  /** Cache-Control of published files. Default `public, max-age=300`. */
  cacheControl?: string;
  /** The families of files to make. Default: DEFAULT_BUILDERS (feeds, pages, digests); only these can settle. */
  builders?: readonly ArtifactBuilder[];
  /** Concurrent reads and writes. Default 16. */
  concurrency?: number;
  timings?: Timings;
  /** Called once per file as soon as its fate is known, for progress output. */
  onChange?: (change: Change) => void;
  /** How to ping site.yml's `websub:` hub after a publish that wrote feeds (tests inject `fetch`); false: never (preview). Default: lib/websub defaults. */
  websub?: Omit<WebSubOptions, 'hub'> | false;
}

export interface PublishResult extends PublishSummary {
  dryRun: boolean;
  /** True when nothing was loaded or built: the inputs and the moment matched the last publish's (lib/publish/settled.ts). */
  settled: boolean;
  changes: Change[];
  counts: Record<ChangeStatus, number>;
  /** The problems of the entries that --skip-invalid left out. */
  skipped: Problem[];
  warnings: Problem[];
  requests: { content: RequestCounts; output: RequestCounts };
  /** One per changed feed when the site has a WebSub hub; a failed ping never fails the publish. */
  pings: PingResult[];
}

/**
 * Publishes the content into the output store, writing only what changed (lib/publish/publishChanges.ts).
 * First it checks whether the output is settled: with the default builders, when the code, site.yml, every
 * entry file's version and the options are those of the last publish, and `now` is inside the window that
 * publish recorded (no embargo ends, no digest week closes), it would make the same files, so it stops there:
 * a LIST of the entries, a GET of site.yml and one of the manifest. The rendering code loads only otherwise.
 */
export async function publish(options: PublishOptions): Promise<PublishResult> {
  const { content, output, timings } = options;
  const time = <T>(phase: string, work: () => Promise<T> | T) => (timings ? timings.time(phase, work) : work());
  const siteBytes = await time('read', () => content.get(SITE_FILE));
  const listed = await time('list', () => content.list(ENTRIES_PREFIX));
  const previous = await time('read', () => readManifest(output));
  // The hash needs every entry file's version. Without a settled record to compare it with (a first publish),
  // it is taken after the entries are read: a local store then has each version from its read, not a stat.
  let inputs: string | undefined;
  const inputsOf =
    options.builders === undefined && siteBytes
      ? () => (inputs ??= settledInputs({ code: codeIdentity(), siteText: siteBytes.toString('utf8'), listed, skipInvalid: Boolean(options.skipInvalid) }))
      : undefined;
  const settled = previous.settled;
  if (inputsOf !== undefined && settled !== undefined && settled.inputs === inputsOf() && isInside(settled, options.now.toMillis())) {
    const changes: Change[] = Object.keys(previous.manifest)
      .sort()
      .map((key) => ({ key, status: 'unchanged', size: previous.manifest[key]!.size }));
    for (const change of changes) options.onChange?.(change);
    return {
      dryRun: Boolean(options.dryRun),
      settled: true,
      changes,
      counts: { new: 0, changed: 0, unchanged: changes.length, deleted: 0 },
      ...settled.summary,
      requests: { content: { ...content.requests }, output: { ...output.requests } },
      pings: [],
    };
  }
  const { publishChanges } = await import('./publishChanges.js');
  return publishChanges(options, { siteBytes, listed, previous, ...(inputsOf !== undefined ? { settledInputs: inputsOf } : {}) });
}
