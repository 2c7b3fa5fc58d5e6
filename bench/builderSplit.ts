import { DateTime } from 'luxon';

export interface BuilderCost {
  /** The builder, named by the first file it makes (feed.xsl: the feeds; index.html: the pages; digests/…). */
  builder: string;
  files: number;
  /** Entries whose bodies it asked for (shared bodies are rendered once, by the first builder that needs them). */
  entriesNeeded: number;
  /** Rendering the bodies it needs that no earlier builder needed. */
  bodiesMs: number;
  /** Its own build: models and serialisation. */
  buildMs: number;
}

/**
 * Where a publish's render phase goes, builder by builder: a diagnostic run once per size, in the bench's own
 * process, after the timed runs. It loads the content without the index cache, so every body is rendered.
 */
export async function builderSplit(contentDir: string, now: string): Promise<BuilderCost[]> {
  const { LocalStore } = await import('../lib/store/localStore.js');
  const { scanContent } = await import('../lib/content/contentScan.js');
  const { loadContent } = await import('../lib/content/loadContent.js');
  const { planSite } = await import('../lib/plan/sitePlan.js');
  const { renderEntries } = await import('../lib/content/renderEntries.js');
  const { DEFAULT_BUILDERS } = await import('../lib/publish/defaultBuilders.js');
  const content = new LocalStore(contentDir);
  const loaded = await loadContent(await scanContent(content));
  const plan = planSite(loaded.site, loaded.entries, DateTime.fromISO(now, { setZone: true }));
  const rendered = new Map<string, Awaited<ReturnType<typeof renderEntries>> extends Map<string, infer V> ? V : never>();
  const costs: BuilderCost[] = [];
  for (const builder of DEFAULT_BUILDERS) {
    let started = performance.now();
    const needed = [...builder.entriesNeeded(plan)];
    const fresh = await renderEntries(loaded.site, needed.filter((entry) => !rendered.has(entry.key)), content, loaded.index);
    for (const [key, body] of fresh) rendered.set(key, body);
    const bodiesMs = performance.now() - started;
    started = performance.now();
    const artifacts = builder.build(plan, rendered);
    const buildMs = performance.now() - started;
    costs.push({
      builder: artifacts[0]?.key ?? '(none)',
      files: artifacts.length,
      entriesNeeded: new Set(needed.map((entry) => entry.key)).size,
      bodiesMs: Math.round(bodiesMs),
      buildMs: Math.round(buildMs),
    });
  }
  return costs;
}
