import { access, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';

// An editor fixes a title and drops its quotes: `title: China zone: China trade` is no longer YAML. Without
// --skip-invalid the publish is refused and the entry stays as readers know it; with it, the entry is taken down,
// and publish says so in as many words, not only as a skipped entry. So for an entry iCloud Drive took to the cloud
// (only its placeholder `.NAME.icloud` left), one Notepad saved again as `NAME.md.txt` and one replaced by an `.html` post; Dropbox's conflict copy of
// an entry is refused and skipped as well; Word's owner file beside an entry open in Word is only named, throughout.
describe('publish --skip-invalid when an edit breaks a published entry', () => {
  it('refused without it, the page kept; with it, a warning that the published entry is taken down, which check --out gives first', async () => {
    const content = await contentFolder({
      entries: {
        '2014/zone.md': entryText(entry({ title: 'China zone: China trade', url: 'https://news.example.com/zone', date: '2014-05-08' })),
        '2014/other.md': entryText(entry({ title: 'Other', url: 'https://news.example.com/other', date: '2014-05-07' })),
        '2014/held.md': entryText(entry({ title: 'Held', url: 'https://news.example.com/held', date: '2014-05-06' })),
        '2014/saved.md': entryText(entry({ title: 'Saved', url: 'https://news.example.com/saved', date: '2014-05-05' })),
        '2014/gone.md': entryText(entry({ title: 'Gone', url: 'https://news.example.com/gone', date: '2014-05-03' })),
        '2014/posted.md': entryText(entry({ title: 'Posted', url: 'https://news.example.com/posted', date: '2014-05-01' })),
        '2014/gone.md.txt': 'Notes for gone: call the source back.\n',
        // A text entry under a name like Word's owner file's: read as an entry.
        '2014/~$tilde.md': entryText(entry({ title: 'Tilde', url: 'https://news.example.com/tilde', date: '2014-05-02' })),
        // An editor's own name that a sync tool's conflict copy could have, with no original beside it: an entry.
        '2014/Why Dropbox makes a (conflicted copy).md': entryText(entry({ title: 'Why Dropbox makes a conflicted copy', url: 'https://news.example.com/dropbox', date: '2014-05-04' })),
      },
    });
    // Word's: `~$`, the document's name less its first two characters, the user's name; binary.
    await writeFile(join(content, 'entries/2014/~$her.md'), Buffer.concat([Buffer.from('\u0005Alice'), Buffer.alloc(156)]));
    const owner = "warning: entries/2014/~$her.md: file: is Word's owner file, which Word keeps beside a document it has open; it is no entry, and is not read (close the document in Word, or delete it)";
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-takedown-'));
    const publish = (...extra: string[]) => runCli(['publish', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z', '--quiet', ...extra]);
    const first = await publish();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(owner);
    expect(first.stderr).not.toContain('conflict copy');
    expect(first.stderr).not.toContain('~$tilde.md');
    const page = join(out, 'entries/2014/zone/index.html');
    await access(page);
    const file = join(content, 'entries/2014/zone.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace("title: 'China zone: China trade'", 'title: China zone: China trade'));
    await rm(join(content, 'entries/2014/held.md'));
    await writeFile(join(content, 'entries/2014/.held.md.icloud'), Buffer.from('bplist00\xd1\x01\x02', 'latin1'));
    await rename(join(content, 'entries/2014/saved.md'), join(content, 'entries/2014/saved.md.txt'));
    // The entry replaced by an HTML export of it (a WordPress post through jekyll-import), front matter and all.
    await rename(join(content, 'entries/2014/posted.md'), join(content, 'entries/2014/posted.html'));
    // Taken down on purpose, a note left beside it: no entry under another name.
    await rm(join(content, 'entries/2014/gone.md'));
    await writeFile(join(content, "entries/2014/other (Alice's conflicted copy 2014-05-20).md"), entryText(entry({ title: 'Other, edited', url: 'https://news.example.com/other', date: '2014-05-07' })));
    const conflict =
      "entries/2014/other (Alice's conflicted copy 2014-05-20).md: file: is a sync conflict copy of other.md (Dropbox, Nextcloud or ownCloud kept both sides of an edit made in two places), which would publish as a second entry (merge what differs into other.md, then delete this copy)";
    const held =
      'entries/2014/held.md: file: is in iCloud only: macOS left the placeholder .held.md.icloud in its place (Optimize Mac Storage), which holds none of its text, so it is not read, and a publish would take this published entry down (download it: open it in Finder, or run brctl download entries/2014/held.md in the content folder; then publish again)';
    const saved =
      'entries/2014/saved.md.txt: file: is the published entry entries/2014/saved.md under another name, which is not read: the editor saved it with an extra extension (.txt), and only files ending in .md are entries; a publish would take that entry down (rename it to saved.md, or delete this file if you meant to take the entry down)';
    const posted =
      'entries/2014/posted.html: file: is the published entry entries/2014/posted.md under another name, which is not read: it begins with front matter, as a Jekyll or WordPress export writes a post, but only files ending in .md are entries; a publish would take that entry down (rename it to posted.md: its HTML is published as written, or delete this file if you meant to take the entry down)';
    const note = 'warning: entries/2014/gone.md.txt: file: is not published: the editor saved it with an extra extension (.txt), and only files ending in .md are entries (rename it to gone.md)';

    const refused = await publish();
    expect(refused.code).toBe(1);
    await access(page);
    for (const line of [held, saved, posted, conflict, owner, note]) expect(refused.stderr).toContain(line);
    expect(refused.stderr).not.toContain('entries/2014/gone.md under another name');
    await access(join(out, 'entries/2014/held/index.html'));
    await access(join(out, 'entries/2014/saved/index.html'));
    await access(join(out, 'entries/2014/posted/index.html'));
    const warning =
      'warning: entries/2014/zone.md: file: was published, and is left out while it is invalid: its page and its items in the feeds are removed until it is fixed (fix its problem (listed with the skipped entries) and publish again; without --skip-invalid a problem refuses the whole publish, and the published entry stays)';
    // check --out says it beside the problem, as the publish with --skip-invalid does.
    const checked = await runCli(['check', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z']);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain(warning);
    for (const line of [held, saved, posted, owner, warning.replace('zone.md', 'held.md'), warning.replace('zone.md', 'saved.md'), warning.replace('zone.md', 'posted.md')]) expect(checked.stderr).toContain(line);

    const skipping = await publish('--skip-invalid');
    expect(skipping.code, skipping.stderr).toBe(0);
    expect(skipping.stderr).toContain(warning);
    await expect(access(page)).rejects.toThrow();
    await access(join(out, 'entries/2014/other/index.html'));
    for (const line of [held, saved, posted, conflict, warning.replace('zone.md', 'held.md'), warning.replace('zone.md', 'saved.md'), warning.replace('zone.md', 'posted.md')]) expect(skipping.stderr).toContain(line);
    await expect(access(join(out, 'entries/2014/posted/index.html'))).rejects.toThrow();
  });
});
