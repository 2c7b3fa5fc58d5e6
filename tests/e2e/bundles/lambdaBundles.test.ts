import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverlessEsbuildOptions } from '../../../bench/bundles.js';
import { fillUnsubscribe } from '../../../lib/digest/digestHtml.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { REPO } from '../../support/cli.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// The Lambda bundles as serverless.yml's custom.esbuild builds them (the options are read from the file, so
// these tests follow it): what goes in, that each stays under the 1 MiB target (docs/benchmarks.md), and that
// the email renderer works the same once bundled.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broadsheet-bundles-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The files that put code into one output (the metafile also lists files parsed and then tree-shaken away). */
const inputsOf = (metafile: Metafile, file: string) => Object.entries(metafile.outputs[relative(REPO, file)]!.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path);

async function bundle(name: string, contents: string): Promise<{ file: string; inputs: string[] }> {
  const file = join(dir, `${name}.mjs`);
  const result = await build({ ...serverlessEsbuildOptions(REPO), absWorkingDir: REPO, stdin: { contents, resolveDir: REPO, sourcefile: `${name}.ts`, loader: 'ts' }, outfile: file, metafile: true, logLevel: 'silent' });
  return { file, inputs: inputsOf(result.metafile!, file) };
}

/**
 * Each function's bundle, all from one esbuild call: without code splitting, esbuild links each entry point into an
 * output of its own, byte for byte the one a call for that entry alone gives (as serverless-esbuild makes them, one
 * function at a time), while the modules the functions share are parsed once.
 */
async function bundleEach(names: readonly string[]): Promise<Record<string, { file: string; inputs: string[] }>> {
  const result = await build({ ...serverlessEsbuildOptions(REPO), absWorkingDir: REPO, entryPoints: names.map((name) => `functions/${name}.ts`), outdir: dir, outExtension: { '.js': '.mjs' }, metafile: true, logLevel: 'silent' });
  return Object.fromEntries(names.map((name) => [name, { file: join(dir, `${name}.mjs`), inputs: inputsOf(result.metafile!, join(dir, `${name}.mjs`)) }]));
}

/** The npm packages a bundle holds (nested copies by their own name). */
const packagesOf = (inputs: string[]) => new Set(inputs.flatMap((input) => [...input.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].map((m) => m[1]!)));
const awsClientsOf = (inputs: string[]) => [...packagesOf(inputs)].filter((name) => /^@aws-sdk\/client-/.test(name)).sort();

describe('the digest email renderer, bundled as deployed', () => {
  let renderer: { file: string; inputs: string[] };
  beforeAll(async () => {
    renderer = await bundle('renderer', "export { renderDigestHtml } from './lib/digest/renderDigestHtml.ts';");
  }, 60_000);

  it('inlines the CSS itself: no juice, cheerio or HTML parser goes in', () => {
    const packages = packagesOf(renderer.inputs);
    for (const name of ['juice', 'cheerio', 'htmlparser2', 'dom-serializer', 'css-select', 'mensch', 'parse5']) expect(packages, name).not.toContain(name);
  });

  it('renders the digest email and its archived copy byte for byte as unbundled, with every style inlined', async () => {
    const bundled = (await import(pathToFileURL(renderer.file).href)) as { renderDigestHtml: typeof renderDigestHtml };
    const site = testSite();
    const model = weekModel(site, [
      meta('2014-05-09', { title: 'Rice <prices> & “markets”', related: [{ title: 'Background', url: 'https://news.example.com/bg' }], image: 'https://img.example.com/rice.jpg' }),
      meta('2014-05-05T09:00:00', { summary: 'Tariffs & <quotas>, again.' }),
    ]);
    const html = bundled.renderDigestHtml(model, { variant: 'email' });
    expect(html).toBe(renderDigestHtml(model, { variant: 'email' }));
    expect(bundled.renderDigestHtml(model, { variant: 'archive' })).toBe(renderDigestHtml(model, { variant: 'archive' }));
    // From the renderer's stylesheet: h1 { margin: 6px 0 6px; font-size: 26px; ... }, .masthead { padding: 28px 24px 18px; ... }.
    expect(html).toMatch(/<h1\b[^>]*\sstyle="[^"]*font-size: 26px;/);
    expect(html).toMatch(/class="[^"]*\bmasthead\b[^"]*"[^>]*\sstyle="[^"]*padding: 28px 24px 18px;/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(style.replace(/@media[^{]+\{(?:[^{}]*\{[^{}]*\})*\s*\}/g, '').trim()).toBe('');
    expect(fillUnsubscribe(html, 'https://watch.example.org/u')).toContain('https://watch.example.org/u');
    expect(html).toContain('Rice &lt;prices&gt; &amp; “markets”');
  });
});

