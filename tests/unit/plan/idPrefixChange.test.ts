import { dump } from 'js-yaml';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { idPrefixChange } from '../../../lib/plan/idPrefixChange.js';
import { parseSite } from '../../../lib/content/site.js';
import { publish } from '../../../lib/publish/publish.js';
import { IdChangeError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// RFC 4151: an entry's id is tag:HOST,DATE:ID; readers key items on it, so HOST and DATE must outlive a move.
const site = (fields: Record<string, unknown> = {}) => parseSite(dump({ ...SITE, ...fields })).site!;
const PUBLISHED = 'tag:watch.example.org,2014:2014/a';

describe('idPrefixChange', () => {
  it('is nothing while the tagging entity is the one the entries were published under', () => {
    expect(idPrefixChange(PUBLISHED, site())).toBeUndefined();
    expect(idPrefixChange(PUBLISHED, site({ url: 'https://news.example.net/watch/', idHost: 'watch.example.org' }))).toBeUndefined();
  });

  it('names url and the idHost that keeps the ids when the site moved to another host', () => {
    expect(idPrefixChange(PUBLISHED, site({ url: 'https://news.example.net/watch/' }))).toEqual({
      file: 'site.yml',
      field: 'url',
      message: 'the published entries have ids tag:watch.example.org,2014:…, and this site.yml would give them tag:news.example.net,2014:…, so every reader would show each entry again as new',
      fix: 'add idHost: watch.example.org to site.yml to keep the ids, or publish with --allow-id-change to give every entry a new id',
    });
  });

  it('names idHost when it is the one changed', () => {
    expect(idPrefixChange(PUBLISHED, site({ idHost: 'other.example.org' }))).toMatchObject({ field: 'idHost', fix: expect.stringMatching(/^write idHost: watch\.example\.org to site\.yml/) });
  });

  it('names idDate, with the date to write back', () => {
    expect(idPrefixChange(PUBLISHED, site({ idDate: '2014-05' }))).toMatchObject({ field: 'idDate', fix: 'write idDate: "2014" back, or publish with --allow-id-change to give every entry a new id' });
    // check --out takes the flag too: its fix names both commands.
    expect(idPrefixChange(PUBLISHED, site({ idDate: '2014-05' }), 'check')).toMatchObject({ field: 'idDate', fix: 'write idDate: "2014" back, or publish (or check) with --allow-id-change to give every entry a new id' });
  });

  it('is nothing for an id that is not a tag: URI', () => {
    expect(idPrefixChange('https://watch.example.org/a', site({ url: 'https://news.example.net/' }))).toBeUndefined();
  });
});

describe('site.yml idHost', () => {
  it('is url’s host by default, and a DNS name in its IDNA form, lowercased, when given', () => {
    expect(site().idHost).toBe('watch.example.org');
    expect(site({ idHost: 'Bücher.Example' }).idHost).toBe('xn--bcher-kva.example');
  });

  it('refuses what is no DNS name', () => {
    for (const idHost of ['https://watch.example.org/', '127.0.0.1', 'a_b.example', 'watch.example.org.', 42]) {
      expect(parseSite(dump({ ...SITE, idHost })).problems.map((p) => p.field), String(idHost)).toEqual(['idHost']);
    }
  });
});

describe('a publish after site.yml changed', () => {
  const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
  const ENTRIES = { '2014/a.md': entryText(entry({ date: '2014-05-08' })) };

  it('reads the site feed once to compare the ids, and not at all while site.yml is the same', async () => {
    const output = new MemoryStore();
    await publish({ content: memoryContent({ entries: ENTRIES }), output, now: NOW, websub: false });
    const gets: string[] = [];
    const get = output.get.bind(output);
    output.get = (key, options) => (gets.push(key), get(key, options));
    await publish({ content: memoryContent({ entries: { ...ENTRIES, '2014/b.md': entryText(entry({ url: 'https://news.example.com/b', date: '2014-05-09' })) } }), output, now: NOW, websub: false });
    expect(gets).not.toContain('feed.json');
    const moved = memoryContent({ site: { ...SITE, url: 'https://news.example.net/' }, entries: ENTRIES });
    await expect(publish({ content: moved, output, now: NOW, websub: false })).rejects.toThrow(IdChangeError);
    expect(gets.filter((key) => key === 'feed.json')).toHaveLength(1);
  });
});
