import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { generateCorpus } from './corpus.js';
import { spread, type Spread } from './measure.js';
import type { NotMeasured } from './harness.js';

export interface DigestRenderReport {
  entries: number;
  week: string;
  /** Bodies (for first paragraphs) + model + email HTML + plain text, per run; the first run included. */
  renderMs: Spread;
  firstRunMs: number;
  htmlBytes: number;
  textBytes: number;
}

// ISO week 2025-W52: Monday 22 to Sunday 28 December 2025.
const WEEK_START = Date.UTC(2025, 11, 22);

/**
 * Renders the digest of one week holding `entries` entries, in this process, `runs` times, each from a fresh
 * index (so the bodies are rendered every time, as on a first publish): Markdown bodies for the first paragraphs,
 * the model, the email HTML and the plain text.
 */
export async function benchDigestRender(options: { workDir: string; seed: number; runs: number; entries?: number; log: (line: string) => void }): Promise<DigestRenderReport | NotMeasured> {
  const count = options.entries ?? 200;
  const dir = join(options.workDir, 'digest');
  mkdirSync(dir, { recursive: true });
  try {
    const corpus = generateCorpus(dir, { count, seed: options.seed, firstDay: WEEK_START, days: 7, dateTimes: false });
    const { LocalStore } = await import('../lib/store/localStore.js');
    const { scanContent } = await import('../lib/content/contentScan.js');
    const { loadContent } = await import('../lib/content/loadContent.js');
    const { planSite } = await import('../lib/plan/sitePlan.js');
    const { renderEntries } = await import('../lib/content/renderEntries.js');
    const { EntryIndex } = await import('../lib/content/entryIndex.js');
    const { buildDigestModel } = await import('../lib/digest/digestModel.js');
    const { renderDigestHtml } = await import('../lib/digest/renderDigestHtml.js');
    const { renderDigestText } = await import('../lib/digest/renderDigestText.js');
    const { isoWeekOf } = await import('../lib/time/isoWeek.js');

    const content = new LocalStore(dir);
    const loaded = await loadContent(await scanContent(content));
    if (loaded.problems.length) throw new Error(`the digest corpus has problems: ${loaded.problems[0]!.message}`);
    const now = DateTime.fromMillis(WEEK_START + 7 * 86_400_000, { zone: 'utc' });
    const plan = planSite(loaded.site, loaded.entries, now);
    const week = isoWeekOf(DateTime.fromMillis(WEEK_START, { zone: loaded.site.timezone }).plus({ hours: 12 }));
    const times: number[] = [];
    let html = '';
    let text = '';
    let inWeek = 0;
    for (let i = 0; i < options.runs; i++) {
      const started = performance.now();
      const index = new EntryIndex(loaded.index.context);
      const needed = plan.published.filter((entry) => entry.summary === undefined);
      const rendered = await renderEntries(loaded.site, needed, content, index);
      const model = buildDigestModel(loaded.site, week, plan.published, rendered);
      html = renderDigestHtml(model, { variant: 'email' });
      text = renderDigestText(model, { variant: 'email' });
      times.push(Math.round((performance.now() - started) * 10) / 10);
      inWeek = model.entries.length;
    }
    if (inWeek !== corpus.entries.filter((entry) => !entry.draft).length) throw new Error(`the digest week holds ${inWeek} entries, not the corpus's ${count}`);
    const report: DigestRenderReport = { entries: inWeek, week: week.name, renderMs: spread(times), firstRunMs: times[0]!, htmlBytes: Buffer.byteLength(html), textBytes: Buffer.byteLength(text) };
    options.log(`Digest render, ${week.name} with ${inWeek} entries: ${report.renderMs.median} ms (${report.renderMs.min}–${report.renderMs.max}; first run ${report.firstRunMs} ms)`);
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
