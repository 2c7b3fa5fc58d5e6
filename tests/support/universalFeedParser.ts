import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./read_feed.py', import.meta.url));
// Debian's interpreter, where apt installs python3-feedparser (.ci/run installs it).
const PYTHON = '/usr/bin/python3';

export interface UniversalFeed {
  bozo: boolean;
  bozo_exception: string;
  version: string;
  title: string | null;
  entries: { title: string | null; id: string; link: string; published: number | null; updated: number | null; tags: string[]; summary: string | null }[];
}

/** What a reader built on the Universal Feed Parser shows for this feed. */
export function readWithUniversalFeedParser(xml: string): UniversalFeed {
  const run = spawnSync(PYTHON, [SCRIPT], { input: xml, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3 feedparser failed (install Debian's python3-feedparser): ${run.stderr || run.error?.message}`);
  return JSON.parse(run.stdout) as UniversalFeed;
}

/** What such a reader shows for each of these feeds, in order: one run of the parser for them all. */
export function readEachWithUniversalFeedParser(xmls: string[]): UniversalFeed[] {
  const run = spawnSync(PYTHON, [SCRIPT, '--each'], { input: JSON.stringify(xmls), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`python3 feedparser failed (install Debian's python3-feedparser): ${run.stderr || run.error?.message}`);
  const feeds = JSON.parse(run.stdout) as UniversalFeed[];
  if (feeds.length !== xmls.length) throw new Error(`python3 feedparser read ${feeds.length} feeds of ${xmls.length}`);
  return feeds;
}
