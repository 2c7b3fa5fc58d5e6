import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { expect } from 'vitest';
import type { CliRun } from './cli.js';
import { contentFolder, entry, entryText, SITE } from './content.js';
import { parseProblemLine, type ProblemLine } from './parseProblemLine.js';

// Clumsy and hostile site.yml, run by tests/e2e/editors/siteYmlInput.test.ts through the real CLI and by
// tests/unit/cli/siteYmlInput.test.ts in process: what `check` passes publishes, and what would publish invalid output
// or unbounded work is one line `site.yml: field: message (fix)`, refused by publish.

export const ENTRIES = { '2014/a.md': entryText(entry({ date: '2014-05-08' })) };
export const NOW = '2014-06-01T00:00:00Z';

/**
 * Links site.yml gives every page, checked and published by siteYmlInput.test.ts, their pages checked by the Nu Html
 * Checker in tests/e2e/readers/nuChecker.test.ts's one run: a digest.subscribe URL with a space, | or a stray %, and an
 * author address with % | { } (a digest: block without digest.subscribe or digest.from: the pages ask readers to
 * write to the author).
 */
export const CLUMSY_LINK_SITES = [
  { ...SITE, digest: { subscribe: 'https://watch.example.org/sign up|now' } },
  { ...SITE, digest: { subscribe: 'mailto:editors@watch.example.org?subject=100%' } },
  { ...SITE, author: { name: 'Editors', email: 'ed%zz|{x}@watch.example.org' }, digest: { day: 'monday' } },
];

// The values below each refused in a field of its own, and an entry of comments only: one check and one publish for all.
export const LIST_ID = `${'list.'.repeat(300)}example.org`;
export const DESCRIPTION = 'A long description. '.repeat(2_000);
export const AUTHOR_NAME = 'Editors '.repeat(100);
export const REFUSED_SITE = { ...SITE, description: DESCRIPTION, author: { name: AUTHOR_NAME, email: 'editors@watch.example.org' }, digest: { listId: LIST_ID, day: ['monday'], time: ['08:00'] } };
export const TODO = '---\n# to do\n---\nA draft of a commentary.\n';

// A site.yml as a Windows editor saves it, whose author address has a domain in another script and whose digest: block
// has no from or subscribe (the pages' way to get it is a mail to the author): one check and one publish for both.
export const WINDOWS_SITE = '\uFEFFtitle: 1984\r\ndescription: Curated test news.\r\nurl: https://watch.example.org/\r\nlanguage: en\r\ntimezone: Asia/Seoul\r\nidDate: 2014\r\nauthor:\r\n  name: Editors\r\n  email: editors@bücher.example\r\ndigest:\r\n  day: monday\r\n';

/** The line of the key at `path` (each key looked for below the one before) in the site.yml contentFolder writes (js-yaml's dump). */
export function lineOf(site: Record<string, unknown>, ...path: string[]): string {
  const lines = dump(site).split('\n');
  let index = -1;
  for (const key of path) index = lines.findIndex((text, at) => at > index && text.trimStart().startsWith(`${key}:`));
  return String(index + 1);
}

/** `check` and `publish` of a content folder with `site` through `run` (runCli or runMain). */
export function siteYmlRuns(run: (args: string[]) => Promise<CliRun>) {
  async function publish(site: Record<string, unknown> | string, entries: Record<string, string> = ENTRIES) {
    const content = await contentFolder({ site, entries });
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-site-input-'));
    const checked = await run(['check', '--content', content]);
    const published = await run(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    return { checked, run: published, out };
  }

  /** check's problem lines and publish's run, which must refuse the same lines and write nothing. */
  async function refused(site: Record<string, unknown> | string, entries: Record<string, string> = ENTRIES): Promise<ProblemLine[]> {
    const { checked, run: published, out } = await publish(site, entries);
    expect(checked.code).toBe(1);
    const problems = checked.stderr.trim().split('\n').filter((line) => !/^\d+ problems? in /.test(line));
    expect(published.code).toBe(1);
    for (const line of problems) expect(published.stderr).toContain(line);
    expect(`${checked.stderr}${published.stderr}`).not.toMatch(/^\s+at /m);
    expect(await readdir(out)).toEqual([]);
    return problems.map(parseProblemLine);
  }

  return { publish, refused };
}
