import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseDigestConfig } from '../../../lib/content/digestConfig.js';
import { subscriberFileRecipients } from '../../../lib/delivery/recipientSources.js';
import { ContentError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { checkSubscriberFile, subscriberFileProblems } from '../../../lib/subscribers/subscriberFile.js';

const FROM = 'Watch <digest@watch.example.org>';
const NOT_UTF8 = Buffer.from('j\xf6rg@example.org\nada@example.org\n', 'latin1');

function store(files: Record<string, Buffer | string>): MemoryStore {
  const content = new MemoryStore();
  for (const [key, body] of Object.entries(files)) content.objects.set(key, { body: Buffer.from(body), contentType: 'text/plain' });
  return content;
}

describe('the subscriber file a send reads', () => {
  it('is refused when it is not UTF-8, with the byte offset of the first bad sequence, before any recipient is read', async () => {
    // "j" is byte 0; 0xF6 (ö in Latin-1) at byte 1 starts no UTF-8 sequence.
    const error = await subscriberFileRecipients(store({ 'subscribers.txt': NOT_UTF8 }), 'subscribers.txt').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems).toEqual([
      { file: 'subscribers.txt', line: 1, field: 'file', message: 'is not valid UTF-8 at column 2 (byte offset 1: 0xF6, "ö" in Latin-1 or Windows-1252)', fix: 'save the file as UTF-8 in your editor; if the text there looks wrong, reopen it as Latin-1 or Windows-1252 first' },
    ]);
    expect((error as ContentError).outcome).toBe('nothing was sent');
  });

  it('drops a leading UTF-8 BOM, so the first line is its address', async () => {
    const recipients = await subscriberFileRecipients(store({ 'subscribers.txt': Buffer.from('\ufeffada@example.org\r\ngrace@example.org\r\n') }), 'subscribers.txt');
    expect(recipients).toEqual([{ address: 'ada@example.org' }, { address: 'grace@example.org' }]);
  });

  // The fuzzer's finding: a `#` in a display name was read as a comment's start, so `"Ada #1" <ada@…>` was cut to `"Ada`,
  // an invalid line, and Ada was not sent the digest.
  it('keeps a # a display name holds, quoted or not, and still cuts a comment after the mailbox', async () => {
    const text = ['"Ada #1" <ada@example.org>', 'Team #2 <team@example.org>', '"Grace #3" <grace@example.org> # met at the fair', 'linus@example.org # Linus <linus@example.net>', '# kim@example.org', '  # indented comment'].join('\n');
    const recipients = await subscriberFileRecipients(store({ 'subscribers.txt': text }), 'subscribers.txt');
    expect(recipients).toEqual([
      { address: 'ada@example.org', name: 'Ada #1' },
      { address: 'team@example.org', name: 'Team #2' },
      { address: 'grace@example.org', name: 'Grace #3' },
      { address: 'linus@example.org' },
    ]);
    expect(subscriberFileProblems(Buffer.from(text), 'subscribers.txt')).toEqual({ problems: [], warnings: [] });
  });

  // The fuzzer's finding: a list saved with classic Mac OS line endings read as one line, an invalid one, so the send
  // mailed nobody and recorded one failure, and check only warned "write one address a line".
  it('is refused, before any recipient is read, when its lines end in a carriage return alone', async () => {
    const problem = { file: 'subscribers.txt', line: 1, field: 'file', message: 'its lines end in a carriage return alone (CR, as classic Mac OS wrote text), which is no line break here: the list would read as one line, no address', fix: 'save the file with LF (Unix, macOS) or CRLF (Windows) line endings' };
    for (const text of ['ada@example.org\rgrace@example.org\r', '\ufeffada@example.org\r', 'ada@example.org\rgrace@example.org']) {
      const error = await subscriberFileRecipients(store({ 'subscribers.txt': text }), 'subscribers.txt').catch((e: unknown) => e);
      expect(error, JSON.stringify(text)).toBeInstanceOf(ContentError);
      expect((error as ContentError).problems).toEqual([problem]);
      expect(subscriberFileProblems(Buffer.from(text), 'subscribers.txt')).toEqual({ problems: [problem], warnings: [] });
    }
    // A carriage return within one line of a list of LF or CRLF lines is that line's problem alone, as before.
    const mixed = subscriberFileProblems(Buffer.from('ada@example.org\r\nx@example.org\rBcc: eve@example.org\r\n'), 'subscribers.txt');
    expect(mixed.problems).toEqual([]);
    expect(mixed.warnings.map((w) => w.line)).toEqual([2]);
  });

  it('quotes a line that is no mailbox however its # is read as cut at its first comment', () => {
    const { warnings } = subscriberFileProblems(Buffer.from('"Eve #4" <eve@example> # a typo\n'), 'subscribers.txt');
    expect(warnings.map((w) => [w.line, w.message])).toEqual([[1, '"\\"Eve" is not one mailbox: no "@"']]);
  });
});

