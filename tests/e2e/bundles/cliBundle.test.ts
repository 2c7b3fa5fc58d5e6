import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../../support/cli.js';

// The CLI split into chunks as scripts/bundleCli.mjs splits it (the options that shape the chunks, from the sources
// rather than tsc's output): what each command loads when it starts, before any dynamic import.
let outputs: Metafile['outputs'];
beforeAll(async () => {
  const result = await build({ entryPoints: ['cli/run.ts'], absWorkingDir: REPO, outdir: 'cli-bundle', bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20', metafile: true, write: false, logLevel: 'silent' });
  outputs = result.metafile.outputs;
}, 60_000);

/** The files in the chunk of `entry` and the chunks it imports, statically only or (`dynamic`) dynamically too. */
function inputsLoaded(entry: string, dynamic = false): string[] {
  const start = Object.keys(outputs).find((path) => outputs[path]!.entryPoint === entry);
  expect(start, entry).toBeDefined();
  const seen = new Set<string>([start!]);
  for (const path of seen) {
    for (const imported of outputs[path]!.imports) if (!imported.external && (dynamic || imported.kind === 'import-statement')) seen.add(imported.path);
  }
  return [...seen].flatMap((path) => Object.entries(outputs[path]!.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([input]) => input));
}

const SES_SDK = /node_modules\/@aws-sdk\/client-sesv2\//;
const NODEMAILER = /node_modules\/nodemailer\//;
const SMTP_CONNECTION = /node_modules\/nodemailer\/.*smtp-connection\//;

describe('the bundled CLI', () => {
  it('settle loads neither the SES SDK nor nodemailer: it reads their timeouts only, and sends nothing', () => {
    const settle = inputsLoaded('cli/commands/settle.ts');
    expect(settle).toContain('lib/delivery/settleUnknown.ts');
    expect([settle.some((input) => SES_SDK.test(input)), settle.some((input) => NODEMAILER.test(input))]).toEqual([false, false]);
    // digest loads both where its transport sends (a dynamic import; it builds messages with nodemailer's MIME code
    // at its start), so the walk above finds them once imported.
    const digest = [inputsLoaded('cli/commands/digest.ts'), inputsLoaded('cli/commands/digest.ts', true)];
    expect(digest.map((inputs) => [inputs.some((input) => SES_SDK.test(input)), inputs.some((input) => SMTP_CONNECTION.test(input))])).toEqual([
      [false, false],
      [true, true],
    ]);
  });
});
