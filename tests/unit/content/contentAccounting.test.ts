import { describe, expect, it } from 'vitest';
import { dump } from 'js-yaml';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { ContentError } from '../../../lib/shared/errors.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

async function load(entries: Record<string, string | Buffer>, options: { retainEntries?: boolean; site?: string | Buffer } = {}) {
  const store = memoryContent({ site: SITE, entries: {} });
  for (const [path, body] of Object.entries(entries)) store.objects.set(`entries/${path}`, { body: Buffer.from(body), contentType: 'text/markdown' });
  if (options.site !== undefined) store.objects.set('site.yml', { body: Buffer.from(options.site), contentType: 'application/yaml' });
  return loadContent(await scanContent(store), { retainEntries: options.retainEntries ?? true });
}

describe('files that are not UTF-8', () => {
  const latin1 = Buffer.concat([Buffer.from('---\ntitle: Caf'), Buffer.from([0xe9]), Buffer.from('\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\n---\n')]);

  it('an entry is refused with the byte offset, never published with U+FFFD, with or without the entries kept', async () => {
    for (const retainEntries of [true, false]) {
      const loaded = await load({ '2014/latin1.md': latin1, '2014/ok.md': entryText(entry({ title: 'Typed \uFFFD on purpose' })) }, { retainEntries });
      // "---\ntitle: Caf" is 14 bytes: the é is byte 14.
      expect(loaded.problems).toEqual([{ file: 'entries/2014/latin1.md', field: 'file', message: 'is not valid UTF-8 (byte offset 14)', fix: expect.stringContaining('UTF-8') }]);
      expect(loaded.invalidKeys).toEqual(new Set(['entries/2014/latin1.md']));
    }
    // A U+FFFD the editor typed is text like any other.
    expect((await load({ '2014/ok.md': entryText(entry({ title: 'Typed \uFFFD on purpose' })) })).entries[0]!.title).toBe('Typed \uFFFD on purpose');
  });

  it('site.yml is refused with the byte offset', async () => {
    const site = Buffer.concat([Buffer.from(dump(SITE)), Buffer.from('author: {name: Jos'), Buffer.from([0xe9]), Buffer.from('}\n')]);
    const error = await load({}, { site }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems).toEqual([{ file: 'site.yml', field: 'file', message: `is not valid UTF-8 (byte offset ${Buffer.byteLength(dump(SITE)) + 18})`, fix: expect.stringContaining('UTF-8') }]);
  });
});