describe('check on the subscriber file', () => {
  const digest = parseDigestConfig({ from: FROM }).config;

  it('reports a file that is not UTF-8 as a problem with its byte offset', () => {
    expect(subscriberFileProblems(NOT_UTF8, 'subscribers.txt')).toEqual({
      problems: [{ file: 'subscribers.txt', line: 1, field: 'file', message: 'is not valid UTF-8 at column 2 (byte offset 1: 0xF6, "ö" in Latin-1 or Windows-1252)', fix: 'save the file as UTF-8 in your editor; if the text there looks wrong, reopen it as Latin-1 or Windows-1252 first' }],
      warnings: [],
    });
  });

  it('names a gzip-compressed file as such (an upload with Content-Encoding: gzip is stored compressed)', () => {
    expect(subscriberFileProblems(gzipSync('ada@example.org\n'), 'subscribers.txt').problems).toEqual([
      { file: 'subscribers.txt', field: 'file', message: 'is gzip-compressed (uploaded with Content-Encoding: gzip, or a .gz file renamed)', fix: 'upload the file itself, uncompressed, as push-content does' },
    ]);
  });

  it('warns about each line that is not one mailbox, by its line number, quoting that line only', () => {
    const text = ['\ufeffada@example.org', '# a comment', '', 'a:victim@example.org', '\tgrace@example.org', 'dïgest@example.org # not ASCII', '=?utf-8?q?x?= <x@example.org>', `${'l'.repeat(70)}@example.org`].join('\n');
    const { problems, warnings } = subscriberFileProblems(Buffer.from(text), 'subscribers.txt');
    expect(problems).toEqual([]);
    expect(warnings.map((w) => [w.line, w.field, w.message])).toEqual([
      [4, 'address', '"a:victim@example.org" is not one mailbox: group or list syntax ("name:", ";" or ",") is not an address'],
      [5, 'address', '"\\tgrace@example.org" is not one mailbox: it contains the control character U+0009'],
      [6, 'address', '"dïgest@example.org" is not one mailbox: the part before "@" is not ASCII, which needs SMTPUTF8 (RFC 6531): SES and most servers cannot send to it'],
      [7, 'address', '"=?utf-8?q?x?= <x@example.org>" is not one mailbox: the display name holds an encoded word ("=?…?="), which a mail client decodes into other text: write the name itself'],
      [8, 'address', `"${'l'.repeat(60)}"… is not one mailbox: the part before "@" is longer than 64 bytes`],
    ]);
    expect(warnings[0]!.fix).toBe('write one address a line, address or Name <address>; the digest records this line failed and mails the rest');
  });

  it('names the first 20 invalid lines, then sums up the others by count and line runs', () => {
    // Invalid: lines 1–25, 27, 30–31 and every even line from 40 to 80; every other line is an address.
    const invalid = new Set([...range(1, 25), 27, 30, 31, ...range(20, 40).map((n) => 2 * n)]);
    const text = range(1, 85).map((n) => (invalid.has(n) ? `reader${n}` : `reader${n}@example.org`)).join('\n');
    const { warnings } = subscriberFileProblems(Buffer.from(text), 'subscribers.txt');
    expect(warnings.slice(0, 20).map((w) => w.line)).toEqual(range(1, 20));
    expect(warnings[19]!.message).toMatch(/^"reader20" is not one mailbox: /);
    // Left: 21–25 (5), 27, 30–31 (2), 40–80 even (21): 29 lines. The ten runs named end at 52; 54–80 are 14 more.
    expect(warnings.slice(20)).toEqual([
      {
        file: 'subscribers.txt',
        line: 21,
        field: 'address',
        message: '29 more lines are not one mailbox: lines 21–25, line 27, lines 30–31, line 40, line 42, line 44, line 46, line 48, line 50, line 52 and 14 more up to line 80',
        fix: 'write one address a line, address or Name <address>; the digest records this line failed and mails the rest',
      },
    ]);
  });

  it('names each of 20 invalid lines and adds no summary; a 21st is summed up as one more line', () => {
    const lines = (count: number) => Buffer.from(range(1, count).map((n) => `reader${n}`).join('\n'));
    expect(subscriberFileProblems(lines(20), 'subscribers.txt').warnings.map((w) => w.line)).toEqual(range(1, 20));
    expect(subscriberFileProblems(lines(21), 'subscribers.txt').warnings.slice(20).map((w) => [w.line, w.message])).toEqual([[21, '1 more line is not one mailbox: line 21']]);
  });

  it('reads the file only when the file or smtp transport sends with a from', async () => {
    const content = store({ 'subscribers.txt': NOT_UTF8 });
    expect((await checkSubscriberFile(content, digest)).problems).toHaveLength(1);
    expect((await checkSubscriberFile(content, parseDigestConfig({ from: FROM, transport: 'smtp' }).config)).problems).toHaveLength(1);
    expect(await checkSubscriberFile(content, parseDigestConfig({ from: FROM, transport: 'ses' }).config)).toEqual({ problems: [], warnings: [] });
    expect(await checkSubscriberFile(content, parseDigestConfig({}).config)).toEqual({ problems: [], warnings: [] });
  });

  it("warns, with the subscription handler's one-click unsubscribe, that the send refuses the list, and reads none of its lines", async () => {
    const content = store({ 'subscribers.txt': 'ada@example.org\nlinus@example.org\nnot an address\n' });
    const unsubscribe = { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' };
    for (const transport of ['file', 'smtp'] as const) {
      expect(await checkSubscriberFile(content, parseDigestConfig({ from: FROM, transport, unsubscribe }).config)).toEqual({
        problems: [],
        warnings: [
          {
            file: 'site.yml',
            field: 'digest.unsubscribe.url',
            message: "the subscription handler's one-click unsubscribe records who leaves in the subscriber store, and a send to the list subscribers.txt never reads the store: who left would be sent the digest again, so digest --send refuses it",
            fix: 'import the list into the store with broadsheet subscribers import FILE --subscribers DIR, and send with --subscribers DIR',
          },
        ],
      });
    }
    // Another endpoint's link: the send mails the list, and its third line is warned of.
    const elsewhere = parseDigestConfig({ from: FROM, transport: 'smtp', unsubscribe: { ...unsubscribe, url: 'https://lists.example.org/leave?token={token}' } }).config;
    expect((await checkSubscriberFile(content, elsewhere)).warnings.map((warning) => [warning.line, warning.field])).toEqual([[3, 'address']]);
  });

  it('reports a missing file as a problem only when site.yml names it', async () => {
    const named = parseDigestConfig({ from: FROM, subscribers: 'lists/readers.txt' }).config;
    expect(await checkSubscriberFile(store({}), named)).toEqual({
      problems: [{ file: 'site.yml', field: 'digest.subscribers', message: '"lists/readers.txt" is not in the content folder, and the file transport sends to the addresses in it', fix: 'create it with one address a line, or remove digest.subscribers when you send with --to or --subscribers' }],
      warnings: [],
    });
    expect(await checkSubscriberFile(store({}), digest)).toEqual({ problems: [], warnings: [] });
    expect(named.subscribersNamed).toBe(true);
    expect(digest.subscribersNamed).toBeUndefined();
  });

  it('warns of a list that holds no address, blank lines and comments only: the send would mail nobody', async () => {
    const message = 'holds no address (a blank line or a comment is none): a digest sent to the list mails nobody';
    const tail = 'and send with --to or --subscribers';
    for (const text of ['', '\n\n', '# readers of the Watch\n\n  # none yet \r\n']) {
      expect(await checkSubscriberFile(store({ 'subscribers.txt': text }), digest)).toEqual({
        problems: [],
        warnings: [{ file: 'subscribers.txt', field: 'file', message, fix: `add one address a line, address or Name <address>; or, if no list is meant, remove the file ${tail}` }],
      });
    }
    const named = parseDigestConfig({ from: FROM, subscribers: 'lists/readers.txt' }).config;
    expect((await checkSubscriberFile(store({ 'lists/readers.txt': '# none yet\n' }), named)).warnings).toEqual([
      { file: 'lists/readers.txt', field: 'file', message, fix: `add one address a line, address or Name <address>; or, if no list is meant, remove the file and digest.subscribers ${tail}` },
    ]);
    // One address, even after comments, is a list; an invalid line is warned of by itself, not as an empty list.
    expect(await checkSubscriberFile(store({ 'subscribers.txt': '# readers\n\nada@example.org\n' }), digest)).toEqual({ problems: [], warnings: [] });
    expect((await checkSubscriberFile(store({ 'subscribers.txt': '# readers\nnot an address\n' }), digest)).warnings.map((w) => w.field)).toEqual(['address']);
    // The send reads the same list as nobody, as check says.
    expect(await subscriberFileRecipients(store({ 'subscribers.txt': '# none yet\n\n' }), 'subscribers.txt')).toEqual([]);
  });

  it('reports one missing from a content bucket as a warning: push-content keeps the list home', async () => {
    const named = parseDigestConfig({ from: FROM, subscribers: 'lists/readers.txt' }).config;
    expect(await checkSubscriberFile(store({}), named, 'news-content')).toEqual({
      problems: [],
      warnings: [{ file: 'site.yml', field: 'digest.subscribers', message: '"lists/readers.txt" is not in the content bucket: push-content keeps the subscriber list home, and deletes a copy in the bucket, since the deployed digest sends to the subscriber store', fix: 'check the content folder that holds it, and move its addresses into the store: broadsheet subscribers import lists/readers.txt --subscribers s3://news-content/_subscribers/' }],
    });
  });
});

/** The integers from `first` to `last`, both included. */
function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
