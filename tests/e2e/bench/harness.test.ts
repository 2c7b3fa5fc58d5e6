import { describe, expect, it } from 'vitest';
import { runBench, type BenchReport } from '../../../bench/harness.js';
import { hugoVersion } from '../../../bench/hugo.js';
import { hasGnuTime, type Stats } from '../../../bench/measure.js';
import { formatReport } from '../../../bench/report.js';

// A smoke test of the benchmark harness on 60 entries (the S3 cost on 20), one run each: the report must be
// well-formed JSON and complete. It asserts no timings (performance is the benchmark's business, never a test's).
const SIZE = 60;
/** The S3 cost's corpus: its report has the same fields at any size, and each object is a PUT to s3rver. */
const S3_SIZE = 20;

function expectStats(stats: Stats, label: string, runs = 1): void {
  expect(stats.runs, label).toBe(runs);
  for (const spread of [stats.wallMs, ...(hasGnuTime() ? [stats.cpuMs!, stats.maxRssMiB!] : [])]) {
    expect(spread, label).toBeTruthy();
    for (const value of [spread.median, spread.min, spread.max]) expect(Number.isFinite(value) && value >= 0, label).toBe(true);
    expect(spread.min <= spread.median && spread.median <= spread.max, label).toBe(true);
  }
}

describe('the benchmark harness', () => {
  it(`runs end to end on ${SIZE} entries and reports every figure, or why it is missing`, async () => {
    const lines: string[] = [];
    const report = await runBench({ sizes: [SIZE], runs: 1, s3Entries: S3_SIZE, log: (line) => lines.push(line) });

    // Well-formed: survives a JSON round trip unchanged (a NaN or Infinity would come back as null).
    const json = JSON.stringify(report);
    expect(JSON.parse(json)).toEqual(report);
    expect(report.format).toBe(1);
    expect(Number.isNaN(Date.parse(report.date))).toBe(false);
    expect(report.machine.cpus).toBeGreaterThan(0);

    const [size] = report.sizes as [BenchReport['sizes'][number]];
    expect(report.sizes).toHaveLength(1);
    expect(size.entries).toBe(SIZE);
    for (const key of ['publishScratch', 'publishUnchanged', 'publishEditOne', 'check', 'publishScratchNoArchive', 'publishScratchFunctionFlags', 'publishEditOneFunctionFlags', 'renderFloor', 'copyOutput'] as const) {
      expectStats(size.runs[key]!, key);
    }
    // The floor runs once at the start and once before each timed run of the nine measurements above.
    expectStats(size.runs.floor, 'floor', 10);
    // The first-publish floor's ratios divide by the sum of its two parts.
    const firstPublishFloor = size.runs.renderFloor!.wallMs.median + size.runs.copyOutput!.wallMs.median;
    expect(size.ratios.scratchOverFirstPublishFloor).toBeCloseTo(size.runs.publishScratch.wallMs.median / firstPublishFloor, 2);
    expect(size.ratios.scratchFunctionFlagsOverFirstPublishFloor).toBeCloseTo(size.runs.publishScratchFunctionFlags!.wallMs.median / firstPublishFloor, 2);
    if (hugoVersion()) {
      expectStats(size.runs.hugo as Stats, 'hugo');
      expect(size.output.hugoFeeds).toBeGreaterThan(1);
    }
    else expect(size.runs.hugo).toEqual({ notMeasured: expect.stringContaining('not installed') });
    for (const key of ['publishScratch', 'publishEditOne'] as const) {
      expect(Object.keys(size.phases[key])).toEqual(expect.arrayContaining(['list', 'read', 'parse', 'render', 'write']));
    }
    // Nothing changed: the publish is settled (lib/publish/settled.ts), so it only lists and reads.
    expect(Object.keys(size.phases.publishUnchanged).sort()).toEqual(['list', 'read']);
    expect(Object.keys(size.phases.check)).toEqual(expect.arrayContaining(['list', 'read', 'parse']));
    expect(size.builders.map((builder) => builder.builder)).toContain('feed.xsl');
    for (const [name, value] of Object.entries(size.ratios)) if (!name.endsWith('OverHugo') || hugoVersion()) expect(Number.isFinite(value), name).toBe(true);
    expect(size.output.errors).toEqual([]);
    expect(size.output.deterministic).toBe(true);
    expect(size.output.files).toBeGreaterThan(50 * 3);

    // Every part exists in this repository, so every part must have been measured.
    if (!('unchanged' in report.s3)) throw new Error(`S3 cost not measured: ${report.s3.notMeasured}`);
    expect(report.s3.entries).toBe(S3_SIZE);
    for (const run of [report.s3.first, report.s3.unchanged]) {
      for (const type of ['list', 'get', 'put', 'delete'] as const) expect(Number.isInteger(run.requests[type])).toBe(true);
    }
    expect(report.s3.first.requests.put).toBeGreaterThan(0);
    if (!('functions' in report.bundles)) throw new Error(`bundles not measured: ${report.bundles.notMeasured}`);
    expect(report.bundles.functions.length).toBeGreaterThan(0);
    for (const fn of report.bundles.functions) {
      expect(fn.minifiedBytes).toBeGreaterThan(fn.gzipBytes);
      expect(Number.isFinite(fn.importMs.median)).toBe(true);
    }
    if (!('renderMs' in report.digest)) throw new Error(`digest not measured: ${report.digest.notMeasured}`);
    expect(report.digest.entries).toBe(200);
    // The same week in Korean and Thai, whose text part is wrapped in columns: a text part of its own.
    if (!report.digestKoreanThai || !('renderMs' in report.digestKoreanThai)) throw new Error('the Korean and Thai digest week was not measured');
    expect(report.digestKoreanThai.script).toBe('korean-thai');
    expect(report.digestKoreanThai.entries).toBe(200);

    // Every target docs/benchmarks.md lists appears, met or not, or says why it was not measured (bundle sizes are
    // reported, and asserted above, but are no target: a cold start is judged by its import time).
    const whats = report.targets.map((target) => target.what).join('\n');
    for (const what of ['10k from scratch vs Hugo', '10k from scratch vs the floor', '10k, nothing changed', '`check`, 10k', '100k from scratch', 'fresh process', 'digest render', 'nothing changed']) {
      expect(whats).toContain(what);
    }
    for (const target of report.targets) expect(target.met === null ? target.measured.startsWith('not measured: ') : typeof target.met === 'boolean').toBe(true);

    const table = formatReport(report);
    expect(table).toContain('median of 1 run, ');
    for (const heading of ['floor (read + split)', 'publish, from scratch', 'publish, nothing changed', 'publish, one entry edited', '| check |', 'what-if: publish from scratch without the digest archive', "publish, from scratch, the publish function's V8 flags", "publish, one entry edited, the publish function's V8 flags", 'first-publish floor: every published body rendered and sanitised', 'first-publish floor: the output copied', 'publish from scratch / the first-publish floor', '### S3 cost', '### Lambda bundles', '### Digest render', '### Targets']) {
      expect(table).toContain(heading);
    }
    expect(table).toContain('The same week in Korean and Thai (text ');
    if (hugoVersion()) expect(table).toContain('What-if (bench/withoutArchive.mjs');
  }, 180_000);
});
