import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { deletedTagFeeds, tagsNowOfTagged } from '../../../lib/publish/deletedTagFeeds.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import type { Change } from '../../../lib/publish/manifest.js';
import type { TagSummary } from '../../../lib/plan/sitePlan.js';

const change = (key: string, status: Change['status']): Change => ({ key, status, size: 1 });
const summary = (name: string, slug: string): TagSummary => ({ tag: { name, slug }, count: 1, newest: 0 });

describe('deletedTagFeeds: a tag feed a publish deletes, its readers left with no feed', () => {
  it('names the feed, and the tagSlugs line that keeps its address for the one tag feed new in the same publish', () => {
    const changes = [change('tags/china/rss.xml', 'deleted'), change('tags/china/atom.xml', 'deleted'), change('tags/chinese-economy/rss.xml', 'new'), change('tags/trade/rss.xml', 'changed')];
    // The entry that had "China" at the last publish has "Chinese economy" and "Trade" now.
    const retagged = new Map([['china', new Set(['chinese-economy', 'trade'])]]);
    expect(deletedTagFeeds(changes, [summary('Chinese economy', 'chinese-economy'), summary('Trade', 'trade')], [], new Map(), retagged)).toEqual([
      {
        file: 'site.yml',
        field: 'tagSlugs',
        message: 'the feeds of tags/china/ are deleted: no published entry has that tag now, and their readers will find no feed',
        fix: 'if the tag is now "Chinese economy", add tagSlugs: {"Chinese economy": china} to keep its address',
      },
    ]);
  });

  it('names no new spelling when none, or more than one, tag feed is new', () => {
    const gone = change('tags/energy/rss.xml', 'deleted');
    const fix = 'if the tag was renamed, add tagSlugs: {"New name": energy} to keep its address for the new name';
    expect(deletedTagFeeds([gone], [])[0]!.fix).toBe(fix);
    const two = [gone, change('tags/power/rss.xml', 'new'), change('tags/oil/rss.xml', 'new')];
    expect(deletedTagFeeds(two, [summary('Power', 'power'), summary('Oil', 'oil')], [], new Map(), new Map([['energy', new Set(['power', 'oil'])]]))[0]!.fix).toBe(fix);
  });

  it('names no new spelling for a tag feed new in the same publish that no entry which had the deleted tag has now', () => {
    // Tourism's last entry deleted; "Energy" added to another entry, which never had Tourism.
    const changes = [change('tags/tourism/rss.xml', 'deleted'), change('tags/energy/rss.xml', 'new')];
    const fix = 'if the tag was renamed, add tagSlugs: {"New name": tourism} to keep its address for the new name';
    expect(deletedTagFeeds(changes, [summary('Energy', 'energy')])[0]!.fix).toBe(fix);
    expect(deletedTagFeeds(changes, [summary('Energy', 'energy')], [], new Map(), new Map([['rason', new Set(['rason', 'energy'])]]))[0]!.fix).toBe(fix);
  });

  it('of two tags renamed in one publish, names each its own new spelling', () => {
    const changes = [change('tags/china/rss.xml', 'deleted'), change('tags/energy/rss.xml', 'deleted'), change('tags/chinese-economy/rss.xml', 'new'), change('tags/power/rss.xml', 'new')];
    const retagged = new Map([['china', new Set(['chinese-economy'])], ['energy', new Set(['power'])]]);
    expect(deletedTagFeeds(changes, [summary('Chinese economy', 'chinese-economy'), summary('Power', 'power')], [], new Map(), retagged).map((warning) => warning.fix)).toEqual([
      'if the tag is now "Chinese economy", add tagSlugs: {"Chinese economy": china} to keep its address',
      'if the tag is now "Power", add tagSlugs: {"Power": energy} to keep its address',
    ]);
  });

  it('says nothing of a tag feed changed or new, of the site feed, or of a tag page alone', () => {
    expect(deletedTagFeeds([change('tags/trade/rss.xml', 'changed'), change('rss.xml', 'deleted'), change('tags/trade/index.html', 'deleted'), change('archives/2014-05/rss.xml', 'deleted')], [])).toEqual([]);
  });
});

