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

  // A new site of two entries: neither tag is on two entries, so neither was "the site's" and nothing was said.
  it('check warns of two near tags on a two-entry site, each at its line, naming the other file', async () => {
    const site = await contentFolder({ site: SITE, entries: { '2014/a.md': file('a', '[Trade]'), '2014/b.md': file('b', '[Rason, Trdae]') } });
    const fix = '(if so, write the same spelling in both entries; if two tags are meant, leave them: a publish adds a page, feeds and a subscription topic for each)';
    const check = await runMain(['check', '--content', site]);
    expect(check.code).toBe(0);
    expect(check.stderr.split('\n').filter((line) => line.includes('a slip away'))).toEqual([
      `warning: entries/2014/a.md:6: tags[0]: tag "Trade" is used by this entry only, and "Trdae", a slip away, by entries/2014/b.md only: is one a slip for the other? ${fix}`,
      `warning: entries/2014/b.md:6: tags[1]: tag "Trdae" is used by this entry only, and "Trade", a slip away, by entries/2014/a.md only: is one a slip for the other? ${fix}`,
    ]);
  });

  // C++ and c++ share a slug: the second is merged, so Trdae is the second tag kept but the third written. Through
  // publish, and then check --out, which reads the entry from the index record the publish wrote.
  it('names the tag as written after a tag merged by slug, read fresh and from the index record alike', async () => {
    const site = await contentFolder({ site: SITE, entries: { '2014/a.md': file('a', '[Trade]'), '2014/b.md': file('b', '[Trade]'), '2014/c.md': file('c', '[C++, c++, Trdae]') } });
    const out = `${site}-out`;
    const now = ['--now', '2014-05-02T00:00:00Z'];
    const said = (stderr: string) => stderr.split('\n').filter((line) => line.includes('"Trdae"')).map((line) => line.slice(0, line.indexOf(' tag ')));
    expect(said((await runMain(['publish', '--content', site, '--out', out, ...now])).stderr)).toEqual(['warning: entries/2014/c.md:6: tags[2]:']);
    expect(said((await runMain(['check', '--content', site, '--out', out, ...now])).stderr)).toEqual(['warning: entries/2014/c.md:6: tags[2]:']);
  });
});
