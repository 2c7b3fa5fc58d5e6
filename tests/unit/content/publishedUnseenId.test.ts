import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { EntryIndex, INDEX_KEY } from '../../../lib/content/entryIndex.js';
import { publish } from '../../../lib/publish/publish.js';
import { ContentError } from '../../../lib/shared/errors.js';
import { entryPageDir } from '../../../lib/shared/entryPageDir.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { meta } from '../../support/digestFixtures.js';

// An entry published, before ids were checked for characters readers cannot see, under an id with a soft hyphen:
// its URL and every feed's tag: id hold it, so a changed id would break the one and show it again as new in the other.
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const KEY = 'entries/2014/a.md';
const ID = 'kaesong\u00ADwages';
const TEXT = entryText(entry({ id: ID, date: '2014-05-07', title: 'Wages' }));
const content = () => memoryContent({ site: SITE, entries: { '2014/a.md': TEXT } });
// The file line of id: (the front matter's first fence is line 1).
const ID_LINE = TEXT.split('\n').findIndex((line) => line.startsWith('id:')) + 1;

/** The output as the code before the rule left it: its entry index (made for that code) had the entry under `id`. */
async function publishedBefore(id: string, overrides: { draft?: boolean } = {}): Promise<MemoryStore> {
  const made = new EntryIndex(EntryIndex.contextFor('title: Old\n', 'the code before the rule'));
  made.records.set(KEY, { version: 'v1', entry: meta('2014-05-07T00:00', { key: KEY, id, ...overrides }) });
  made.markChanged();
  const output = new MemoryStore();
  await output.put(INDEX_KEY, Buffer.concat(made.serialize([KEY], new Set())), { contentType: 'application/json' });
  return output;
}

const refusal = {
  file: KEY,
  line: ID_LINE,
  field: 'id',
  message: "holds a soft hyphen (U+00AD), which readers cannot see or tell from a space, and an id is published for good: as %C2%AD in every feed's tag: id",
  fix: 'retype the id: id: kaesongwages (if the entry is already published under this id, keep it: a publish, or check --out with the published site, accepts it as published)',
};

describe('an id holding a character readers cannot see', () => {
  it('is kept, with a warning, where the last publish had the entry under that very id: its page stays where it was', async () => {
    const output = await publishedBefore(ID);
    const result = await publish({ content: content(), output, now: NOW });
    expect(result.warnings.filter((warning) => warning.field === 'id')).toEqual([
      {
        file: KEY,
        line: ID_LINE,
        field: 'id',
        message: "holds a soft hyphen (U+00AD), which readers cannot see or tell from a space; kept, as the entry is published under this id (%C2%AD in its URL and every feed's tag: id), and a changed id would show it again as new",
        fix: 'leave it as it is; give new entries ids without it',
      },
    ]);
    expect(result.idChanges).toEqual([]);
    expect(output.objects.has(`${entryPageDir(ID)}index.html`)).toBe(true);
    // The next publish reads the file from its index record, and says so again.
    expect((await publish({ content: content(), output, now: NOW })).warnings.filter((warning) => warning.field === 'id')).toHaveLength(1);
  });

  it('is refused where the entry was published under another id, only as a draft, or no publish is known', async () => {
    for (const output of [await publishedBefore('kaesongwages'), await publishedBefore(ID, { draft: true }), new MemoryStore()]) {
      const error = await publish({ content: content(), output, now: NOW }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ContentError);
      expect((error as ContentError).problems).toEqual([refusal]);
    }
  });
});
