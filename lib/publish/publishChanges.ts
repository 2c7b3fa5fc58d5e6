import type { Artifact, ArtifactBuilder, ArtifactUnit, BuildContext, RenderedEntries } from '../plan/artifact.js';
import type { EntryMeta } from '../content/entry.js';
import { ContentError, RenderError } from '../shared/errors.js';
import { INDEX_KEY } from '../content/entryIndex.js';
import { DEFAULT_BUILDERS } from './defaultBuilders.js';
import { loadContent } from '../content/loadContent.js';
import { mapLimit } from '../shared/mapLimit.js';
import { diffManifest, MANIFEST_KEY, serializeManifest, unitRecords, type ChangeStatus, type Manifest, type StoredManifest } from './manifest.js';
import { DEFAULT_CACHE_CONTROL, type PublishOptions, type PublishResult } from './publish.js';
import { intersectWindows } from '../plan/nowWindow.js';
import type { SettledRecord } from './settled.js';
import { renderEntries } from '../content/renderEntries.js';
import { firstParagraphOf } from '../content/renderMarkdown.js';
import { embargoWindow, planSite, type SitePlan } from '../plan/sitePlan.js';
import type { StoredObject } from '../store/store.js';
import { changedFeedUrls, pingHub } from './websub.js';

const STATE_CACHE_CONTROL = 'no-cache';

/** What publish() has read before deciding to build: reused, not read again. */
export interface PublishInputs {
  siteBytes: Buffer | undefined;
  listed: StoredObject[];
  previous: StoredManifest;
  /**
   * settledInputs() of this content, when the output can be settled (default builders); computed once, on the
   * first call. Called only after the entries are read, unless publish() called it first.
   */
  settledInputs?: () => string;
}

/**
 * The work of publish() when something may have changed. Everything is built in memory first, so invalid
 * content writes nothing. Then only changed files are written, each atomically, then stale ones deleted, and
 * the manifest last: a publish that dies partway leaves every file valid, and the next run converges.
 */
