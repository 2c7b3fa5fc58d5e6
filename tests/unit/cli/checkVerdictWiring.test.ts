import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';
import { temporaryFolders } from '../../support/temporaryFolders.js';

// check --out foretells publish there (README, Commands: `check`): its exit status is publish's, and `--json` names
// the refusal publish would give. A problem of the digest's subscriber list, which publish never reads, made check
// exit 1 for an output holding another site's publish, which publish refuses with 2; and every refusal was named
// ContentError, another site's output and an id change too.
const folders = temporaryFolders();
const NOW = '2014-06-01T00:00:00Z';
const A = entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-08' }));
// A list the file transport reads: its file missing is a problem of the content, a digest send's.
const DIGEST = { day: 'monday', time: '08:00', from: 'Watch <digest@mine.example.com>', transport: 'file', subscribers: 'subscribers.txt', unsubscribe: { mailto: 'unsubscribe@mine.example.com' } };

async function check(content: string, out: string): Promise<{ code: number | null; report: { ok: boolean; error?: string; problems: { file: string; field: string }[] } }> {
  const run = await runMain(['check', '--content', content, '--out', out, '--now', NOW, '--json']);
  return { code: run.code, report: JSON.parse(run.stdout) as { ok: boolean; error?: string; problems: { file: string; field: string }[] } };
}

async function dryRun(content: string, out: string): Promise<number | null> {
  return (await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run', '--quiet'])).code;
}

describe('check --out: the exit status and the refusal publish there would give', () => {
  it("another site's output beside a problem of the subscriber list: 2 and OtherSiteError, as publish", async () => {
    const sample = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': A } }));
    const out = await folders.make('broadsheet-check-verdict-');
    expect((await runMain(['publish', '--content', sample, '--out', out, '--now', NOW, '--quiet'])).code).toBe(0);
    const mine = folders.keep(await contentFolder({ site: { ...SITE, url: 'https://mine.example.com/', digest: DIGEST }, entries: { '2014/mine.md': A } }));
    const found = await check(mine, out);
    expect(found.report.problems.map((problem) => problem.field)).toEqual(['digest.subscribers', '--out']);
    expect(found).toMatchObject({ code: 2, report: { ok: false, error: 'OtherSiteError' } });
    expect(await dryRun(mine, out)).toBe(2);
    // The list alone: publish goes through, check still fails the content, as a send would refuse it.
    const own = await folders.make('broadsheet-check-verdict-');
    expect(await check(mine, own)).toMatchObject({ code: 1, report: { ok: false, error: 'ContentError' } });
    expect(await dryRun(mine, own)).toBe(0);
  });

  it('a published entry renamed: 1 and IdChangeError, as publish', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': A } }));
    const out = await folders.make('broadsheet-check-verdict-');
    expect((await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet'])).code).toBe(0);
    await rename(join(content, 'entries/2014/a.md'), join(content, 'entries/2014/renamed.md'));
    expect(await check(content, out)).toMatchObject({ code: 1, report: { ok: false, error: 'IdChangeError', problems: [{ file: 'entries/2014/renamed.md', field: 'id' }] } });
    const refused = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run', '--json']);
    expect({ code: refused.code, error: (JSON.parse(refused.stdout) as { error: string }).error }).toEqual({ code: 1, error: 'IdChangeError' });
    // A file at a name publish writes, in an output no publish wrote to: UnclaimedFilesError, as publish.
    const fresh = await folders.make('broadsheet-check-verdict-');
    await writeFile(join(fresh, 'index.html'), '<p>mine</p>');
    expect(await check(content, fresh)).toMatchObject({ code: 2, report: { ok: false, error: 'UnclaimedFilesError' } });
  });
});
