import type { Artifact, ArtifactBuilder, ArtifactUnit, BuildContext, RenderedEntries } from '../plan/artifact.js';
import type { LoadedContent } from '../content/loadContent.js';
import { renderEntries } from '../content/renderEntries.js';
import { intersectWindows, type NowWindow } from '../plan/nowWindow.js';
import { RenderError } from '../shared/errors.js';
import { timed, type Timings } from '../shared/timings.js';
import { embargoWindow, type SitePlan } from '../plan/sitePlan.js';
import type { Manifest, StoredManifest } from './manifest.js';

export interface BuildOptions {
  /** The families of files to make, in order. */
  builders: readonly ArtifactBuilder[];
  /** Concurrent reads of entry files. */
  concurrency: number;
  timings?: Timings;
}

export interface SiteBuild {
  /** Every builder's units, built this time or reused. */
  units: ArtifactUnit[];
  /** The files of the units built this time. */
  artifacts: Artifact[];
  /** The manifest records of the reused units' files, kept as the previous publish made them. */
  reused: Manifest;
  /** The moments around `plan.now` for which the same inputs make the same files: no embargo ends, no builder's window closes. */
  window: NowWindow;
}

/**
 * The build step, in memory: every builder's units for the plan. A unit whose inputs hash as in the previous
 * publish, and whose files the manifest still holds as that publish made them, is reused; the others are built,
 * from only the entries they need, rendered (or taken from the entry index).
 */
export async function buildSite(plan: SitePlan, loaded: LoadedContent, previous: StoredManifest, options: BuildOptions): Promise<SiteBuild> {
  const context: BuildContext = { versionOf: (key) => loaded.index.records.get(key)?.version ?? '', siteContext: loaded.index.context };
  const units = options.builders.flatMap((builder, i) => unitsOf(builder, i, plan, context));
  assertUniqueKeys(units.map((unit) => unit.id), 'units');
  const reusable = (unit: ArtifactUnit) => {
    const before = unit.fingerprint === undefined ? undefined : previous.units[unit.id];
    if (!before || before.fingerprint !== unit.fingerprint || Object.keys(before.files).length !== unit.keys.length) return false;
    return unit.keys.every((key) => before.files[key] !== undefined && previous.manifest[key]?.sha256 === before.files[key]);
  };
  const toBuild: ArtifactUnit[] = [];
  const reused: Manifest = {};
  for (const unit of units) {
    if (!reusable(unit)) toBuild.push(unit);
    else for (const key of unit.keys) reused[key] = previous.manifest[key]!;
  }

  const rendered = await timed(options.timings, 'render', () =>
    renderEntries(plan.site, toBuild.flatMap((unit) => unit.entriesNeeded), loaded.content, loaded.index, options.concurrency, toBuild.flatMap((unit) => unit.summariesNeeded)),
  );
  const artifacts = await timed(options.timings, 'render', () => toBuild.flatMap((unit) => builtUnit(unit, rendered)));
  assertUniqueKeys([...artifacts.map((a) => a.key), ...Object.keys(reused)]);
  const window = intersectWindows([embargoWindow(plan, loaded.entries), ...options.builders.flatMap((builder) => (builder.nowWindow ? [builder.nowWindow(plan)] : []))]);
  return { units, artifacts, reused, window };
}

function assertUniqueKeys(keys: readonly string[], what = 'outputs'): void {
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) throw new RenderError(`two ${what} claim the same ${what === 'units' ? 'id' : 'file'} ${key}`);
    seen.add(key);
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
