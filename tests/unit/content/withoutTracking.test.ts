import { describe, expect, it } from 'vitest';
import { withoutTracking } from '../../../lib/content/articleKey.js';
import { parseEntry } from '../../../lib/content/entry.js';

describe('withoutTracking: a url without the parameters that say where it was copied from', () => {
  it('takes out utm_* and the platforms’ click ids, and names them once each, in their order', () => {
    expect(withoutTracking('https://www.nknews.org/2024/03/kim-visit/?utm_source=newsletter&fbclid=abc&utm_source=x')).toEqual({ url: 'https://www.nknews.org/2024/03/kim-visit/', removed: ['utm_source', 'fbclid'] });
  });

  it('keeps the other parameters as written (a %20 stays, no + for it), in their order, and the fragment', () => {
    expect(withoutTracking('https://x.example/s?q=a%20b&utm_medium=email&page=2#top')).toEqual({ url: 'https://x.example/s?q=a%20b&page=2#top', removed: ['utm_medium'] });
  });

  it('takes out the only parameter, in any case, and keeps the fragment', () => {
    expect(withoutTracking('https://x.example/a?fbclid=1')).toEqual({ url: 'https://x.example/a', removed: ['fbclid'] });
    expect(withoutTracking('https://x.example/a?UTM_Source=x#f')).toEqual({ url: 'https://x.example/a#f', removed: ['UTM_Source'] });
  });

  it('is undefined for a url with none, or no url at all', () => {
    expect(withoutTracking('https://x.example/s?q=utm_source')).toBeUndefined();
    expect(withoutTracking('not a url')).toBeUndefined();
  });
});

describe('an entry whose url has them', () => {
  it('is a warning on its url line, giving the url to write; the entry is published with its url as typed', () => {
    const text = '---\ntitle: T\nurl: https://x.example/a?gclid=1&id=7\nsource: S\ndate: 2014-05-08\n---\nBody.\n';
    const parsed = parseEntry(text, 'entries/2014/a.md', { timezone: 'UTC' });
    expect(parsed.warnings).toEqual([
      { file: 'entries/2014/a.md', line: 3, field: 'url', message: 'holds the tracking parameter gclid, which tells the publisher every reader came from where the link was copied', fix: 'write url: https://x.example/a?id=7' },
    ]);
    expect(parsed.entry?.url).toBe('https://x.example/a?gclid=1&id=7');
  });
});
