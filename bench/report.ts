import type { BenchReport, SizeReport } from './harness.js';
import type { NotMeasured, Stats } from './measure.js';
import { countOf } from '../lib/shared/countOf.js';

const ms = (value: number) => (value >= 10_000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`);
const wall = (stats: Stats | NotMeasured) =>
  'wallMs' in stats ? `${ms(stats.wallMs.median)} (${stats.runs === 1 ? '1 run' : `${ms(stats.wallMs.min)}–${ms(stats.wallMs.max)}`})` : 'not measured';
const cpu = (stats: Stats | NotMeasured) => ('wallMs' in stats && stats.cpuMs ? ms(stats.cpuMs.median) : '–');
const rss = (stats: Stats | NotMeasured) => ('wallMs' in stats && stats.maxRssMiB ? `${Math.round(stats.maxRssMiB.max)} MiB` : '–');
const n = (value: number) => value.toLocaleString('en-US');

const RUNS: [keyof SizeReport['runs'], string][] = [
  ['floor', 'floor (read + split)'],
  ['publishScratch', 'publish, from scratch'],
  ['publishUnchanged', 'publish, nothing changed'],
  ['publishEditOne', 'publish, one entry edited'],
  ['check', 'check'],
  ['hugo', 'Hugo 0.111, RSS only'],
  ['publishScratchNoArchive', 'what-if: publish from scratch without the digest archive'],
  ['publishScratchFunctionFlags', "publish, from scratch, the publish function's V8 flags"],
  ['publishEditOneFunctionFlags', "publish, one entry edited, the publish function's V8 flags"],
  ['renderFloor', 'first-publish floor: every published body rendered and sanitised'],
  ['copyOutput', 'first-publish floor: the output copied (`cp -R`)'],
];

/** The report as Markdown tables: wall / CPU / peak RSS per size, ratios, phases, S3, bundles, digest, targets. */
export function formatReport(report: BenchReport): string {
  const out: string[] = [];
  const m = report.machine;
  out.push(`Broadsheet benchmark, ${report.date.slice(0, 10)}: ${m.cpus} × ${m.model}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}${m.hugo ? `, ${m.hugo.split(' ')[0]} ${m.hugo.split(' ')[1] ?? ''}` : ', no Hugo'}.`);
  out.push(
    `Whole processes; median of ${report.options.runs === 'auto' ? '5 runs (3 from 50,000 entries up)' : countOf(report.options.runs, 'run', 'runs')}, min–max in brackets ` +
      `(fewer runs where a measurement used up its ${report.options.budgetSeconds} s budget); corpus seed ${report.options.seed}.`,
    '',
  );
  for (const size of report.sizes) {
    out.push(`### ${n(size.entries)} entries (${size.corpusMiB} MiB of Markdown)`, '');
    out.push('| run | runs | wall, median (min–max) | CPU | peak RSS (max) | × floor |', '| --- | ---: | --- | --- | --- | --- |');
    for (const [key, label] of RUNS) {
      const stats = size.runs[key] as Stats | NotMeasured | undefined;
      // Reports from before a run was measured lack it.
      if (stats === undefined) continue;
      const x = 'wallMs' in stats ? (stats.wallMs.median / size.runs.floor.wallMs.median).toFixed(2) : '–';
      out.push(`| ${label} | ${'runs' in stats ? stats.runs : 0} | ${wall(stats)} | ${cpu(stats)} | ${rss(stats)} | ${x} |`);
    }
    const { renderFloor, copyOutput } = size.runs;
    if (renderFloor && copyOutput) {
      out.push(
        '',
        `publish from scratch / the first-publish floor (${ms(renderFloor.wallMs.median)} + ${ms(copyOutput.wallMs.median)}, the two rows above): ` +
          `**${size.ratios.scratchOverFirstPublishFloor} ×**; with the publish function's V8 flags **${size.ratios.scratchFunctionFlagsOverFirstPublishFloor} ×**.`,
      );
    }
    if (size.ratios.scratchOverHugo !== null) out.push('', `publish from scratch / Hugo: **${size.ratios.scratchOverHugo} ×**.`);
    const hugo = size.runs.hugo;
    if (!('wallMs' in hugo)) out.push('', `Hugo: ${hugo.notMeasured}.`);
    const noArchive = size.runs.publishScratchNoArchive as Stats | undefined;
    const feedBuild = size.builders.find((b) => b.builder === 'feed.xsl')?.buildMs;
    if (noArchive && 'wallMs' in hugo && feedBuild !== undefined) {
      const lowerBound = (noArchive.wallMs.median - feedBuild) / hugo.wallMs.median;
      out.push(
        '',
        `What-if (bench/withoutArchive.mjs, not a mode of Broadsheet): without the digest archive, **${size.ratios.noArchiveOverHugo} ×** Hugo; ` +
          `less the feed builder's whole build as well (${ms(feedBuild)}: its models and serialisation, the most a faster serialiser could save), ${lowerBound.toFixed(2)} × Hugo.`,
      );
    }
    out.push('', `Output: ${size.output.files} files (${size.output.xmlFiles} XML, ${size.output.jsonFiles} JSON) ${size.output.errors.length ? `with ${size.output.errors.length} parse errors` : 'all well-formed'}; the scratch runs' manifests are ${size.output.deterministic ? 'byte-identical' : 'NOT identical'}${size.output.hugoFeeds ? `; Hugo wrote ${size.output.hugoFeeds} RSS feeds` : ''}.`, '');
    const phaseNames = [...new Set(Object.values(size.phases).flatMap((phases) => Object.keys(phases)))];
    out.push(`| phases (\`--timings\`), median ms | ${phaseNames.join(' | ')} |`, `| --- |${phaseNames.map(() => ' ---: |').join('')}`);
    for (const [key, label] of [['publishScratch', 'publish, from scratch'], ['publishUnchanged', 'publish, nothing changed'], ['publishEditOne', 'publish, one entry edited'], ['check', 'check']] as const) {
      out.push(`| ${label} | ${phaseNames.map((name) => (size.phases[key][name] ? Math.round(size.phases[key][name]!.median) : '–')).join(' | ')} |`);
    }
    out.push('', '| render split by builder (one in-process run) | files | bodies needed | bodies rendered | build |', '| --- | ---: | ---: | ---: | ---: |');
    for (const b of size.builders) out.push(`| ${b.builder} | ${b.files} | ${b.entriesNeeded} | ${ms(b.bodiesMs)} | ${ms(b.buildMs)} |`);
    out.push('');
  }
  out.push('### S3 cost', '');
  if ('unchanged' in report.s3) {
    const s3 = report.s3;
    out.push(`${n(s3.entries)} entries, ${s3.server}, \`broadsheet publish --content s3://… --bucket …\` as a whole process:`, '');
    out.push('| publish | wall | LIST | GET | PUT | DELETE |', '| --- | --- | ---: | ---: | ---: | ---: |');
    for (const [label, run] of [['first (empty bucket)', s3.first], ['nothing changed', s3.unchanged]] as const) {
      out.push(`| ${label} | ${ms(run.wallMs)} | ${run.requests.list} | ${run.requests.get} | ${run.requests.put} | ${run.requests.delete} |`);
    }
  } else out.push(`Not measured: ${report.s3.notMeasured}.`);
  out.push('', '### Lambda bundles', '');
  if ('functions' in report.bundles) {
    out.push(`${report.bundles.bundler}, minified ESM as serverless.yml's \`custom.esbuild\` builds it (AWS SDK included; the source map is a separate file, not counted); import timed in fresh \`node\` processes (${report.bundles.node}).`, '');
    out.push('| function | minified | gzipped | import, median (min–max) | whole process |', '| --- | ---: | ---: | --- | --- |');
    for (const fn of report.bundles.functions) {
      out.push(`| ${fn.entry} | ${(fn.minifiedBytes / 1024).toFixed(0)} KiB | ${(fn.gzipBytes / 1024).toFixed(0)} KiB | ${fn.importMs.median} ms (${fn.importMs.min}–${fn.importMs.max}) | ${ms(fn.processMs.median)} |`);
    }
  } else out.push(`Not measured: ${report.bundles.notMeasured}.`);
  out.push('', '### Digest render', '');
  if ('renderMs' in report.digest) {
    const d = report.digest;
    out.push(`${d.week}, ${d.entries} entries (one digest run in process: first paragraphs, models, the archive, the email HTML ${(d.htmlBytes / 1024).toFixed(0)} KiB and text, the message): ${d.renderMs.median} ms median (${d.renderMs.min}–${d.renderMs.max}; first, cold run ${d.firstRunMs} ms).`);
  } else out.push(`Not measured: ${report.digest.notMeasured}.`);
  // Reports from before the Korean and Thai week have no line for it.
  if (report.digestKoreanThai && 'renderMs' in report.digestKoreanThai) {
    const d = report.digestKoreanThai;
    out.push('', `The same week in Korean and Thai (text ${(d.textBytes / 1024).toFixed(0)} KiB, wrapped in columns): ${d.renderMs.median} ms median (${d.renderMs.min}–${d.renderMs.max}; first, cold run ${d.firstRunMs} ms).`);
  } else if (report.digestKoreanThai) out.push('', `The same week in Korean and Thai: not measured: ${report.digestKoreanThai.notMeasured}.`);
  out.push('', '### Targets', '', '| what | target | measured | met |', '| --- | --- | --- | --- |');
  for (const target of report.targets) out.push(`| ${target.what} | ${target.target} | ${target.measured} | ${target.met === null ? 'not measured' : target.met ? 'yes' : '**no**'} |`);
  return out.join('\n') + '\n';
}
