import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';

// A body whose list item, code block and heading show nothing once sanitised: an image dropped for its data: address,
// an empty fence, a zero width space alone. Front matter: ---, four fields, tags on two lines, --- (file lines 1-8); the
// body from line 9.
const BODY = 'Rice prices.\n\n- Wheat\n- ![Chart](data:image/png;base64,AAAA)\n\n```\n```\n\n## \u200b\n\n### Maize\n';

describe('check and publish on blocks a body leaves empty', () => {
  let content: string;
  let out: string;
  beforeAll(async () => {
    content = await contentFolder({ entries: { '2014/blocks.md': entryText(entry({}), BODY) } });
    out = await mkdtemp(join(tmpdir(), 'broadsheet-emptied-'));
  });
  afterAll(async () => {
    await rm(content, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  });

  it('check names the first, the list item on body line 4 (file line 12), and counts the code block and the heading', async () => {
    const run = await runCli(['check', '--content', content]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.split('\n').filter((line) => line.includes('shows nothing'))).toEqual([
      "warning: entries/2014/blocks.md:12: body: a list item shows nothing (it is empty, or all it holds every feed and page drops: an image whose address is not http or https, such as data:, hidden content, white space), so every feed and page leaves it out; and 2 more code blocks and headings or quotations so (write the item's text (an image needs an http or https address), or delete it)",
    ]);
  });

  it('publish leaves them out, and the heading after the dropped one is one level below the one before it', async () => {
    const run = await runCli(['publish', '--content', content, '--out', out, '--now', '2014-06-02T00:00:00Z']);
    expect(run.code, run.stderr).toBe(0);
    const page = await readFile(join(out, 'entries', '2014', 'blocks', 'index.html'), 'utf8');
    expect(page).toContain('<li>Wheat</li>');
    expect(page).not.toMatch(/<li>\s*<\/li>|<pre|\u200b/);
    // The page's h1 is the title: ### Maize, under the dropped ##, is one level below it.
    expect(page).toMatch(/<h2>Maize<\/h2>/);
  });
});
