import { keptBodyKeys, keptSummaryKeys, type Artifact, type ArtifactBuilder, type ArtifactUnit, type BuildContext, type RenderedEntries } from '../plan/artifact.js';
import type { LoadedContent } from '../content/loadContent.js';
import { renderEntries } from '../content/renderEntries.js';
import { recordVersion } from '../content/indexRecordCodec.js';
import type { EntryMeta } from '../content/entry.js';
import type { RenderedBody, RenderedSummary } from '../content/renderMarkdown.js';
import { intersectWindows, type NowWindow } from '../plan/nowWindow.js';
import { RenderError } from '../shared/errors.js';
import { timed, type Timings } from '../shared/timings.js';
import { asPublishedAt, embargoWindow, type SitePlan } from '../plan/sitePlan.js';
import type { Manifest, StoredManifest } from './manifest.js';
import { BuiltFiles } from './builtFiles.js';

export interface BuildOptions {
  /** The families of files to make, in order. */
  builders: readonly ArtifactBuilder[];
  /** Concurrent reads of entry files. */
  concurrency: number;
  timings?: Timings;
}

/** What the manifest records of a unit (lib/publish/manifest.ts, unitRecords): its id, fingerprint and files. */
export type UnitFiles = Pick<ArtifactUnit, 'id' | 'fingerprint' | 'keys'>;

export interface SiteBuild {
  /**
   * Every builder's units with a fingerprint, built this time or reused, as the manifest records them: not the units themselves, whose
   * `build` holds what the builder made for them (a large site's digest models, tens of megabytes) until the publish ends.
   */
  units: UnitFiles[];
  /** The entries whose rendered bodies the entry index keeps (keptBodyKeys of every unit). */
  keptBodies: Set<string>;
  /** The entries whose first paragraphs the entry index keeps (keptSummaryKeys of every unit). */
  keptSummaries: Set<string>;
  /** The files of the units built this time. */
  files: BuiltFiles;
  /** The manifest records of the reused units' files, kept as the previous publish made them. */
  reused: Manifest;
  /** The moments around `plan.now` for which the same inputs make the same files: no embargo ends, no builder's window closes. */
  window: NowWindow;
}

/**
 * The build step: every builder's units for the plan. A unit whose inputs hash as in the previous
 * publish, and whose files the manifest still holds as that publish made them, is reused; the others are built,
 * from only the entries they need, rendered (or taken from the entry index).
 */