export async function publishChanges(options: PublishOptions, inputs: PublishInputs): Promise<PublishResult> {
  const { content, output, now, timings } = options;
  const time = <T>(phase: string, work: () => Promise<T> | T) => (timings ? timings.time(phase, work) : work());
  const concurrency = options.concurrency ?? 16;
  const builders = options.builders ?? DEFAULT_BUILDERS;

  const loaded = await loadContent(content, { cacheStore: output, concurrency: 32, summarize: firstParagraphOf, preloaded: { siteBytes: inputs.siteBytes, listed: inputs.listed }, ...(timings ? { timings } : {}) });
  if (loaded.problems.length > 0 && !options.skipInvalid) throw new ContentError(loaded.problems);

  const plan = planSite(loaded.site, loaded.entries, now);
  const context: BuildContext = { versionOf: (key) => loaded.index.records.get(key)?.version ?? '', siteContext: loaded.index.context };
  const units = builders.flatMap((builder, i) => unitsOf(builder, i, plan, context));
  const { previous } = inputs;
  // A unit is reused when its inputs hash as last time and the manifest holds its files exactly as that run made them.
  const reusable = (unit: ArtifactUnit) => {
    const before = unit.fingerprint === undefined ? undefined : previous.units[unit.id];
    if (!before || before.fingerprint !== unit.fingerprint || Object.keys(before.files).length !== unit.keys.length) return false;
    return unit.keys.every((key) => before.files[key] !== undefined && previous.manifest[key]?.sha256 === before.files[key]);
  };
  assertUniqueKeys(units.map((unit) => unit.id), 'units');
  const toBuild: ArtifactUnit[] = [];
  const reused: Manifest = {};
  for (const unit of units) {
    if (!reusable(unit)) toBuild.push(unit);
    else for (const key of unit.keys) reused[key] = previous.manifest[key]!;
  }

  const rendered = await time('render', () =>
    renderEntries(loaded.site, toBuild.flatMap((unit) => unit.entriesNeeded), content, loaded.index, concurrency, toBuild.flatMap((unit) => unit.summariesNeeded)),
  );
  const artifacts = await time('render', () => toBuild.flatMap((unit) => builtUnit(unit, rendered)));
  assertUniqueKeys([...artifacts.map((a) => a.key), ...Object.keys(reused)]);

  const { changes, next } = diffManifest(previous.manifest, artifacts, reused);
  for (const change of changes) options.onChange?.(change);

  const summary = {
    entries: { total: loaded.keys.length, published: plan.published.length, skipped: loaded.invalidKeys.size },
    tags: plan.tags.length,
    skipped: loaded.problems,
    warnings: loaded.warnings,
  };
  if (!options.dryRun) {
    await time('write', async () => {
      const byKey = new Map(artifacts.map((a) => [a.key, a]));
      // Each body is let go once written (145 MB of digests at 100,000 entries), before the index is serialised.
      artifacts.length = 0;
      const cacheControl = options.cacheControl ?? DEFAULT_CACHE_CONTROL;
      const writes = changes.filter((change) => change.status === 'new' || change.status === 'changed');
      await mapLimit(writes, concurrency, async (change) => {
        const a = byKey.get(change.key)!;
        await output.put(a.key, a.body, { contentType: a.contentType, cacheControl });
        byKey.delete(change.key);
      });
      byKey.clear();
      const deletions = changes.filter((change) => change.status === 'deleted');
      await mapLimit(deletions, concurrency, (change) => output.delete(change.key));

      // Every unit's entries keep their cached bodies, and first paragraphs where the unit asks to keep them,
      // built this time or reused.
      const htmlKeys = new Set(units.flatMap((unit) => unit.entriesNeeded.map((entry) => entry.key)));
      const summaryKeys = new Set(units.flatMap((unit) => (unit.keepSummaries === false ? [] : unit.summariesNeeded.map((entry) => entry.key))));
      const indexText = loaded.index.serialize(loaded.keys, htmlKeys, summaryKeys);
      if (loaded.index.changedFromLoaded(indexText)) {
        await output.put(INDEX_KEY, indexText, { contentType: 'application/json; charset=utf-8', cacheControl: STATE_CACHE_CONTROL });
      }
      // Written last, with the units' fingerprints: only a publish that wrote everything records them.
      const manifestText = serializeManifest(next, unitRecords(units, next), inputs.settledInputs === undefined ? undefined : settledRecord(inputs.settledInputs(), summary, plan, loaded.entries, builders));
      if (manifestText !== previous.text) {
        await output.put(MANIFEST_KEY, manifestText, { contentType: 'application/json; charset=utf-8', cacheControl: STATE_CACHE_CONTROL });
      }
    });
  }

  // Only after every file and the manifest are written: the hub fetches the feeds as soon as it is told.
  const hub = loaded.site.websub;
  const pings = hub && !options.dryRun && options.websub !== false ? await pingHub(changedFeedUrls(loaded.site.url, changes), { ...options.websub, hub }) : [];

  const counts: Record<ChangeStatus, number> = { new: 0, changed: 0, unchanged: 0, deleted: 0 };
  for (const change of changes) counts[change.status]++;
  return {
    dryRun: Boolean(options.dryRun),
    settled: false,
    changes,
    counts,
    ...summary,
    requests: { content: { ...content.requests }, output: { ...output.requests } },
    pings,
  };
}

/** The settled record of this publish: its inputs, and the moments for which every builder makes the same files. */
function settledRecord(inputs: string, summary: SettledRecord['summary'], plan: SitePlan, entries: readonly EntryMeta[], builders: readonly ArtifactBuilder[]): SettledRecord {
  const window = intersectWindows([embargoWindow(plan, entries), ...builders.flatMap((builder) => (builder.nowWindow ? [builder.nowWindow(plan)] : []))]);
  return { inputs, ...window, summary };
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
