import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CORPUS_NOW, generateCorpus } from './corpus.js';
import { runMeasured, type NotMeasured } from './measure.js';

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
 * The S3 cost of a publish at `entries` entries, against s3rver on loopback, started here: the corpus pushed to
 * a content bucket with `broadsheet push-content`, then a first publish from s3:// into an empty bucket, then
 * one with nothing changed. Both publishes run as whole `broadsheet publish` processes; the request counts are
 * the CLI's own (`--json`), by type.
 */
export async function benchS3Cost(options: { entries: number; seed: number; workDir: string; root: string; cli: string; log: (line: string) => void }): Promise<S3CostReport | NotMeasured> {
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
    const client = new S3Client({ endpoint, forcePathStyle: true, region: 'us-east-1', credentials: CREDENTIALS });
    for (const Bucket of ['bench-content', 'bench-output']) await client.send(new CreateBucketCommand({ Bucket }));
    client.destroy();

    const env = { ...process.env, AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1' };
    options.log(`S3 cost at ${options.entries} entries: pushing the corpus to s3rver at ${endpoint}`);
    generateCorpus(contentDir, { count: options.entries, seed: options.seed });
    await runMeasured(process.execPath, [options.cli, 'push-content', '--content', contentDir, '--bucket', 'bench-content', '--prefix', 'content/', '--endpoint', endpoint, '--quiet'], { env });

    const publish = async (): Promise<S3Run> => {
      const run = await runMeasured(process.execPath, [options.cli, 'publish', '--content', 's3://bench-content/content/', '--bucket', 'bench-output', '--endpoint', endpoint, '--now', CORPUS_NOW, '--json'], { env });
      const result = JSON.parse(run.stdout) as { requests: { content: Requests; output: Requests }; counts: Record<string, number> };
      const { content, output } = result.requests;
      const requests = { list: content.list + output.list, get: content.get + output.get, put: content.put + output.put, delete: content.delete + output.delete };
      return { ...run.sample, requests, content, output, counts: result.counts };
    };
    const first = await publish();
    options.log(`  first publish       ${Math.round(first.wallMs)} ms  ${JSON.stringify(first.requests)}`);
    const unchanged = await publish();
    options.log(`  nothing changed     ${Math.round(unchanged.wallMs)} ms  ${JSON.stringify(unchanged.requests)}`);
    return { entries: options.entries, server: 's3rver on 127.0.0.1', first, unchanged };
  } finally {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
