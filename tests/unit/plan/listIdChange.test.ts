import { describe, expect, it } from 'vitest';
import { listIdChange, recordedListId, siteListId } from '../../../lib/plan/listIdChange.js';
import { defaultDigestConfig } from '../../../lib/content/digestConfig.js';

const site = (url: string, digest: { from?: string; listId?: string } = { from: 'Watch <digest@watch.example.org>' }) => ({ url, digest: { ...defaultDigestConfig(), ...digest } });

describe('listIdChange: the digest List-Id against the one the last publish recorded', () => {
  it('names the recorded List-Id and the new one when a url change changes it, with the listId that keeps the old', () => {
    // A root site moved under a path on another host: digest.watch.example.org becomes digest-watch.news.example.org.
    expect(listIdChange('digest.watch.example.org', true, site('https://news.example.org/watch/'))).toEqual({
      file: 'site.yml',
      field: 'digest.listId',
      message: "the digest's List-Id changes from digest.watch.example.org, as the last publish recorded it, to digest-watch.news.example.org, so subscribers' mail filters on the old one stop matching, and the topics links of the digests mailed with it are refused (each names its list; their unsubscribe links still work)",
      fix: 'write listId: digest.watch.example.org under digest: to keep the List-Id subscribers filter on; a publish records the new one, and says this no more',
    });
    // To another host's root: digest.news.example.org.
    expect(listIdChange('digest.watch.example.org', true, site('https://news.example.org/'))?.message).toContain('to digest.news.example.org,');
  });

  it('says nothing when the List-Id is the recorded one, or the site sends no digest', () => {
    expect(listIdChange('digest.watch.example.org', true, site('https://news.example.org/watch/', { from: 'a@b.example', listId: 'digest.watch.example.org' }))).toBeUndefined();
    expect(listIdChange('digest.watch.example.org', true, site('https://watch.example.org/'))).toBeUndefined();
    expect(listIdChange('digest.watch.example.org', true, site('https://news.example.org/', {}))).toBeUndefined();
    expect(siteListId(site('https://news.example.org/', {}))).toBeUndefined();
  });

  it('with nothing recorded, names no earlier List-Id: a new site is not warned, a published one under a path is told what it may have had', () => {
    expect(listIdChange(undefined, false, site('https://news.example.org/watch/'))).toBeUndefined();
    expect(listIdChange(undefined, true, site('https://news.example.org/'))).toBeUndefined();
    const warning = listIdChange(undefined, true, site('https://news.example.org/watch/'));
    expect(warning?.message).toBe("is not set, and the site is under a path: its digest's List-Id is digest-watch.news.example.org; the last publish recorded none to compare it with, and a site under a path had its host's digest.news.example.org before each had its own");
    expect(warning?.message).not.toContain('before it was');
  });

  it('says nothing when the last publish recorded no digest (null): no subscriber had a List-Id', () => {
    expect(listIdChange(null, true, site('https://news.example.org/watch/'))).toBeUndefined();
  });

  it("gives the line of digest: (or its listId:) in site.yml's text, as site.yml's own warnings do", () => {
    const text = 'title: T\nurl: https://news.example.org/\ndigest:\n  from: a@b.example\n';
    expect(listIdChange('digest.watch.example.org', true, site('https://news.example.org/'), text)?.line).toBe(3);
    expect(listIdChange('digest.watch.example.org', true, site('https://news.example.org/'), text + '  listId: digest.news.example.org\n')?.line).toBe(5);
  });
});

describe('recordedListId: what a publish records for the next to compare with', () => {
  const off = site('https://watch.example.org/', {});

  it("records the site's List-Id while it sends a digest", () => {
    expect(recordedListId(site('https://watch.example.org/'), null, true)).toBe('digest.watch.example.org');
  });

  it('keeps the one recorded before while the digest is off: subscribers still have it', () => {
    expect(recordedListId(off, 'digest.watch.example.org', true)).toBe('digest.watch.example.org');
  });

  it("records null (no digest) at a first publish, or when none was recorded since; nothing after an older version's manifest, whose site may have sent digests", () => {
    expect(recordedListId(off, undefined, false)).toBeNull();
    expect(recordedListId(off, null, true)).toBeNull();
    expect(recordedListId(off, undefined, true)).toBeUndefined();
  });
});
