import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { otherSitePublish } from '../../../lib/plan/otherSitePublish.js';
import { publish } from '../../../lib/publish/publish.js';
import { IdChangeError, OtherSiteError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

const OLD = 'https://watch.example.org/';
const NEW_SITE = { site: { url: 'https://lim.example.net/' }, keys: ['entries/2026/a.md'], ids: ['2026/a'] };

describe('otherSitePublish', () => {
  it('is the published url when that site published entries of which this content has none', () => {
    expect(otherSitePublish({ url: OLD, feedIds: ['tag:watch.example.org,2014:2014/rason'], entries: [{ key: 'entries/2014/rason.md', id: '2014/rason' }] }, NEW_SITE)).toBe(OLD);
  });

  it('is nothing when one published file or id is this content’s, whatever the tag: entity (a site moved, an idDate changed)', () => {
    expect(otherSitePublish({ url: OLD, feedIds: [], entries: [{ key: 'entries/2026/a.md', id: 'renamed' }] }, NEW_SITE)).toBeUndefined();
    expect(otherSitePublish({ url: OLD, feedIds: [], entries: [{ key: 'entries/2014/b.md', id: '2026/a' }] }, NEW_SITE)).toBeUndefined();
    expect(otherSitePublish({ url: OLD, feedIds: ['tag:watch.example.org,2014:2026/a'], entries: [] }, NEW_SITE)).toBeUndefined();
    // tagUri percent-encodes the id.
    expect(otherSitePublish({ url: OLD, feedIds: ['tag:watch.example.org,2014:2026/%C3%A9t%C3%A9'], entries: [] }, { ...NEW_SITE, ids: ['2026/été'] })).toBeUndefined();
  });

  it('is nothing for the same url, nothing published, no url known, or content with no entry file', () => {
    const published = { url: OLD, feedIds: ['tag:watch.example.org,2014:2014/rason'], entries: [] };
    expect(otherSitePublish(published, { ...NEW_SITE, site: { url: OLD } })).toBeUndefined();
    expect(otherSitePublish({ url: OLD, feedIds: [], entries: [] }, NEW_SITE)).toBeUndefined();
    expect(otherSitePublish({ ...published, url: undefined }, NEW_SITE)).toBeUndefined();
    expect(otherSitePublish(published, { ...NEW_SITE, keys: [], ids: [] })).toBeUndefined();
  });
});

describe('a publish into an output that holds another site', () => {
  const NOW = DateTime.fromISO('2026-12-06T00:00:00Z');
  const SAMPLE = { '2014/rason.md': entryText(entry({ date: '2014-05-08' })) };

  it('is refused in one message naming the other site, with --allow-id-change too, and writes nothing', async () => {
    const output = new MemoryStore();
    await publish({ content: memoryContent({ entries: SAMPLE }), output, now: NOW, websub: false });
    const before = new Map(output.objects);
    // The new team's own site: another url, idDate left at its default, its own entry.
    const theirs = memoryContent({ site: { ...SITE, url: 'https://lim.example.net/', idDate: undefined }, entries: { '2026/a.md': entryText(entry({ date: '2026-12-01' })) } });
    const message = `memory: holds the publish of another site (${OLD}): publish to an empty folder (--out NEW) or remove memory: first`;
    for (const allowIdChange of [false, true]) {
      const error: unknown = await publish({ content: theirs, output, now: NOW, websub: false, allowIdChange }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OtherSiteError);
      expect((error as Error).message).toBe(message);
    }
    expect(output.objects).toEqual(before);
  });

  it('still refuses the id change of the same site moved to another url', async () => {
    const output = new MemoryStore();
    await publish({ content: memoryContent({ entries: SAMPLE }), output, now: NOW, websub: false });
    const moved = memoryContent({ site: { ...SITE, url: 'https://lim.example.net/' }, entries: SAMPLE });
    await expect(publish({ content: moved, output, now: NOW, websub: false })).rejects.toThrow(IdChangeError);
  });
});
