import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { nuCheck } from '../../support/nuChecker.js';

/**
 * Clumsy and hostile site.yml through the real CLI: what `check` passes publishes valid pages, and what would
 * publish invalid output or unbounded work is one line `site.yml: field: message (fix)`, refused by publish.
 */
const NOW = ['--now', '2014-06-01T00:00:00Z'];
const ENTRIES = { '2014/a.md': entryText(entry({ date: '2014-05-08' })) };

async function publish(site: Record<string, unknown> | string) {
  const content = await contentFolder({ site, entries: ENTRIES });
  const out = await mkdtemp(join(tmpdir(), 'broadsheet-site-input-'));
  const checked = await runCli(['check', '--content', content]);
  const run = await runCli(['publish', '--content', content, '--out', out, ...NOW, '--quiet']);
  return { checked, run, out };
}

describe('links site.yml gives every page', () => {
  it('a digest.subscribe URL with a space, | or a stray %, and an author address with % | { }: checked, published, Nu-valid', async () => {
    const sites = [
      { ...SITE, digest: { subscribe: 'https://watch.example.org/sign up|now' } },
      { ...SITE, digest: { subscribe: 'mailto:editors@watch.example.org?subject=100%' } },
      // Without digest.subscribe or digest.from, the pages ask readers to write to the author.
      { ...SITE, author: { name: 'Editors', email: 'ed%zz|{x}@watch.example.org' } },
    ];
    const pages: string[] = [];
    for (const site of sites) {
      const { checked, run, out } = await publish(site);
      expect(checked.code, checked.stderr).toBe(0);
      expect(run.code, run.stderr).toBe(0);
      pages.push(join(out, 'index.html'), join(out, 'tags', 'trade', 'index.html'));
    }
    expect(await nuCheck(pages)).toEqual([]);
  });
});
