import { DateTime } from 'luxon';
import type { ArtifactBuilder } from '../lib/plan/artifact.js';
import { DEFAULT_BUILDERS } from '../lib/publish/defaultBuilders.js';
import { publish } from '../lib/publish/publish.js';
import { Timings } from '../lib/shared/timings.js';
import { LocalStore } from '../lib/store/localStore.js';
import { MemoryStore } from '../lib/store/memoryStore.js';

export interface BuilderCost {
  /** The builder, named by the first file it makes (feed.xsl: the feeds; index.html: the pages; digests/…). */
  builder: string;
  files: number;
  /** Entries whose HTML bodies it asked for. */
  entriesNeeded: number;
  /** Its publish's render phase less its build: the bodies (and first paragraphs) it needs, rendered. */
  bodiesMs: number;
  /** Its own build: models and serialisation. */
  buildMs: number;
}

/**
 * Where a publish's render phase goes, builder by builder: a diagnostic run once per size, in the bench's own
 * process, after the timed runs. Each default builder is published alone from scratch (`publish` with
 * `builders`, into an empty memory store, so no entry index is reused and every body it needs is rendered), its
 * build timed by a wrapper that passes the builder's own answers through.
 */
export async function builderSplit(contentDir: string, now: string): Promise<BuilderCost[]> {
  const costs: BuilderCost[] = [];
  for (const builder of DEFAULT_BUILDERS) {
    let buildMs = 0;
    let firstKey = '(none)';
    const needed = new Set<string>();
    const timed: ArtifactBuilder = {
      entriesNeeded(plan) {
        const entries = [...builder.entriesNeeded(plan)];
        for (const entry of entries) needed.add(entry.key);
        return entries;
      },
      summariesNeeded: (plan) => builder.summariesNeeded?.(plan) ?? [],
      build(plan, rendered) {
        const started = performance.now();
        const artifacts = builder.build(plan, rendered);
        buildMs += performance.now() - started;
        firstKey = artifacts[0]?.key ?? firstKey;
        return artifacts;
      },
    };
    const timings = new Timings();
    const result = await publish({ content: new LocalStore(contentDir), output: new MemoryStore(), now: DateTime.fromISO(now, { setZone: true }), builders: [timed], timings, websub: false });
    const renderMs = timings.phases.get('render') ?? 0;
    costs.push({
      builder: firstKey,
      files: result.counts.new,
      entriesNeeded: needed.size,
      bodiesMs: Math.max(0, Math.round(renderMs - buildMs)),
      buildMs: Math.round(buildMs),
    });
  }
  return costs;
}
