import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli.js';
import { contentFolder } from './content.js';
import { serveFolder, type StaticServer } from './staticServer.js';

/** A site published by the real CLI and served on loopback, as a feed reader fetches it. */
export interface ServedSite {
  /** The scratch folder (readers keep their caches here); the output is its `public/`. */
  work: string;
  server: StaticServer;
  /** Stops the server and removes the folders. */
  close(): Promise<void>;
}

/** Publishes `entries` (paths under entries/ to their text) with the sample site.yml at `now`, and serves the output. */
export async function servedSite(entries: Record<string, string>, now = '2014-06-01T00:00:00Z'): Promise<ServedSite> {
  const content = await contentFolder({ entries });
  const work = await mkdtemp(join(tmpdir(), 'broadsheet-served-'));
  const run = await runCli(['publish', '--content', content, '--out', join(work, 'public'), '--now', now, '--quiet']);
  if (run.code !== 0) throw new Error(`publish exited ${run.code}: ${run.stderr}`);
  const server = await serveFolder(join(work, 'public'));
  return {
    work,
    server,
    async close() {
      await server.close();
      await rm(work, { recursive: true, force: true });
      await rm(content, { recursive: true, force: true });
    },
  };
}
