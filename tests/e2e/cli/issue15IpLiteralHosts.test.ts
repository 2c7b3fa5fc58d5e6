import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';

// Issue 15, case 6 through the built CLI: an IPv6 address as the host of a URL RSS carries as a URI (RFC 2396, no
// [ ]) made every RSS feed with the entry invalid to the W3C validator; check refuses it, and publish --skip-invalid
// leaves that entry out. In a related link, which is HTML, it stays.
describe('issue 15: an IP literal host in an entry URL', () => {
  it('check refuses it in url and image; publish --skip-invalid publishes the other entries', async () => {
    const content = await contentFolder({
      entries: {
        '2014/a.md': entryText(entry({ url: 'https://[2001:db8::1]:8080/story' })),
        '2014/b.md': entryText(entry({ url: 'https://news.example.com/b', date: '2014-05-09', image: 'https://[::1]/a.png' })),
        '2014/c.md': entryText(entry({ url: 'https://news.example.com/c', date: '2014-05-10', related: [{ title: 'Mirror', url: 'https://[2001:db8::3]/c' }] })),
      },
    });
    const problems = [
      "entries/2014/a.md:3: url: has the IP address [2001:db8::1] as its host, which an RSS 2.0 URL cannot hold (RFC 2396 has no [ ]): the W3C feed validator would call every RSS feed carrying it invalid (write url: with the host's name instead of its address)",
      "entries/2014/b.md:8: image: has the IP address [::1] as its host, which an RSS 2.0 URL cannot hold (RFC 2396 has no [ ]): the W3C feed validator would call every RSS feed carrying it invalid (write image: with the host's name instead of its address)",
    ];
    const check = await runCli(['check', '--content', content, '--now', '2014-06-01T00:00:00Z']);
    expect(check.code).toBe(1);
    expect(check.stderr.trim().split('\n')).toEqual([...problems, '2 problems in ' + content + '/']);
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-issue15-'));
    const publish = await runCli(['publish', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z', '--skip-invalid', '--quiet']);
    expect(publish.code, publish.stderr).toBe(0);
    const rss = await readFile(join(out, 'rss.xml'), 'utf8');
    expect(rss).not.toContain('2001:db8::1');
    expect(rss).not.toContain('[::1]');
    expect(rss).toContain('https://[2001:db8::3]/c');
  });
});