describe('deletedTagFeeds: a tag that tagSlugs gave another address', () => {
  it('says tagSlugs moved it, and that removing the line keeps the old address, never a line undoing it', () => {
    // "Kaesong" slugs to kaesong; site.yml's tagSlugs gave it kaesong-complex.
    const changes = [change('tags/kaesong/rss.xml', 'deleted'), change('tags/kaesong-complex/rss.xml', 'new')];
    expect(deletedTagFeeds(changes, [summary('Kaesong', 'kaesong-complex')])).toEqual([
      {
        file: 'site.yml',
        field: 'tagSlugs',
        message: '{"Kaesong": kaesong-complex} moves the tag "Kaesong" from tags/kaesong/ to tags/kaesong-complex/: the feeds of tags/kaesong/ are deleted, and their readers get nothing more from them',
        fix: 'remove "Kaesong": kaesong-complex from tagSlugs to keep the tag at tags/kaesong/, or tell its readers the new address',
      },
    ]);
  });

  it('offers no tagSlugs line for a new tag feed whose tag already has one', () => {
    // "Russian Federation" was given russia by tagSlugs; another tag's feed is deleted in the same publish.
    const changes = [change('tags/energy/rss.xml', 'deleted'), change('tags/russia/rss.xml', 'new')];
    expect(deletedTagFeeds(changes, [summary('Russian Federation', 'russia')], [], new Map(), new Map([['energy', new Set(['russia'])]]))[0]!.fix).toBe('if the tag was renamed, add tagSlugs: {"New name": energy} to keep its address for the new name');
  });

  it('takes the name from the last publish: a line removed moves the tag back to its own slug, and putting it back keeps the address', () => {
    // The last publish gave "Trade" commerce (tags.json); with the line gone, "Trade" slugs to trade.
    const changes = [change('tags/commerce/rss.xml', 'deleted'), change('tags/trade/rss.xml', 'new')];
    expect(deletedTagFeeds(changes, [summary('Trade', 'trade')], [{ name: 'Trade', slug: 'commerce' }])).toEqual([
      {
        file: 'site.yml',
        field: 'tagSlugs',
        message: 'the tag "Trade", no longer given commerce by tagSlugs, moves from tags/commerce/ to tags/trade/: the feeds of tags/commerce/ are deleted, and their readers get nothing more from them',
        fix: 'put "Trade": commerce back in tagSlugs to keep the tag at tags/commerce/, or tell its readers the new address',
      },
    ]);
  });

  it('a line changed moves the tag from the slug the last publish gave it, and writing that slug back keeps the address', () => {
    const changes = [change('tags/commerce/rss.xml', 'deleted'), change('tags/exchange/rss.xml', 'new')];
    expect(deletedTagFeeds(changes, [summary('Trade', 'exchange')], [{ name: 'Trade', slug: 'commerce' }])).toEqual([
      {
        file: 'site.yml',
        field: 'tagSlugs',
        message: '{"Trade": exchange} moves the tag "Trade" from tags/commerce/ to tags/exchange/: the feeds of tags/commerce/ are deleted, and their readers get nothing more from them',
        fix: 'write "Trade": commerce in tagSlugs in place of "Trade": exchange to keep the tag at tags/commerce/, or tell its readers the new address',
      },
    ]);
  });
});

