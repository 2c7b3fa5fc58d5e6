import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { SITE } from '../../support/content.js';
import { knownEntrySite } from '../../support/knownEntrySite.js';
import { once } from '../../support/once.js';

// Three entries written by `new` into one content folder, each as its test below says, then one check of them all.
const LATIN1_URL = 'https://www.example.fr/actualites/caf%E9-prix';
const DASH_TITLE = '-30 °C in Pyongyang';
// Known and the three written.
const WRITTEN_ENTRIES = 4;
const writtenAtOnce = once(async () => {
  const dir = await knownEntrySite();
  const rason = await runCli(['new', '--content', dir, '--url', 'https://www.nknews.org/2014/06/rason-port/', '--title', 'Rason port: a new pier', '--source', 'NK News', '--tags', 'Rason, Trade', '--date', '2014-06-02']);
  const latin1 = await runCli(['new', '--content', dir, '--url', LATIN1_URL, '--date', '2014-06-02']);
  const latin1Text = latin1.code === 0 ? await readFile(latin1.stdout.trim(), 'utf8') : '';
  if (latin1.code === 0) await writeFile(latin1.stdout.trim(), latin1Text.replace(/^title: .*$/m, 'title: Café prices'));
  const dashRefused = await runCli(['new', '--content', dir, '--url', 'https://example.com/2014/06/cold', '--title', DASH_TITLE, '--date', '2014-06-02']);
  const dash = await runCli(['new', '--content', dir, '--url', 'https://example.com/2014/06/cold', `--title=${DASH_TITLE}`, '--date', '2014-06-02']);
  const check = JSON.parse((await runCli(['check', '--content', dir, '--json'])).stdout) as unknown;
  return { dir, rason, latin1, latin1Text, dashRefused, dash, check };
});

// The real CLI's `new`: one case of each rule; the others run the command in process, in
// tests/unit/cli/newCommand.test.ts.
describe('broadsheet new', () => {
  it('writes entries/YYYY/<slug>.md with the front matter filled in, prints its path, and the entry checks clean', async () => {
    const { dir, rason: run, check } = await writtenAtOnce();
    expect(run.code).toBe(0);
    const path = run.stdout.trim();
    expect(path).toBe(join(dir, 'entries', '2014', 'rason-port-a-new-pier.md'));
    const text = await readFile(path, 'utf8');
    expect(text).toContain("title: 'Rason port: a new pier'\n");
    expect(text).toContain('url: https://www.nknews.org/2014/06/rason-port/\n');
    expect(text).toContain('source: NK News\n');
    expect(text).toContain('date: 2014-06-02\n');
    // Known's tag is spelled `trade` (tests/support/content.ts): written as the site spells it, and said so.
    expect(text).toContain('tags: [Rason, trade]\n');
    expect(run.stderr).toContain('--tags: Trade written as trade, as the site spells it');
    expect(run.stderr).toMatch(/broadsheet check/);
    expect(check).toMatchObject({ ok: true, entries: WRITTEN_ENTRIES });
  });

  it('names the file from a URL whose path escapes a byte that is no UTF-8 (a Latin-1 site), and the entry checks clean once titled', async () => {
    const { dir, latin1: run, latin1Text: text, check } = await writtenAtOnce();
    expect(run.stderr).not.toContain('URI malformed');
    expect(run.code, run.stderr).toBe(0);
    // caf, the byte %E9 left out (no UTF-8), then prix.
    expect(run.stdout.trim()).toBe(join(dir, 'entries', '2014', 'caf-prix.md'));
    expect(text).toContain(`url: ${LATIN1_URL}\n`);
    expect(check).toMatchObject({ ok: true, entries: WRITTEN_ENTRIES });
  });

  it('refuses to overwrite an existing file and leaves it as it was', async () => {
    // The file written first for "Rason port: a new pier", asked for again with another article.
    const { dir, rason: first } = await writtenAtOnce();
    const before = await readFile(first.stdout.trim(), 'utf8');
    const second = await runCli(['new', '--content', dir, '--url', 'https://example.com/b', '--title', 'Rason port: a new pier', '--date', '2014-06-02']);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('entries/2014/rason-port-a-new-pier.md already exists');
    expect(await readFile(first.stdout.trim(), 'utf8')).toBe(before);
  });

  // One run each proves a usage error's wiring (exit 2, its message); the other flag values of each rule are
  // createEntry's, in tests/unit/cli/newEntry.test.ts (a --url that is no absolute URL,
  // a --date that is no real date or not YYYY-MM-DD; a --source of control characters, a --now past 9999 in the site's zone).
  it('rejects a bad --url, a bad --date and a missing --url with a usage message', async () => {
    const dir = await knownEntrySite();
    const run = await runCli(['new', '--content', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--url is required');
  });

  it('says how to pass a title that starts with a dash, which then reads back exactly as typed', async () => {
    const { dashRefused: refused, dash: run, check } = await writtenAtOnce();
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`--title is followed by "${DASH_TITLE}", which starts with a dash`);
    expect(refused.stderr).toContain(`--title="${DASH_TITLE}"`);
    expect(run.code, run.stderr).toBe(0);
    expect(check).toMatchObject({ ok: true, entries: WRITTEN_ENTRIES });
    const { parseEntry } = await import('../../../lib/content/entry.js');
    expect(parseEntry(await readFile(run.stdout.trim(), 'utf8'), 'entries/2014/x.md', SITE).entry?.title).toBe(DASH_TITLE);
  });

});
