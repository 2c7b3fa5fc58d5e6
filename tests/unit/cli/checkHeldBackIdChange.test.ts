import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';
import { temporaryFolders } from '../../support/temporaryFolders.js';

// An editor running check --out is told of a published entry renamed and dated later, which a publish at that date
// refuses; check --out refuses it then as well, so the fix names check's --allow-id-change beside publish's.
const folders = temporaryFolders();
const A = (date: string) => entryText(entry({ title: 'A', url: 'https://news.example.com/a', date }));

describe('check --out: a published entry renamed while a later date holds it back', () => {
  it("the warning's fix names publish and check with --allow-id-change", async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': A('2014-05-08') } }));
    const out = await folders.make('broadsheet-check-held-');
    expect((await runMain(['publish', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z', '--quiet'])).code).toBe(0);
    await rename(join(content, 'entries/2014/a.md'), join(content, 'entries/2014/a-later.md'));
    await writeFile(join(content, 'entries/2014/a-later.md'), A('2014-06-20'));
    const run = await runMain(['check', '--content', content, '--out', out, '--now', '2014-06-02T00:00:00Z']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('entries/2014/a-later.md: id: its url was published from entries/2014/a.md with the id "2014/a"; when its date comes (2014-06-20T00:00:00+09:00)');
    expect(run.stderr).toContain('(add `id: 2014/a` to its front matter, or, for a new entry about the same article, publish (or check) with --allow-id-change when its date comes)');
  });
});
