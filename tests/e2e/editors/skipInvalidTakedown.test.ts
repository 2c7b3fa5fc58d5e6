import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';

// An editor fixes a title and drops its quotes: `title: China zone: China trade` is no longer YAML. Without
// --skip-invalid the publish is refused and the entry stays as readers know it; with it, the entry is taken down,
// and publish says so in as many words, not only as a skipped entry.
describe('publish --skip-invalid when an edit breaks a published entry', () => {
  it('refused without it, the page kept; with it, a warning that the published entry is taken down, which check --out gives first', async () => {
    const content = await contentFolder({
      entries: {
        '2014/zone.md': entryText(entry({ title: 'China zone: China trade', url: 'https://news.example.com/zone', date: '2014-05-08' })),
        '2014/other.md': entryText(entry({ title: 'Other', url: 'https://news.example.com/other', date: '2014-05-07' })),
      },
    });
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-takedown-'));
    const publish = (...extra: string[]) => runCli(['publish', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z', '--quiet', ...extra]);
    expect((await publish()).code).toBe(0);
    const page = join(out, 'entries/2014/zone/index.html');
    await access(page);
    const file = join(content, 'entries/2014/zone.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace("title: 'China zone: China trade'", 'title: China zone: China trade'));

    const refused = await publish();
    expect(refused.code).toBe(1);
    await access(page);
    const warning =
      'warning: entries/2014/zone.md: file: was published, and is left out while it is invalid: its page and its items in the feeds are removed until it is fixed (fix its problem (listed with the skipped entries) and publish again; without --skip-invalid a problem refuses the whole publish, and the published entry stays)';
    // check --out says it beside the problem, as the publish with --skip-invalid does.
    const checked = await runCli(['check', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z']);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain(warning);

    const skipping = await publish('--skip-invalid');
    expect(skipping.code, skipping.stderr).toBe(0);
    expect(skipping.stderr).toContain(warning);
    await expect(access(page)).rejects.toThrow();
  });
});
