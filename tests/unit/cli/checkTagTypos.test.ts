import { describe, expect, it } from 'vitest';
import { contentFolder, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';

// `tags: [Trdae]` typed in an entry file, where the site's other entries say Trade: only `new --tags` warned of it;
// check and publish said nothing, and a publish made the tag its own page, feeds and topic.
const file = (name: string, tags: string) => `---\ntitle: ${name}\nurl: https://news.example.com/${name}\nsource: Src\ndate: 2014-05-01\ntags: ${tags}\n---\nBody.\n`;

describe('a tag one entry has, a slip from a tag of others', () => {
  it('check and publish warn of it, naming the file, the line, the tag meant and the fix', async () => {
    const site = await contentFolder({ site: SITE, entries: { '2014/a.md': file('a', '[Trade]'), '2014/b.md': file('b', '[Trade, Sanctions]'), '2014/c.md': file('c', '[Rason, Trdae]') } });
    const warning = "warning: entries/2014/c.md:6: tags[1]: tag \"Trdae\" is used by this entry only; did you mean \"Trade\" (used by 2 entries)? (if so, write Trade in this entry's tags; if a new tag is meant, leave it: a publish adds a page, feeds and a subscription topic for Trdae)";
    const check = await runMain(['check', '--content', site]);
    expect(check.code).toBe(0);
    expect(check.stderr.split('\n')).toContain(warning);
    const publish = await runMain(['publish', '--dry-run', '--content', site, '--out', `${site}-out`, '--now', '2014-05-02T00:00:00Z']);
    expect(publish.code).toBe(0);
    expect(publish.stderr.split('\n')).toContain(warning);
  });
});
