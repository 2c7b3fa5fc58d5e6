import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CliRun } from './cli.js';
import { contentFolder } from './content.js';
import { linkedCopy } from './linkedCopy.js';

export interface PublishedSites {
  /** A new temporary folder, removed by removeAll. */
  tempDir(): Promise<string>;
  /**
   * A content folder of `entries` and the output publishing it there makes, as hard links to the one publish of the
   * same entries (linkedCopy): each file keeps the version that publish recorded, so the drift check takes the output
   * for that publish's own and the entry index's records are those of the content's files. A test changes a content
   * file as an editor that saves to a new file and renames it over the old one does (saveByRename), never in place.
   */
  publishedSite(entries: Record<string, string>): Promise<{ content: string; out: string }>;
  /** Removes `dir` with the rest, in removeAll. */
  removeLater(dir: string): void;
  removeAll(): Promise<void>;
}

/** One publish from scratch, through `run` (runCli or runMain) as of `now`, of each set of entries a file's tests start from, made on first use. */
export function publishedSites(run: (args: string[]) => Promise<CliRun>, now: string): PublishedSites {
  const temporary: string[] = [];
  const published = new Map<string, Promise<{ content: string; out: string }>>();
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-readers-'));
    temporary.push(dir);
    return dir;
  };
  return {
    tempDir,
    async publishedSite(entries) {
      const key = JSON.stringify(Object.entries(entries));
      let template = published.get(key);
      if (!template) {
        template = (async () => {
          const content = await contentFolder({ entries });
          temporary.push(content);
          const out = await tempDir();
          const first = await run(['publish', '--content', content, '--out', out, '--now', now]);
          expect(first.code, first.stderr).toBe(0);
          return { content, out };
        })();
        published.set(key, template);
      }
      const from = await template;
      const content = await tempDir();
      const out = await tempDir();
      await Promise.all([linkedCopy(from.content, content), linkedCopy(from.out, out)]);
      return { content, out };
    },
    removeLater(dir) {
      temporary.push(dir);
    },
    async removeAll() {
      await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}