export async function buildSite(plan: SitePlan, loaded: LoadedContent, previous: StoredManifest, options: BuildOptions): Promise<SiteBuild> {
  // An entry the plan publishes without its correction (dated later than now: asPublishedAt) makes other files than
  // the same file will once the correction shows, so its units' fingerprints tell the two apart.
  const nowMs = plan.now.toMillis();
  const correctionLater = new Set(loaded.entries.filter((entry) => asPublishedAt(entry, nowMs) !== entry).map((entry) => entry.key));
  // Asked by every unit holding the entry (its page, its month, its tags' feeds, its digest week): made once each.
  const versions = new Map<string, string>();
  const versionOf = (key: string) => {
    let version = versions.get(key);
    if (version === undefined) {
      version = recordVersion(loaded.index.records.get(key)) + (correctionLater.has(key) ? '\0correction later' : '');
      versions.set(key, version);
    }
    return version;
  };
  const context: BuildContext = { versionOf, siteContext: loaded.index.context };
  const units = options.builders.flatMap((builder, i) => unitsOf(builder, i, plan, context));
  assertUniqueIds(units);
  const reusable = (unit: ArtifactUnit) => {
    const before = unit.fingerprint === undefined ? undefined : previous.units[unit.id];
    if (!before || before.fingerprint !== unit.fingerprint) return false;
    let recorded = 0;
    for (const _key in before.files) recorded++;
    if (recorded !== unit.keys.length) return false;
    for (const key of unit.keys) if (before.files[key] === undefined || previous.manifest[key]?.sha256 !== before.files[key]) return false;
    return true;
  };
  const toBuild: ArtifactUnit[] = [];
  const reused: Manifest = {};
  for (const unit of units) {
    if (!reusable(unit)) toBuild.push(unit);
    else for (const key of unit.keys) reused[key] = previous.manifest[key]!;
  }

  // Units are built in windows, oldest entries first (an archive month, then its entries' pages), each window's
  // entries rendered together (concurrent reads) just before it; each unit's files are taken (hashed, and held only
  // if changed) as soon as it is built, and an entry's rendered body is let go after the last unit that needs it
  // (unless the entry index keeps it). So a publish never holds every file's bytes, nor every body beside them.
  const files = new BuiltFiles(previous.manifest);
  const kept = keptBodyKeys(units);
  const ordered = toBuild.map((unit, i) => ({ unit, i, ...neededOf(unit) })).sort((a, b) => a.oldest - b.oldest || a.i - b.i);
  const uses = new Map<string, number>();
  for (const { keys } of ordered) for (const key of keys) uses.set(key, (uses.get(key) ?? 0) + 1);
  const rendered = new Map<string, RenderedBody | RenderedSummary>();
  try {
    for (let start = 0; start < ordered.length; ) {
      const bodies = new Map<string, EntryMeta>();
      const summaries = new Map<string, EntryMeta>();
      let end = start;
      while (end < ordered.length && bodies.size + summaries.size < RENDER_WINDOW) {
        const { unit } = ordered[end++]!;
        for (const entry of unit.entriesNeeded) if (rendered.get(entry.key)?.html === undefined) bodies.set(entry.key, entry);
        for (const entry of unit.summariesNeeded) if (!rendered.has(entry.key) && !bodies.has(entry.key)) summaries.set(entry.key, entry);
      }
      const batch = ordered.slice(start, end);
      start = end;
      const fresh = await timed(options.timings, 'render', () =>
        renderEntries(plan.site, bodies.values(), loaded, options.concurrency, summaries.values()),
      );
      for (const [key, body] of fresh) rendered.set(key, body);
      await timed(options.timings, 'render', () => {
        for (const { unit, keys } of batch) {
          for (const artifact of builtUnit(unit, rendered)) {
            if (files.has(artifact.key) || artifact.key in reused) throw new RenderError(`two outputs claim the same file ${artifact.key}`);
            files.add(artifact);
          }
          for (const key of keys) {
            const left = uses.get(key)! - 1;
            uses.set(key, left);
            if (left > 0) continue;
            rendered.delete(key);
            if (!kept.has(key)) loaded.index.dropRendered(key);
          }
        }
      });
    }
  } catch (error) {
    files.dispose();
    throw error;
  } finally {
    // Bodies kept for units that were reused, or for entries no output needs.
    loaded.bodies.clear();
  }
  const window = intersectWindows([embargoWindow(plan, loaded.entries), ...options.builders.flatMap((builder) => (builder.nowWindow ? [builder.nowWindow(plan)] : []))]);
  return { units: units.flatMap(({ id, fingerprint, keys }) => (fingerprint === undefined ? [] : [{ id, fingerprint, keys }])), keptBodies: kept, keptSummaries: keptSummaryKeys(units), files, reused, window };
}

/** Entries rendered together before the units that need them are built: enough for concurrent reads, few enough to hold. */
const RENDER_WINDOW = 512;

/**
 * The entries a unit reads from the rendered map (`keys`, each once) and the date of the oldest of them (`oldest`;
 * a unit that needs none comes first).
 */
function neededOf(unit: ArtifactUnit): { keys: Set<string>; oldest: number } {
  const keys = new Set<string>();
  let oldest = -Infinity;
  for (const entry of [...unit.entriesNeeded, ...unit.summariesNeeded]) {
    keys.add(entry.key);
    if (oldest === -Infinity || entry.date < oldest) oldest = entry.date;
  }
  return { keys, oldest };
}

function assertUniqueIds(units: readonly ArtifactUnit[]): void {
  const seen = new Set<string>();
  for (const { id } of units) {
    if (seen.has(id)) throw new RenderError(`two units claim the same id ${id}`);
    seen.add(id);
  }
}

/** A builder's units; a builder without units is one unit, always built. */
function unitsOf(builder: ArtifactBuilder, position: number, plan: SitePlan, context: BuildContext): ArtifactUnit[] {
  if (builder.units) return builder.units(plan, context);
  let built: Artifact[] | undefined;
  return [
    {
      id: `builder:${position}`,
      // Unknown until built; with no fingerprint it is never reused, so they are not needed before.
      keys: [],
      entriesNeeded: [...builder.entriesNeeded(plan)],
      summariesNeeded: [...(builder.summariesNeeded?.(plan) ?? [])],
      build: (rendered) => (built ??= builder.build(plan, rendered)),
    },
  ];
}

/** Builds a unit, and checks that a unit with a fingerprint made exactly the files it said it would. */
function builtUnit(unit: ArtifactUnit, rendered: RenderedEntries): Artifact[] {
  const artifacts = unit.build(rendered);
  if (unit.fingerprint !== undefined) {
    const made = artifacts.map((a) => a.key).sort();
    const said = [...unit.keys].sort();
    if (made.length !== said.length || made.some((key, i) => key !== said[i])) throw new RenderError(`unit ${unit.id} made ${made.join(', ')}, not ${said.join(', ')}`);
  }
  return artifacts;
}
