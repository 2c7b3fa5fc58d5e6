import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, SITE } from '../../support/content.js';
import { once } from '../../support/once.js';
import { publishedOnce } from '../../support/publishedOnce.js';
import { AUTHOR_NAME, CLUMSY_LINK_SITES, DESCRIPTION, ENTRIES, LIST_ID, lineOf, NOW, REFUSED_SITE, siteYmlRuns, TODO, WINDOWS_SITE } from '../../support/siteYmlRuns.js';

/**
 * Clumsy and hostile site.yml through the real CLI: what `check` passes publishes valid pages, and what would
 * publish invalid output or unbounded work is one line `site.yml: field: message (fix)`, refused by publish. One
 * case of each rule here, for the wiring; the other cases run the same commands in process, in
 * tests/unit/cli/siteYmlInput.test.ts.
 */
const { publish, refused } = siteYmlRuns((args) => runCli(args));

describe('links site.yml gives every page', () => {
  it('a digest.subscribe URL with a space, | or a stray %, and an author address with % | { }: checked and published (Nu-valid in tests/e2e/readers/nuChecker.test.ts)', async () => {
    for (const site of CLUMSY_LINK_SITES) {
      const content = await contentFolder({ site, entries: ENTRIES });
      const checked = await runCli(['check', '--content', content]);
      expect(checked.code, checked.stderr).toBe(0);
      // The publish nuChecker.test.ts checks the pages of (publishedOnce: one per run, by the content's bytes).
      const { run } = await publishedOnce(content, NOW);
      expect(run.code, run.stderr).toBe(0);
    }
  });
});

const refusedAtOnce = once(() => refused(REFUSED_SITE, { ...ENTRIES, '2014/todo.md': TODO }));
const refusedField = async (...fields: string[]) => (await refusedAtOnce()).filter((problem) => problem.file === 'site.yml' && fields.includes(problem.field));

describe('values too long for what carries them', () => {
  it('a digest.listId past 200 characters, which the List-Id line holds unfolded: one line, publish refuses', async () => {
    expect(await refusedField('digest.listId')).toEqual([
      { file: 'site.yml', line: lineOf(REFUSED_SITE, 'digest', 'listId'), field: 'digest.listId', message: `is ${LIST_ID.length} characters long, more than 200`, fix: expect.stringContaining('998 characters') },
    ]);
    // Every problem of the site.yml and entry refused at once is one this file expects, once.
    expect((await refusedAtOnce()).map((problem) => `${problem.file} ${problem.field}`).sort()).toEqual(
      ['author.name', 'description', 'digest.day', 'digest.listId', 'digest.time'].map((field) => `site.yml ${field}`).concat('entries/2014/todo.md front matter').sort(),
    );
  });

  it('a description past 1,000 characters and an author name past 200, which every feed and digest repeats: one line each, publish refuses', async () => {
    expect(await refusedField('description', 'author.name')).toMatchObject([
      { file: 'site.yml', field: 'description', message: `is ${DESCRIPTION.trim().length} characters long, more than 1000`, fix: expect.stringContaining('shorten it') },
      { file: 'site.yml', field: 'author.name', message: `is ${AUTHOR_NAME.trim().length} characters long, more than 200`, fix: expect.stringContaining('shorten it') },
    ]);
  });
});

// An SVG icon and an unsubscribe URL the handler refuses, in one site.yml: one check and one publish for both.
const WARNED_SITE = { ...SITE, icon: 'https://watch.example.org/icon.svg', digest: { from: 'Watch <digest@watch.example.org>', unsubscribe: { url: 'https://watch.example.org/unsubscribe?email={email}', mailto: 'unsubscribe@watch.example.org' } } };
const ICON_WARNING = `warning: site.yml:${lineOf(WARNED_SITE, 'icon')}: icon: "https://watch.example.org/icon.svg" is a .svg image, which RSS's <image> does not take (GIF, JPEG or PNG only): every RSS feed would name an image its readers may not show (give a square PNG (512 px) as icon)`;
const UNSUBSCRIBE_WARNING = `warning: site.yml:${lineOf(WARNED_SITE, 'digest', 'unsubscribe', 'url')}: digest.unsubscribe.url: "https://watch.example.org/unsubscribe?email={email}" is on the site's own /unsubscribe, where a deployment's subscription handler answers only ?token={token}: every one-click unsubscribe through it would be refused (400) (write https://watch.example.org/unsubscribe?token={token} (and set DIGEST_UNSUBSCRIBE_SECRET), or an endpoint of your own elsewhere)`;
const warnedAtOnce = once(() => publish(WARNED_SITE));

describe('an icon RSS cannot carry', () => {
  it('an SVG icon: a warning from check and publish naming the field, with the fix; both succeed', async () => {
    const { checked, run } = await warnedAtOnce();
    expect(checked.code).toBe(0);
    expect(checked.stderr.trim().split('\n')).toEqual([ICON_WARNING, UNSUBSCRIBE_WARNING]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(ICON_WARNING);
  });
});

describe('an unsubscribe URL on the site’s own /unsubscribe that the subscription handler refuses', () => {
  it('is a warning from check and publish naming the field and the handler’s own URL; both succeed', async () => {
    const { checked, run } = await warnedAtOnce();
    expect(checked.code).toBe(0);
    expect(checked.stderr.trim().split('\n')).toEqual([ICON_WARNING, UNSUBSCRIBE_WARNING]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(UNSUBSCRIBE_WARNING);
  });
});

describe('a digest send day and time written as a list', () => {
  it('day: [monday] and time: ["08:00"] are no day or time: one line each, publish refuses', async () => {
    expect(await refusedField('digest.day', 'digest.time')).toMatchObject([
      { file: 'site.yml', field: 'digest.day', message: '["monday"] is not a day of the week', fix: 'write a day name such as monday, or its ISO 8601 number, 1 (monday) to 7 (sunday)' },
      { file: 'site.yml', field: 'digest.time', message: '["08:00"] is not a time of day' },
    ]);
  });
});

const windowsSite = once(() => publish(WINDOWS_SITE));

describe('site.yml as a Windows editor saves it', () => {
  it('a byte-order mark and CRLF line ends, title: 1984 on the first line: checked and published as typed', async () => {
    const { checked, run, out } = await windowsSite();
    expect(checked.code, checked.stderr).toBe(0);
    expect(run.code, run.stderr).toBe(0);
    const feed = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { title: string; items: { id: string }[] };
    expect(feed.title).toBe('1984');
    expect(feed.items[0]!.id).toBe('tag:watch.example.org,2014:2014/a');
  });
});
