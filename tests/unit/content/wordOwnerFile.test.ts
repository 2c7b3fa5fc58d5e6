import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { MAX_ENTRY_BYTES } from '../../../lib/content/limits.js';
import { isWordOwnerFile } from '../../../lib/content/wordOwnerFile.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// Word's owner file for kaesong-wages.md while Word has it open: `~$` and the name less its first two characters, the
// user's name in a length-prefixed byte string and again in UTF-16, zero-padded.
const USER = 'Alice Editor';
const OWNER_BYTES = Buffer.concat([Buffer.from([USER.length]), Buffer.from(USER), Buffer.alloc(54 - USER.length - 1), Buffer.from([USER.length, 0]), Buffer.from(USER, 'utf16le')]);
const OWNER = Buffer.concat([OWNER_BYTES, Buffer.alloc(162 - OWNER_BYTES.length)]);
const WARNING = { field: 'file', message: "is Word's owner file, which Word keeps beside a document it has open; it is no entry, and is not read", fix: 'close the document in Word, or delete it' };

describe('isWordOwnerFile', () => {
  it('is a binary file, or one without front matter, whose name starts with ~$, in any folder, of any size up to the entry limit', () => {
    expect(isWordOwnerFile({ key: 'entries/2014/~$esong-wages.md', size: OWNER.length }, OWNER)).toBe(true);
    const padded = Buffer.concat([OWNER, Buffer.alloc(5000)]);
    expect(isWordOwnerFile({ key: 'entries/2014/~$esong-wages.md', size: padded.length }, padded)).toBe(true);
    const notes = Buffer.from('Notes on the wages. '.repeat(300));
    expect(isWordOwnerFile({ key: 'entries/2014/~$notes.md', size: notes.length }, notes)).toBe(true);
    expect(isWordOwnerFile({ key: 'entries/~$a.md', size: 0 }, Buffer.alloc(0))).toBe(true);
    expect(isWordOwnerFile({ key: 'entries/~$a.md', size: 9 }, Buffer.from('---\n\u0000x: 1\n'))).toBe(true);
  });

  it('is not a file named otherwise, one over the entry size limit, or a text one opening with front matter, of any size', () => {
    expect(isWordOwnerFile({ key: 'entries/2014/~esong-wages.md', size: 162 }, OWNER)).toBe(false);
    expect(isWordOwnerFile({ key: 'entries/2014/a~$b.md', size: 162 }, OWNER)).toBe(false);
    expect(isWordOwnerFile({ key: 'entries/~$/a.md', size: 162 }, OWNER)).toBe(false);
    expect(isWordOwnerFile({ key: 'entries/2014/~$esong-wages.md', size: MAX_ENTRY_BYTES + 1 }, OWNER)).toBe(false);
    const text = Buffer.from(entryText(entry({ url: 'https://x.example/t' })));
    expect(text.length).toBeLessThan(4096);
    expect(isWordOwnerFile({ key: 'entries/~$tilde.md', size: text.length }, text)).toBe(false);
    const long = Buffer.from(entryText(entry({ url: 'https://x.example/t' }), 'Commentary. '.repeat(500)));
    expect(long.length).toBeGreaterThan(4096);
    expect(isWordOwnerFile({ key: 'entries/~$tilde.md', size: long.length }, long)).toBe(false);
  });
});

describe('a Word owner file beside an entry open in Word', () => {
  const load = (files: Record<string, string | Buffer>) => {
    const content = memoryContent({ site: SITE, entries: { '2014/kaesong-wages.md': entryText(entry({ url: 'https://x.example/k' })) } });
    for (const [path, body] of Object.entries(files)) content.objects.set(`entries/${path}`, { body: Buffer.from(body), contentType: 'application/octet-stream' });
    return scanContent(content).then((scan) => loadContent(scan));
  };

  it('is not read as an entry, and is named as Word\'s with the fix: a warning, never a problem', async () => {
    const loaded = await load({ '2014/~$esong-wages.md': OWNER, '2014/~$aesong-wages.MD': OWNER, '2014/~$large.md': Buffer.concat([OWNER, Buffer.alloc(5000)]) });
    expect(loaded.problems).toEqual([]);
    expect(loaded.keys).toEqual(['entries/2014/kaesong-wages.md']);
    expect(loaded.warnings).toEqual([
      { file: 'entries/2014/~$aesong-wages.MD', ...WARNING },
      { file: 'entries/2014/~$esong-wages.md', ...WARNING },
      { file: 'entries/2014/~$large.md', ...WARNING },
    ]);
    // Quiet for one beside another kind of document; read as an entry when larger than an owner file.
    const text = entryText(entry({ url: 'https://x.example/t' }), `${'Commentary. '.repeat(500)}\n`);
    const short = entryText(entry({ url: 'https://x.example/s' }));
    const other = await load({ '2014/~$port.docx': OWNER, '2014/~$tilde.md': text, '2014/~$short.md': short });
    expect(other.problems).toEqual([]);
    expect(other.warnings).toEqual([]);
    expect(other.keys).toEqual(['entries/2014/kaesong-wages.md', 'entries/2014/~$short.md', 'entries/2014/~$tilde.md']);
  });
});
