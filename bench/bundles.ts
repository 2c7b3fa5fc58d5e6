import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BuildOptions } from 'esbuild';
import { load } from 'js-yaml';
import { runMeasured, spread, type NotMeasured, type Spread } from './measure.js';

export interface BundleReport {
  name: string;
  entry: string;
  minifiedBytes: number;
  gzipBytes: number;
  /** The time `await import(bundle)` takes in a fresh Node process: the cold-start proxy. */
  importMs: Spread;
  /** The whole fresh process (start, import, exit). */
  processMs: Spread;
}

export interface BundlesReport {
  bundler: string;
  node: string;
  functions: BundleReport[];
}

/** The Lambda handlers: those serverless.yml names (`handler: functions/x.handler`), else each functions/*.ts exporting `handler`. */
export function handlerFiles(root: string): string[] {
  const dir = join(root, 'functions');
  if (!existsSync(dir)) return [];
  const serverless = join(root, 'serverless.yml');
  if (existsSync(serverless)) {
    const named = [...readFileSync(serverless, 'utf8').matchAll(/^\s+handler:\s*(functions\/[\w/.-]+)\.handler\s*$/gm)].map((m) => join(root, `${m[1]}.ts`));
    if (named.length > 0) return [...new Set(named)].filter((file) => existsSync(file)).sort();
  }
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .filter((name) => /export\s+(const|async\s+function|function|let)\s+handler\b|export\s*\{[^}]*\bhandler\b/.test(readFileSync(join(dir, name), 'utf8')))
    .sort()
    .map((name) => join(dir, name));
}

// serverless-esbuild's own options, which it removes before calling esbuild (its bundle.ts).
const PLUGIN_ONLY = ['concurrency', 'zipConcurrency', 'exclude', 'nativeZip', 'packager', 'packagePath', 'watch', 'keepOutputDirectory', 'packagerOptions', 'installExtraArgs', 'outputFileExtension', 'outputBuildFolder', 'outputWorkFolder', 'nodeExternals', 'skipBuild', 'skipRebuild', 'skipBuildExcludeFns', 'stripEntryResolveExtensions', 'disposeContext'];

/**
 * The esbuild options the deployment uses: serverless.yml's `custom.esbuild`, as serverless-esbuild passes
 * them on (its own keys removed, `exclude` turned into `external`). Only the `custom:` block is parsed:
 * the rest of the file holds CloudFormation tags (!Ref, !Sub) that a plain YAML load refuses.
 */
export function serverlessEsbuildOptions(root: string): BuildOptions {
  const text = readFileSync(join(root, 'serverless.yml'), 'utf8');
  const block = /^custom:\n(?:[ \t]+.*\n|[ \t]*\n)+/m.exec(text);
  if (!block) throw new Error('serverless.yml has no custom: block');
  const custom = (load(block[0]) as { custom?: { esbuild?: Record<string, unknown> } }).custom?.esbuild;
  if (!custom) throw new Error('serverless.yml has no custom.esbuild');
  const exclude = Array.isArray(custom.exclude) ? (custom.exclude as string[]) : typeof custom.exclude === 'string' ? [custom.exclude] : [];
  const options: Record<string, unknown> = Object.fromEntries(Object.entries(custom).filter(([key]) => !PLUGIN_ONLY.includes(key)));
  options.external = [...((options.external as string[] | undefined) ?? []), ...(exclude.includes('*') ? [] : exclude)];
  return options as BuildOptions;
}

// Runs in the fresh process: only the import is timed, not Node's own start.
const IMPORT_PROBE = `const started = performance.now(); await import(process.env.BENCH_BUNDLE); process.stdout.write(String(performance.now() - started));`;

/**
 * Bundles each handler as the deployment does (serverless.yml's custom.esbuild: one minified ESM file, the
 * AWS SDK included; the source map, if any, a separate file that is not counted), reports its size minified
 * and gzipped, and times its import in fresh Node processes.
 * serverless-esbuild builds one function per esbuild call; here one call builds them all, which without code
 * splitting links each entry point into an output of its own, byte for byte the one its own call gives
 * (tests/e2e/bundles/lambdaBundles.test.ts checks this), while the modules they share are parsed once.
 */
export async function benchBundles(options: { root: string; workDir: string; runs: number; log: (line: string) => void }): Promise<BundlesReport | NotMeasured> {
  const entries = handlerFiles(options.root);
  if (entries.length === 0) return { notMeasured: 'no functions/*.ts exports a handler' };
  const esbuild = await import('esbuild');
  const outDir = join(options.workDir, 'bundles');
  mkdirSync(outDir, { recursive: true });
  const functions: BundleReport[] = [];
  options.log(`Lambda bundles (esbuild ${esbuild.version}, as serverless.yml's custom.esbuild builds them)`);
  const functionsDir = join(options.root, 'functions');
  const outfileOf = (entry: string) => join(outDir, relative(functionsDir, entry).replace(/\.ts$/, '.mjs'));
  await esbuild.build({ ...serverlessEsbuildOptions(options.root), absWorkingDir: options.root, entryPoints: entries, outbase: functionsDir, outdir: outDir, outExtension: { '.js': '.mjs' }, logLevel: 'silent' });
  for (const entry of entries) {
    const name = entry.slice(entry.lastIndexOf('/') + 1, -3);
    const outfile = outfileOf(entry);
    const bytes = readFileSync(outfile);
    const importMs: number[] = [];
    const processMs: number[] = [];
    // Env a handler may read at import; the values only have to be well-formed, nothing is called.
    const env = {
      ...process.env,
      BENCH_BUNDLE: outfile,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
    };
    for (let i = 0; i < options.runs; i++) {
      const run = await runMeasured(process.execPath, ['--input-type=module', '-e', IMPORT_PROBE], { env });
      importMs.push(Math.round(Number(run.stdout) * 10) / 10);
      processMs.push(run.sample.wallMs);
    }
    const report: BundleReport = {
      name,
      entry: `functions/${name}.ts`,
      minifiedBytes: statSync(outfile).size,
      gzipBytes: gzipSync(bytes, { level: 9 }).length,
      importMs: spread(importMs),
      processMs: spread(processMs),
    };
    options.log(`  ${name.padEnd(18)} ${(report.minifiedBytes / 1024).toFixed(0)} KiB minified, ${(report.gzipBytes / 1024).toFixed(0)} KiB gzipped, import ${report.importMs.median} ms`);
    functions.push(report);
  }
  return { bundler: `esbuild ${esbuild.version}`, node: process.version, functions };
}
