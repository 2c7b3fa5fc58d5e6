import { describe, expect, it } from 'vitest';
import { contentFolder, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';

// check's summary line counts the warnings printed above it, whether the content has problems or not (README,
// Commands: `check`).
const base = (name: string) => `url: https://news.example.com/${name}\nsource: Src\ndate: 2014-05-01`;

describe("check's summary line", () => {
  it('with problems, counts the problems and the warnings', async () => {
    // a.md: `Title:` is an unknown field (a warning) and title: is missing (a problem); b.md: `Tags:` likewise a
    // warning, beside a valid entry; c.md: a url that is no URL, a problem alone.
    const site = await contentFolder({
      site: SITE,
      entries: {
        '2014/a.md': `---\nTitle: Capital T\n${base('a')}\n---\nBody.\n`,
        '2014/b.md': `---\ntitle: Fine\nTags: [x]\n${base('b')}\n---\nBody.\n`,
        '2014/c.md': `---\ntitle: Bad url\nurl: not a url\nsource: Src\ndate: 2014-05-01\n---\nBody.\n`,
      },
    });
    const run = await runMain(['check', '--content', site]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('warning: '))).toHaveLength(2);
    expect(lines.at(-1)).toMatch(/^2 problems in .+, 2 warnings$/);
  });

  it('with problems and no warning, counts the problems alone', async () => {
    const site = await contentFolder({ site: SITE, entries: { '2014/c.md': `---\ntitle: Bad url\nurl: not a url\nsource: Src\ndate: 2014-05-01\n---\nBody.\n` } });
    const run = await runMain(['check', '--content', site]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^1 problem in [^,]+$/);
  });
});
