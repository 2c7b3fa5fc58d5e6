import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishCommand } from '../../../cli/commands/publish.js';
import { pushContentCommand } from '../../../cli/commands/pushContent.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';

// Each line publish and push-content print is listed in their --help, in the order printed: the `requests:` line too.
describe('the lines publish prints, as its --help lists them', () => {
  it('names the requests line in the order it is printed: after the files, before the held-back entries and the summary', async () => {
    const content = await contentFolder({ site: SITE, entries: { '2014/a.md': entryText(entry({ date: '2014-05-01' })), '2014/b.md': entryText(entry({ url: 'https://example.com/b', date: '2014-07-01' })) } });
    const out = join(await mkdtemp(join(tmpdir(), 'broadsheet-helplines-')), 'out');
    const run = await runMain(['publish', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    const requests = lines.findIndex((line) => /^requests: content \d+ LIST, \d+ GET, \d+ PUT, \d+ DELETE; output \d+ LIST/.test(line));
    expect(requests).toBeGreaterThan(0);
    expect(lines.slice(0, requests).every((line) => /^new /.test(line))).toBe(true);
    expect(lines[requests + 1]).toMatch(/^held back until its date: /);
    expect(lines.at(-1)).toMatch(/^Published /);
    const help = publishCommand.help.replace(/\s+/g, ' ');
    expect(help).toContain('(a dry run counts the unchanged files in one line, unless --verbose); then the requests made of the content and the output (requests: content 2 LIST, 14 GET, ...; output ...); then each entry dated after --now');
    expect(pushContentCommand.help.replace(/\s+/g, ' ')).toContain('then the requests made of the bucket (requests: 1 LIST, 0 GET, 15 PUT, 0 DELETE)');
  });
});
