import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT } from './harness.js';

const HELP = `Usage: npm run bench -- [options]

Generates synthetic corpora, times whole processes (the floor, broadsheet publish from scratch / unchanged /
one entry edited, broadsheet check, Hugo when installed), the S3 cost against s3rver on loopback, the Lambda
bundles and the digest run; writes bench/results/<sizes>.json (e.g. 1k-10k.json) and prints Markdown tables.
bench/results/ keeps the latest report per size: a run replaces the report of the same sizes, and names
any other report that holds one of its sizes (move its figures to docs/benchmarks.md, then delete it).

Options:
  --sizes LIST      corpus sizes, comma-separated (default 1000,10000,100000)
  --runs N          runs per measurement (default 5; 3 from 50,000 entries up)
  --budget SECONDS  stop repeating a measurement once its runs took this long (default 120;
                    at least one run is always made; the report gives the runs made)
  --seed N          corpus seed (default 20140422)
  --s3-entries N    entries in the S3-cost corpus (default 10000; 0 skips it)
  --no-hugo         skip Hugo even when installed
  --no-bundles      skip the Lambda bundles
  --no-digest       skip the digest render
  --out FILE        where to write the JSON (default bench/results/<sizes>.json)
  --work DIR        keep corpora and outputs in DIR (default: a temp folder, deleted)
  --subscribers N   instead of the above, time a digest send to N confirmed subscribers (and to 1,000
                    beside it) through the fan-out and the file transport: messages a second, peak
                    memory, store requests per recipient; writes bench/results/digest-send-<N>.json
  --report FILE     print the tables of an earlier report (a bench/results/*.json) and exit
  -h, --help        show this help`;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    runs: { type: 'string' },
    budget: { type: 'string' },
    seed: { type: 'string' },
    's3-entries': { type: 'string' },
    'no-hugo': { type: 'boolean' },
    'no-bundles': { type: 'boolean' },
    'no-digest': { type: 'boolean' },
    out: { type: 'string' },
    work: { type: 'string' },
    report: { type: 'string' },
    subscribers: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});
if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
if (values.report) {
  const { formatReport } = await import('./report.js');
  process.stdout.write(formatReport(JSON.parse(readFileSync(values.report, 'utf8')) as import('./harness.js').BenchReport));
  process.exit(0);
}
const whole = (flag: string, text: string | undefined, fallback: number) => {
  if (text === undefined) return fallback;
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${flag}: ${JSON.stringify(text)} is not a whole number`);
  return value;
};
const sizes = (values.sizes ?? '1000,10000,100000').split(',').map((size) => whole('sizes', size.trim().replace(/k$/i, '000'), 0));
if (sizes.some((size) => size < 1)) throw new Error('--sizes: give entry counts such as 1000,10000');

// Run from a snapshot of the build: other work in this tree may rebuild dist/ while the bench runs, and a
// half-written dist/ would break a timed run. node_modules is linked, not copied.
const app = mkdtempSync(join(tmpdir(), 'broadsheet-bench-app-'));
for (const part of ['dist', 'bin', 'package.json', 'serverless.yml', 'bench/floor.mjs', 'bench/renderFloor.mjs', 'bench/withoutArchive.mjs', 'scripts/s3rver.mjs']) cpSync(join(ROOT, part), join(app, part), { recursive: true });
symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
if (values.subscribers !== undefined) {
  const count = whole('subscribers', values.subscribers.replace(/k$/i, '000'), 0);
  if (count < 1) throw new Error('--subscribers: give a number of subscribers such as 100000');
  const send = (await import(pathToFileURL(join(app, 'dist', 'bench', 'digestSend.js')).href)) as typeof import('./digestSend.js');
  const workDir = values.work ?? mkdtempSync(join(tmpdir(), 'broadsheet-bench-send-'));
  const reports = [];
  try {
    for (const subscribers of [...new Set([1000, count])]) reports.push(await send.benchDigestSend({ workDir, seed: whole('seed', values.seed, 20140422), subscribers, log: (line) => process.stderr.write(`${line}\n`) }));
  } finally {
    rmSync(app, { recursive: true, force: true });
    if (!values.work) rmSync(workDir, { recursive: true, force: true });
  }
  const file = resolve(values.out ?? join(ROOT, 'bench', 'results', `digest-send-${count}.json`));
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ when: new Date().toISOString(), reports }, null, 2)}\n`);
  process.stdout.write(`${send.formatDigestSend(reports)}\nReport written to ${file}.\n`);
  process.exit(0);
}
const harness = (await import(pathToFileURL(join(app, 'dist', 'bench', 'harness.js')).href)) as typeof import('./harness.js');
const { formatReport } = (await import(pathToFileURL(join(app, 'dist', 'bench', 'report.js')).href)) as typeof import('./report.js');

const started = performance.now();
const report = await harness.runBench({
  sourceRoot: ROOT,
  sizes,
  ...(values.runs ? { runs: whole('runs', values.runs, 5) } : {}),
  seed: whole('seed', values.seed, 20140422),
  budgetMs: whole('budget', values.budget, 120) * 1000,
  s3Entries: whole('s3-entries', values['s3-entries'], 10_000),
  hugo: !values['no-hugo'],
  bundles: !values['no-bundles'],
  digest: !values['no-digest'],
  ...(values.work ? { workDir: values.work } : {}),
  log: (line) => process.stderr.write(`${line}\n`),
}).finally(() => rmSync(app, { recursive: true, force: true }));
const RESULTS = join(ROOT, 'bench', 'results');
const label = (size: number) => (size % 1000 === 0 ? `${size / 1000}k` : String(size));
const file = resolve(values.out ?? join(RESULTS, `${sizes.map(label).join('-')}.json`));
mkdirSync(join(file, '..'), { recursive: true });
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${formatReport(report)}\nReport written to ${file} (the whole bench took ${((performance.now() - started) / 1000).toFixed(0)} s).\n`);
if (file.startsWith(`${RESULTS}/`)) {
  for (const other of existsSync(RESULTS) ? readdirSync(RESULTS).filter((name) => name.endsWith('.json')) : []) {
    const path = join(RESULTS, other);
    if (path === file) continue;
    // Other kinds of report live here too (the digest send's): only a bench report has sizes.
    const stored = JSON.parse(readFileSync(path, 'utf8')) as Partial<import('./harness.js').BenchReport>;
    const held = (stored.sizes ?? []).map((size) => size.entries).filter((entries) => sizes.includes(entries));
    if (held.length) process.stdout.write(`${relative(ROOT, path)} also holds ${held.map(label).join(', ')}: move what docs/benchmarks.md needs of it into its history, then delete it.\n`);
  }
}