describe('deletedTagFeeds: a tag whose entries --skip-invalid leaves out', () => {
  it('says its only entry is left out while invalid, naming the file, not a rename', () => {
    const gone = [change('tags/energy/rss.xml', 'deleted')];
    expect(deletedTagFeeds(gone, [], [], new Map([['energy', ['entries/2014/a.md']]]))).toEqual([
      {
        file: 'entries/2014/a.md',
        field: 'tags',
        message: 'the feeds of tags/energy/ are deleted: its only entry, entries/2014/a.md, is left out while invalid (--skip-invalid), and their readers will find no feed until then',
        fix: 'fix it (broadsheet check lists the problems): the next publish brings the feeds back',
      },
    ]);
    expect(deletedTagFeeds(gone, [], [], new Map([['energy', ['entries/2014/a.md', 'entries/2014/b.md']]]))[0]!.message).toContain('its entries, entries/2014/a.md, entries/2014/b.md, are left out while invalid');
  });

  it('through a publish: the entry index gives the tags the file had when last valid', async () => {
    const now = DateTime.fromISO('2014-06-01T00:00:00Z');
    const output = new MemoryStore();
    const valid = { '2014/a.md': entryText(entry({ tags: ['Trade'] })), '2014/b.md': entryText(entry({ url: 'https://news.example.com/b', tags: ['Trade', 'Energy'] })) };
    await publish({ content: memoryContent({ entries: valid }), output, now, websub: false });
    const broken = { ...valid, '2014/b.md': entryText(entry({ url: 'https://news.example.com/b', tags: ['Trade', 'Energy'], date: 'soon' })) };
    const result = await publish({ content: memoryContent({ entries: broken }), output, now, websub: false, skipInvalid: true });
    expect(result.warnings.filter((warning) => warning.message.includes('tags/energy/'))).toMatchObject([{ file: 'entries/2014/b.md', field: 'tags', message: expect.stringContaining('its only entry, entries/2014/b.md, is left out while invalid') }]);
  });
});

describe('tagsNowOfTagged: the tags the entries that had a tag at the last publish have now', () => {
  it('matches an entry by its file, or by its id after a rename with id:, and leaves out one deleted', () => {
    const tag = (name: string) => ({ name, slug: name.toLowerCase() });
    const before = [
      { key: 'entries/2014/a.md', id: '2014/a', tags: [tag('China'), tag('Trade')] },
      { key: 'entries/2014/b.md', id: '2014/b', tags: [tag('Tourism')] },
      { key: 'entries/2014/c.md', id: '2014/c', tags: [tag('Rail')] },
    ];
    const entries = [
      { key: 'entries/2014/a.md', id: '2014/a', tags: [tag('Economy'), tag('Trade')] },
      { key: 'entries/2014/c-renamed.md', id: '2014/c', tags: [tag('Railways')] },
      { key: 'entries/2014/d.md', id: '2014/d', tags: [tag('Energy')] },
    ];
    expect(tagsNowOfTagged(before, entries)).toEqual(
      new Map([
        ['china', new Set(['economy', 'trade'])],
        ['trade', new Set(['economy', 'trade'])],
        ['rail', new Set(['railways'])],
      ]),
    );
  });
});

describe('deletedTagFeeds through a publish: the entry index gives the tags each entry had', () => {
  const now = DateTime.fromISO('2014-06-01T00:00:00Z');
  const a = (tags: string[]) => entryText(entry({ tags }));
  const b = (tags: string[]) => entryText(entry({ url: 'https://news.example.com/b', tags }));
  const tourismFix = async (after: Record<string, string>) => {
    const output = new MemoryStore();
    await publish({ content: memoryContent({ entries: { '2014/a.md': a(['Tourism']), '2014/b.md': b(['Trade']) } }), output, now, websub: false });
    const result = await publish({ content: memoryContent({ entries: after }), output, now, websub: false });
    return result.warnings.filter((warning) => warning.message.includes('tags/tourism/')).map((warning) => warning.fix);
  };

  it('guesses no rename when the tag\'s last entry is deleted and another entry is given a new tag', async () => {
    expect(await tourismFix({ '2014/b.md': b(['Trade', 'Energy']) })).toEqual(['if the tag was renamed, add tagSlugs: {"New name": tourism} to keep its address for the new name']);
  });

  it('guesses the rename when the entry that had the tag has the new one', async () => {
    expect(await tourismFix({ '2014/a.md': a(['Travel']), '2014/b.md': b(['Trade']) })).toEqual(['if the tag is now "Travel", add tagSlugs: {"Travel": tourism} to keep its address']);
  });
});
