import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CORPUS_NOW, generateCorpus } from './corpus.js';
import { runMeasured } from './measure.js';
import type { NotMeasured } from './harness.js';

interface Requests {
  list: number;
  get: number;
  put: number;
  delete: number;
}

export interface S3Run {
  wallMs: number;
  cpuMs: number | null;
  maxRssMiB: number | null;
  /** Content and output requests added up. */
  requests: Requests;
  content: Requests;
  output: Requests;
  counts: Record<string, number>;
}

export interface S3CostReport {
  entries: number;
  server: string;
  first: S3Run;
  unchanged: S3Run;
}

const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * The S3 cost of a publish at `entries` entries, against s3rver on loopback, started here: a first publish
 * from s3:// into an empty bucket, then one with nothing changed. Both run as whole `broadsheet publish`
 * processes; the request counts are the CLI's own (`--json`), by type.
 */
export async function benchS3Cost(options: { entries: number; seed: number; workDir: string; root: string; cli: string; log: (line: string) => void }): Promise<S3CostReport | NotMeasured> {
  if (!existsSync(fileURLToPath(new URL('../lib/store/s3Store.js', import.meta.url))) && !existsSync(fileURLToPath(new URL('../lib/store/s3Store.ts', import.meta.url)))) {
    return { notMeasured: 'lib/store/s3Store.ts does not exist yet (issue 3)' };
  }
  const { CreateBucketCommand } = await import('@aws-sdk/client-s3');
  const { createS3Client } = await import('../lib/store/s3Client.js');
  const { S3Store } = await import('../lib/store/s3Store.js');
  const { mapLimit } = await import('../lib/shared/mapLimit.js');

  const dir = join(options.workDir, 's3');
  const data = join(dir, 's3rver');
  const contentDir = join(dir, 'content');
  mkdirSync(data, { recursive: true });
  mkdirSync(contentDir, { recursive: true });
  const server = spawn(process.execPath, ['--openssl-legacy-provider', join(options.root, 'scripts', 's3rver.mjs'), data], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.on('exit', (code) => reject(new Error(`s3rver exited with ${code} before listening`)));
      createInterface({ input: server.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    });
    const endpoint = `http://127.0.0.1:${port}`;
    const client = createS3Client({ endpoint, region: 'us-east-1', credentials: CREDENTIALS });
    for (const Bucket of ['bench-content', 'bench-output']) await client.send(new CreateBucketCommand({ Bucket }));

    options.log(`S3 cost at ${options.entries} entries: uploading the corpus to s3rver at ${endpoint}`);
    generateCorpus(contentDir, { count: options.entries, seed: options.seed });
    const files = readdirSync(contentDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
    const upload = new S3Store(client, 'bench-content');
    await mapLimit(files, 32, (file) => upload.put(relative(contentDir, file).split(sep).join('/'), readFileSync(file), { contentType: 'text/markdown; charset=utf-8' }));

    const env = { ...process.env, AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1' };
    const publish = async (): Promise<S3Run> => {
      const run = await runMeasured(process.execPath, [options.cli, 'publish', '--content', 's3://bench-content/', '--bucket', 'bench-output', '--endpoint', endpoint, '--now', CORPUS_NOW, '--json'], { env });
      const result = JSON.parse(run.stdout) as { requests: { content: Requests; output: Requests }; counts: Record<string, number> };
      const { content, output } = result.requests;
      const requests = { list: content.list + output.list, get: content.get + output.get, put: content.put + output.put, delete: content.delete + output.delete };
      return { ...run.sample, requests, content, output, counts: result.counts };
    };
    const first = await publish();
    options.log(`  first publish       ${Math.round(first.wallMs)} ms  ${JSON.stringify(first.requests)}`);
    const unchanged = await publish();
    options.log(`  nothing changed     ${Math.round(unchanged.wallMs)} ms  ${JSON.stringify(unchanged.requests)}`);
    client.destroy();
    return { entries: options.entries, server: 's3rver on 127.0.0.1', first, unchanged };
  } finally {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
