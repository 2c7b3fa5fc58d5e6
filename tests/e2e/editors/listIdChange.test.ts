import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { once } from '../../support/once.js';

const temporary: string[] = [];
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

const digest = { from: 'Watch <digest@watch.example.org>' };

/**
 * SITE with a digest, published once: the site that moves below, and the other site's publish found in an output
 * after it. Neither test writes to its output (the second asserts its publish writes nothing there).
 */
const watchPublished = once(async () => {
  const content = await contentFolder({ site: { ...SITE, digest }, entries: { '2014/a.md': entryText(entry({ date: '2014-05-08' })) } });
  const out = await mkdtemp(join(tmpdir(), 'broadsheet-listid-'));
  temporary.push(content, out);
  const published = await runCli(['publish', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z', '--quiet']);
  return { content, out, published };
});

describe('check --out after a site moved under a path on another host', () => {
  it('names the List-Id the last publish recorded, not one made from the new url', async () => {
    // SITE is at https://watch.example.org/: its digest's list id is digest.watch.example.org.
    const { content, out, published } = await watchPublished();
    expect(published.code).toBe(0);
    const moved = dump({ ...SITE, url: 'https://news.example.org/watch/', idHost: 'watch.example.org', digest });
    await writeFile(join(content, 'site.yml'), moved);
    const check = await runCli(['check', '--content', content, '--out', out]);
    expect(check.code).toBe(0);
    // At the digest: line, as site.yml's own warnings are.
    const line = moved.split('\n').indexOf('digest:') + 1;
    expect(check.stderr).toContain(
      `warning: site.yml:${line}: digest.listId: the digest's List-Id changes from digest.watch.example.org, as the last publish recorded it, to digest-watch.news.example.org, so subscribers' mail filters on the old one stop matching, and the topics links of the digests mailed with it are refused (each names its list; their unsubscribe links still work) (write listId: digest.watch.example.org under digest: to keep the List-Id subscribers filter on; a publish records the new one, and says this no more)`,
    );
    expect(check.stderr).not.toContain('digest.news.example.org');
  });
});

describe('check --out after a digest is added to a site under a path that had none', () => {
  it('gives no List-Id warning: the last publish recorded that no digest was sent', async () => {
    const underPath = { ...SITE, url: 'https://watch.example.org/watch/' };
    const content = await contentFolder({ site: underPath, entries: { '2014/a.md': entryText(entry({ date: '2014-05-08' })) } });
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-listid-'));
    temporary.push(content, out);
    expect((await runCli(['publish', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z', '--quiet'])).code).toBe(0);
    await writeFile(join(content, 'site.yml'), dump({ ...underPath, digest: { from: 'Watch <digest@watch.example.org>' } }));
    const check = await runCli(['check', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z']);
    expect(check.code).toBe(0);
    expect(check.stderr).not.toContain('digest.listId');
  });
});

describe("check --out and publish into an output that holds another site's publish", () => {
  it('say so in one line naming that site, with none of its List-Id, id or tag feed warnings; publish writes nothing', async () => {
    // The quick start's case: the sample published into public/, then a new team's own site published there.
    const { out, published } = await watchPublished();
    const theirs = await contentFolder({ site: { ...SITE, url: 'https://lim.example.net/', idDate: undefined }, entries: { '2026/b.md': entryText(entry({ date: '2026-12-01', tags: ['Local'] })) } });
    temporary.push(theirs);
    expect(published.code).toBe(0);
    const where = `${out}/`;
    const check = await runCli(['check', '--content', theirs, '--out', out, '--now', '2026-12-06T00:00:00Z']);
    // A problem, as publish refuses it: check --out's exit status foretells publish's, 2 (the output, not the content).
    expect(check.code).toBe(2);
    expect(check.stderr).toBe(`${where}: --out: holds the publish of another site (https://watch.example.org/) (publish to an empty folder (--out NEW) or remove ${where} first)\n1 problem in ${where}\n`);
    const message = `${where} holds the publish of another site (https://watch.example.org/): publish to an empty folder (--out NEW) or remove ${where} first`;
    const refused = await runCli(['publish', '--content', theirs, '--out', out, '--now', '2026-12-06T00:00:00Z', '--allow-id-change', '--json']);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout)).toEqual({ ok: false, command: 'publish', error: 'OtherSiteError', message });
    expect(refused.stderr).toBe(`broadsheet publish: ${message}\n`);
    expect((JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { home_page_url: string }).home_page_url).toBe('https://watch.example.org/');
  });
});
