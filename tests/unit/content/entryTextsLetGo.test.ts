import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseEntry, type EntryMeta } from '../../../lib/content/entry.js';
import { entry, entryText } from '../../support/content.js';

// The collector, asked for: what the kept values hold is the very thing to tell.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const FILES = 64;
// Each file's own filler, far larger than what is kept of it (and under MAX_ENTRY_BYTES): a kept slice holds it.
const FILLER = 60 * 1024;
const filler = (i: number) => `${i} ${'filler '.repeat(FILLER / 7)}`;

/** The heap still used, after a full collection, by what `keep` gives back (kept until measured). */
function heldBy<T>(keep: () => T): { held: number; kept: T } {
  // Once first, so that what its first run compiles and caches is not counted.
  keep();
  collect();
  const before = process.memoryUsage().heapUsed;
  const kept = keep();
  collect();
  return { held: process.memoryUsage().heapUsed - before, kept };
}

describe("an entry's kept texts", () => {
  it("hold none of the file's front matter: the title, url, source, tags and summary are strings of their own", () => {
    // An ignored field makes each file's front matter large; every kept text is 13 characters or more (V8 slices those).
    const { held, kept } = heldBy(() =>
      Array.from({ length: FILES }, (_, i) => {
        const text = entryText(entry({ title: `The talks of round ${i} resume`, url: `https://news.example.com/talks/round-${i}`, source: `Example News Agency ${i}`, tags: [`Special Economic Zones ${i}`], summary: `The talks of round ${i} resume in Geneva.`, notes: filler(i) }));
        return parseEntry(text, `entries/2014/round-${i}.md`, { timezone: 'Asia/Seoul' }).entry!;
      }),
    );
    expect(kept.map((parsed: EntryMeta) => parsed.title)).toEqual(Array.from({ length: FILES }, (_, i) => `The talks of round ${i} resume`));
    expect(kept[3]!.summary).toBe('The talks of round 3 resume in Geneva.');
    // The fillers alone are FILES * FILLER characters (3.75 MiB); what the entries themselves take is far less.
    expect(held).toBeLessThan((FILES * FILLER) / 4);
  });
});