describe('each function bundle', () => {
  let bundles: Record<string, { file: string; inputs: string[] }> = {};
  beforeAll(async () => {
    bundles = await bundleEach(['publish', 'trigger', 'digest', 'digestSender', 'subscribe', 'sesFeedback']);
  }, 120_000);

  // What bundleEach (and bench/bundles.ts) rests on; trigger, the smallest, stands for all.
  it('is byte for byte the bundle serverless-esbuild makes, one esbuild call per function', async () => {
    const alone = join(dir, 'alone');
    await build({ ...serverlessEsbuildOptions(REPO), absWorkingDir: REPO, entryPoints: ['functions/trigger.ts'], outdir: alone, outExtension: { '.js': '.mjs' }, logLevel: 'silent' });
    expect((await readFile(join(alone, 'trigger.mjs'))).equals(await readFile(bundles.trigger!.file))).toBe(true);
  }, 60_000);

  it('holds the AWS SDK clients its function calls, and no other', () => {
    // CloudFront: the invalidation after a publish that changed files.
    expect(awsClientsOf(bundles.publish!.inputs)).toEqual(['@aws-sdk/client-cloudfront', '@aws-sdk/client-s3']);
    // S3 for GET /runs: the run records.
    expect(awsClientsOf(bundles.trigger!.inputs)).toEqual(['@aws-sdk/client-lambda', '@aws-sdk/client-s3', '@aws-sdk/client-ssm']);
    // SSM: the token secret of the subscribers' unsubscribe links.
    // SQS: the fan-out's batches.
    expect(awsClientsOf(bundles.digest!.inputs)).toEqual(['@aws-sdk/client-lambda', '@aws-sdk/client-s3', '@aws-sdk/client-sesv2', '@aws-sdk/client-sqs', '@aws-sdk/client-ssm']);
    // The sender is fed by the event source mapping: no SQS client, and it invokes no function.
    expect(awsClientsOf(bundles.digestSender!.inputs)).toEqual(['@aws-sdk/client-s3', '@aws-sdk/client-sesv2', '@aws-sdk/client-ssm']);
    expect(awsClientsOf(bundles.subscribe!.inputs)).toEqual(['@aws-sdk/client-s3', '@aws-sdk/client-sesv2', '@aws-sdk/client-ssm']);
    // SES: the contact list's contacts a complaint or a bounce unsubscribes (SES_CONTACT_LIST).
    expect(awsClientsOf(bundles.sesFeedback!.inputs)).toEqual(['@aws-sdk/client-s3', '@aws-sdk/client-sesv2']);
  });

  it('subscribe: the subscription handler, none of the publishing core', () => {
    const { inputs } = bundles.subscribe!;
    for (const name of ['markdown-it', 'sanitize-html', 'feed', 'juice']) expect(packagesOf(inputs), name).not.toContain(name);
    expect(inputs).toContain('lib/subscribers/subscriptionHandler.ts');
    expect(inputs).not.toContain('lib/publish/publish.ts');
    // The confirmation email wraps its text as the digest's does, without the digest's renderer.
    expect(inputs).toContain('lib/shared/wrapText.ts');
    expect(inputs).not.toContain('lib/digest/renderDigestText.ts');
  });

  it("holds no credential provider that cannot run on Lambda (SSO, INI, process, web identity, IMDS), nor the clients they call", () => {
    for (const [name, { inputs }] of Object.entries(bundles)) {
      const packages = packagesOf(inputs);
      for (const unused of ['@aws-sdk/credential-provider-node', '@aws-sdk/credential-provider-sso', '@aws-sdk/credential-provider-ini', '@aws-sdk/credential-provider-process', '@aws-sdk/credential-provider-web-identity', '@aws-sdk/credential-provider-login', '@aws-sdk/nested-clients', '@aws-sdk/token-providers']) {
        expect(packages, `${name}: ${unused}`).not.toContain(unused);
      }
      expect(inputs, name).toContain('functions/aws/lambdaCredentials.ts');
    }
  });

  // A bundle's cold start is judged by its import time in `npm run bench` (at most 250 ms), not by its bytes.
  it('each loads and exports its handler', async () => {
    for (const [name, { file }] of Object.entries(bundles)) {
      const loaded = (await import(pathToFileURL(file).href)) as { handler?: unknown };
      expect(typeof loaded.handler, name).toBe('function');
    }
  }, 120_000);

  it('digestSender: the delivery of one batch; none of the publishing core', () => {
    const { inputs } = bundles.digestSender!;
    for (const name of ['markdown-it', 'sanitize-html', 'feed', 'juice']) expect(packagesOf(inputs), name).not.toContain(name);
    for (const core of ['lib/publish/publish.ts', 'lib/content/loadContent.ts', 'cli/digestRun.ts']) expect(inputs, core).not.toContain(core);
    for (const part of ['lib/delivery/digestFanout.ts', 'lib/delivery/sendLedger.ts', 'lib/subscribers/storeSubscriberStore.ts']) expect(inputs, part).toContain(part);
  });

  it('digest: the delivery only; none of the publishing core (the publish function publishes and hands it the week)', () => {
    const { inputs } = bundles.digest!;
    const packages = packagesOf(inputs);
    for (const name of ['markdown-it', 'sanitize-html', 'feed', 'juice', 'cheerio', 'htmlparser2', 'postcss']) expect(packages, name).not.toContain(name);
    for (const core of ['lib/publish/publish.ts', 'lib/content/loadContent.ts', 'lib/content/renderEntries.ts', 'lib/content/renderMarkdown.ts', 'lib/digest/digestArtifacts.ts', 'lib/publish/publishDigestWeek.ts', 'cli/digestRun.ts']) expect(inputs, core).not.toContain(core);
    for (const part of ['lib/delivery/digestDelivery.ts', 'lib/digest/digestModelCodec.ts', 'lib/digest/renderDigestHtml.ts', 'lib/delivery/sendLedger.ts']) expect(inputs, part).toContain(part);
    // The publish function holds the core and the week's side of the exchange, and nothing that sends mail.
    for (const part of ['lib/publish/publish.ts', 'lib/publish/publishDigestWeek.ts', 'lib/digest/digestModelCodec.ts']) expect(bundles.publish!.inputs, part).toContain(part);
    expect(packagesOf(bundles.publish!.inputs)).not.toContain('nodemailer');
  });

  it('trigger: only the token check, the routes and the invocations; none of the publishing core', async () => {
    const { inputs, file } = bundles.trigger!;
    const packages = packagesOf(inputs);
    for (const name of ['markdown-it', 'sanitize-html', 'luxon', 'feed', 'juice', 'cheerio', 'js-yaml', 'nodemailer']) expect(packages, name).not.toContain(name);
    // Beside the week's name and its range, only the run records' reading (GET /runs) over the S3 store, its client's bounds and its
    // message of a request that got no answer included, and the address and address-hash scrubbing of a logged error
    // (functions/loggedError.ts).
    expect(inputs.filter((input) => input.startsWith('lib/')).sort()).toEqual([
      'lib/publish/runHistory.ts',
      'lib/publish/runRecord.ts',
      'lib/shared/boundedRequests.ts',
      'lib/shared/errors.ts',
      'lib/shared/mailbox.ts',
      'lib/shared/noAnswer.ts',
      'lib/shared/outputLayout.ts',
      'lib/shared/quote.ts',
      'lib/shared/unreached.ts',
      'lib/shared/withoutAddressHashes.ts',
      'lib/store/s3Client.ts',
      'lib/store/s3Store.ts',
      'lib/store/store.ts',
      'lib/time/weekName.ts',
      'lib/time/weekPastLastDate.ts',
    ]);
    expect(inputs).toContain('functions/config.ts');
    // It still loads and exports the handler.
    const loaded = (await import(pathToFileURL(file).href)) as { handler?: unknown };
    expect(typeof loaded.handler).toBe('function');
  });
});
