import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { verifyToken } from '../../../lib/subscribers/subscriberToken.js';
import { digestSubject } from '../../../lib/digest/digestSubject.js';
import { buildDigestMessage, digestMessageId, listIdHeader, listIdOf, MAX_LIST_ID_CHARS, preferencesUrl, unsubscribeUrl, type DigestMessageInput } from '../../../lib/delivery/message.js';
import { parseRecipient, recipientId } from '../../../lib/subscribers/recipient.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { DIGEST, meta, testSite, weekModel } from '../../support/digestFixtures.js';
import type { DigestModel } from '../../../lib/digest/digestModel.js';
import { deliverDigest, prepareSend, type DigestSendOptions } from '../../../lib/delivery/digestDelivery.js';
import { FileTransport } from '../../../lib/delivery/fileTransport.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { decodeWords, encodedWordTexts } from '../../support/encodedWords.js';
import { asciiMailbox, headerText } from '../../../lib/shared/headerText.js';
import { readWithPythonEmail } from '../../support/pythonMail.js';
import { subscriptionHandlerOrigin } from '../../../lib/shared/subscriptionHandlerOrigin.js';
import { sizeAsSent } from '../../../lib/digest/sizeAsSent.js';

const site = testSite();
const model = weekModel(site, [meta('2014-05-08', { title: 'Kaesong output recovers' })]);
const NOW = DateTime.fromISO('2014-05-12T08:00:00+09:00');

function input(address = 'Ada Lovelace <ada@example.org>', overrides: Partial<DigestMessageInput> = {}): DigestMessageInput {
  return {
    model,
    html: renderDigestHtml(model, { variant: 'email' }),
    recipient: parseRecipient(address),
    from: 'Test Watch <digest@watch.example.org>',
    subject: 'Test Watch: 5–11 May 2014',
    listId: listIdOf(site),
    unsubscribe: { kind: 'headers', urlTemplate: 'https://watch.example.org/unsubscribe?email={email}', mailto: 'unsubscribe@watch.example.org' },
    date: NOW,
    ...overrides,
  };
}

/** The raw header lines of a field (unfolded), as a mail client sees them. */
function headerFields(raw: Buffer, name: string): string[] {
  const head = raw.toString('utf8').split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
  return head.split('\r\n').filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`)).map((line) => line.slice(name.length + 1).trim());
}

describe('the digest message (RFC 5322)', () => {
  it('is multipart/alternative with the text part first and the HTML part last', async () => {
    const message = await buildDigestMessage(input());
    const parsed = await simpleParser(message.raw);
    expect(headerFields(message.raw, 'Content-Type')[0]).toMatch(/^multipart\/alternative;/);
    const raw = message.raw.toString('utf8');
    expect(raw.indexOf('Content-Type: text/plain')).toBeLessThan(raw.indexOf('Content-Type: text/html'));
    expect(parsed.text).toContain('Kaesong output recovers');
    expect(parsed.html).toContain('Kaesong output recovers');
    expect(parsed.subject).toBe('Test Watch: 5–11 May 2014');
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0] : undefined).toMatchObject({ address: 'ada@example.org', name: 'Ada Lovelace' });
  });

  it('has one List-Unsubscribe with the https and the mailto URI, and the RFC 8058 one-click header', async () => {
    const message = await buildDigestMessage(input());
    const fields = headerFields(message.raw, 'List-Unsubscribe');
    expect(fields).toEqual(['<https://watch.example.org/unsubscribe?email=ada%40example.org>, <mailto:unsubscribe@watch.example.org?subject=unsubscribe%20ada%40example.org&body=unsubscribe%20ada%40example.org>']);
    expect(headerFields(message.raw, 'List-Unsubscribe-Post')).toEqual(['List-Unsubscribe=One-Click']);
    expect(headerFields(message.raw, 'List-Id')).toEqual(['Weekly digest of Test Watch <digest.watch.example.org>']);
  });

  it('puts the same unsubscribe URL in the footer of both parts', async () => {
    const message = await buildDigestMessage(input());
    expect(message.html).toMatch(/<a href="https:\/\/watch\.example\.org\/unsubscribe\?email=ada%40example\.org"[^>]*>Unsubscribe<\/a>/);
    expect(message.text).toContain('Unsubscribe: https://watch.example.org/unsubscribe?email=ada%40example.org');
  });

  it('has a Message-ID that is stable per week and recipient and reveals no address', async () => {
    const first = await buildDigestMessage(input());
    const again = await buildDigestMessage(input('ADA@example.org'));
    const other = await buildDigestMessage(input('grace@example.org'));
    const nextWeek = await buildDigestMessage(input(undefined, { model: weekModel(site, [], '2014-W20') }));
    expect(headerFields(first.raw, 'Message-ID')).toEqual([first.messageId]);
    expect(again.messageId).toBe(first.messageId);
    expect(other.messageId).not.toBe(first.messageId);
    expect(nextWeek.messageId).not.toBe(first.messageId);
    expect(first.messageId).toMatch(/^<digest\.2014-W19\.[0-9a-f]{8}\.[0-9a-f]{20}@watch\.example\.org>$/);
    expect(first.messageId).not.toContain('ada');
    const h = { host: 'h.org', url: 'https://h.org/' };
    expect(digestMessageId('2014-W19', 'a <x.y>', 'ada@example.org', h)).toBe(digestMessageId('2014-W19', 'a <x.y>', 'Ada@Example.org', h));
  });

  it('is byte-identical for the same input (dated by the run, not the clock)', async () => {
    const a = await buildDigestMessage(input());
    const b = await buildDigestMessage(input());
    expect(a.raw.equals(b.raw)).toBe(true);
    // The run's now (08:00 in Seoul), in the site's zone.
    expect(headerFields(a.raw, 'Date')).toEqual(['Mon, 12 May 2014 08:00:00 +0900']);
  });

  // RFC 6068 §2, §5: a mailto hfvalue is percent-encoded; a space is %20, "@" %40, "+" %2B. The address is the one
  // subscribed, so the editor can match a mail sent from another (a plus tag, a forward).
  it.each([
    ['a plain address', 'ada@example.org', 'ada%40example.org'],
    ['a plus-tagged address', 'Ada <ada+digest@example.org>', 'ada%2Bdigest%40example.org'],
    // The domain as subscribed in its IDNA form (RFC 5891): bücher is xn--bcher-kva.
    ['an address at a non-ASCII domain', 'ada@bücher.example', 'ada%40xn--bcher-kva.example'],
  ])('names the subscribed address in the mailto URI’s subject and body: %s', async (_case, address, encoded) => {
    const message = await buildDigestMessage(input(address, { unsubscribe: { kind: 'headers', urlTemplate: 'https://watch.example.org/unsubscribe?t={token}', mailto: 'unsubscribe@watch.example.org', secret: 'a-long-enough-secret' } }));
    const [field] = headerFields(message.raw, 'List-Unsubscribe');
    expect(field?.split(', ')[1]).toBe(`<mailto:unsubscribe@watch.example.org?subject=unsubscribe%20${encoded}&body=unsubscribe%20${encoded}>`);
  });

  it('leaves the body out of the mailto URI when the List-Unsubscribe value would pass the 870 characters SES takes', async () => {
    // Encoded, the address is 64 × 3 + 3 + 68 = 263 characters: the https URI 44 + 263, the mailto URI 36 + 23 + 263 + 20
    // + 263, the value 1 + 307 + 4 + 605 + 1 = 918 with the body, 635 without.
    const address = `${'+'.repeat(64)}@${'d'.repeat(60)}.example`;
    const message = await buildDigestMessage(input(address));
    const [field] = headerFields(message.raw, 'List-Unsubscribe');
    const encoded = `${'%2B'.repeat(64)}%40${'d'.repeat(60)}.example`;
    expect(field).toBe(`<https://watch.example.org/unsubscribe?email=${encoded}>, <mailto:unsubscribe@watch.example.org?subject=unsubscribe%20${encoded}>`);
  });

  it('leaves List-Unsubscribe to SES for the ses transport and uses its placeholder in the body', async () => {
    const message = await buildDigestMessage(input(undefined, { unsubscribe: { kind: 'ses' } }));
    expect(headerFields(message.raw, 'List-Unsubscribe')).toEqual([]);
    expect(message.headers.map((h) => h.name)).toContain('List-Id');
    expect(message.html).toContain('href="{{amazonSESUnsubscribeUrl}}"');
  });

  it('signs {token} with the secret, per address: an unsubscribe token the /unsubscribe endpoint verifies', () => {
    const template = 'https://watch.example.org/u?t={token}';
    const a = unsubscribeUrl(template, 'ada@example.org', 'list', 'a-long-enough-secret');
    expect(a).toMatch(/^https:\/\/watch\.example\.org\/u\?t=[A-Za-z0-9_-]+$/);
    expect(verifyToken(a.split('t=')[1]!, 'unsubscribe', 'a-long-enough-secret', 0, 'list')).toEqual({ address: 'ada@example.org', purpose: 'unsubscribe' });
    // Made for its list, the List-Id's id; as an unsubscribe link, any list under the same secret still takes it (a
    // list id changed since it was mailed must not keep the reader on the list).
    const listed = unsubscribeUrl(template, 'ada@example.org', 'Test Watch digest <digest.watch.example.org>', 'a-long-enough-secret').split('t=')[1]!;
    expect(verifyToken(listed, 'unsubscribe', 'a-long-enough-secret', 0, 'digest.watch.example.org').address).toBe('ada@example.org');
    expect(verifyToken(listed, 'unsubscribe', 'a-long-enough-secret', 0, 'digest-ko.watch.example.org').address).toBe('ada@example.org');
    expect(unsubscribeUrl(template, 'ADA@example.org', 'list', 'a-long-enough-secret')).toBe(a);
    expect(unsubscribeUrl(template, 'grace@example.org', 'list', 'a-long-enough-secret')).not.toBe(a);
    expect(unsubscribeUrl(template, 'ada@example.org', 'list', 'another-long-secret!')).not.toBe(a);
    expect(() => unsubscribeUrl(template, 'ada@example.org', 'list')).toThrow(/DIGEST_UNSUBSCRIBE_SECRET/);
  });
});

describe('the digest subject', () => {
  it('fills the subject template', () => {
    expect(digestSubject('{title} – {week}: {count} entries, {range}', { title: 'Watch', week: '2014-W19', count: 3, range: '5–11 May 2014' })).toBe('Watch – 2014-W19: 3 entries, 5–11 May 2014');
    // {entries}: the count with its noun, one entry in the singular.
    for (const [count, words] of [[1, '1 entry'], [0, '0 entries'], [12, '12 entries']] as const) {
      expect(digestSubject('{title} ({entries})', { title: 'Watch', week: '2014-W19', count, range: '5–11 May 2014' })).toBe(`Watch (${words})`);
    }
  });
});

describe('the digest message line ends (RFC 5322 §2.3)', () => {
  it('ends every line in CRLF, the text and HTML parts included', async () => {
    const raw = (await buildDigestMessage(input())).raw.toString('utf8');
    expect(raw).toContain('\r\n');
    expect(raw.match(/(?<!\r)\n/g) ?? []).toEqual([]);
  });
});

describe('the digest message keeps its text part within digest.maxBytes, as its HTML part', () => {
  it('a week of 300 long entries: each part within the budget, the unsubscribe link in both', async () => {
    const summary = 'Markets held steady and prices moved little. '.repeat(40);
    const big = weekModel(site, Array.from({ length: 300 }, () => meta('2014-05-08T10:00', { summary })));
    const message = await buildDigestMessage(input(undefined, { model: big, html: renderDigestHtml(big, { variant: 'email' }) }));
    const parsed = await simpleParser(message.raw);
    expect(Buffer.byteLength(parsed.text!, 'utf8')).toBeLessThanOrEqual(site.digest.maxBytes);
    // As sent, each line ending in CRLF.
    expect(Buffer.byteLength(parsed.text!.replace(/\r?\n/g, '\r\n'), 'utf8')).toBeLessThanOrEqual(site.digest.maxBytes);
    expect(parsed.text).toContain('Unsubscribe: https://watch.example.org/unsubscribe?email=ada%40example.org');
    expect(parsed.text).toContain('More this week');
  });
});

/** Each body part of a multipart message as sent: its Content-Type and its encoded bytes (RFC 2046 §5.1.1). */
function sentParts(raw: Buffer): { type: string; encoding: string; bytes: number }[] {
  const text = raw.toString('latin1');
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(text)![1]!;
  return text.split(`\r\n--${boundary}`).slice(1, -1).map((part) => {
    const [head, ...body] = part.replace(/^\r\n/, '').split('\r\n\r\n');
    return { type: /Content-Type: ([^;\r\n]+)/i.exec(head!)![1]!, encoding: /Content-Transfer-Encoding: (\S+)/i.exec(head!)![1]!, bytes: Buffer.byteLength(body.join('\r\n\r\n'), 'latin1') };
  });
}

describe('the digest message counts each part\'s budget in the bytes it sends, quoted-printable encoded (RFC 2045 §6.7)', () => {
  it('counts each part as the message sends it, for a small week, a long Latin one and a Hangul one', async () => {
    const weeks = [
      weekModel(site, [meta('2014-05-08T10:00', { summary: 'Prices held.' })]),
      weekModel(site, Array.from({ length: 200 }, (_, n) => meta('2014-05-08T10:00', { title: `Entry title ${n}`, summary: 'Markets held steady and prices moved little. '.repeat(6) }))),
      weekModel(site, Array.from({ length: 120 }, (_, n) => meta('2014-05-08T10:00', { title: `평양 시장 동향 ${n}`, summary: '북한의 시장 물가는 이번 주에도 안정세를 유지했다. '.repeat(5) }))),
    ];
    for (const week of weeks) {
      const message = await buildDigestMessage(input(undefined, { model: week, html: renderDigestHtml(week, { variant: 'email' }) }));
      // The encoder wraps the part in the chunks it is handed; where one ends mid-line it may break that line once
      // more, a soft break (3 bytes) per chunk at most.
      const sent = sentParts(message.raw).map((part) => part.bytes);
      [message.text, message.html].forEach((part, index) => {
        const counted = sizeAsSent(part);
        expect(sent[index]! - counted).toBeGreaterThanOrEqual(0);
        expect(sent[index]! - counted).toBeLessThanOrEqual(3 * Math.ceil(counted / 16_384));
      });
    }
  });

  it('a week of 200 entries in Hangul (each character three bytes of UTF-8, nine encoded): each part as sent within digest.maxBytes', async () => {
    const summary = '북한의 시장 물가는 이번 주에도 안정세를 유지했으며 환율도 크게 변하지 않았다. '.repeat(12);
    const big = weekModel(site, Array.from({ length: 200 }, (_, n) => meta('2014-05-08T10:00', { title: `평양 시장 동향 ${n}`, summary })));
    const message = await buildDigestMessage(input(undefined, { model: big, html: renderDigestHtml(big, { variant: 'email' }) }));
    const parts = sentParts(message.raw);
    expect(parts.map((part) => [part.type, part.encoding])).toEqual([['text/plain', 'quoted-printable'], ['text/html', 'quoted-printable']]);
    for (const part of parts) expect(part.bytes).toBeLessThanOrEqual(site.digest.maxBytes);
    // Still cut where it must be, not emptied: some entries in full, the rest by title.
    const parsed = await simpleParser(message.raw);
    expect(parsed.text).toContain('More this week');
    expect(parsed.text).toContain('평양 시장 동향 0');
    expect(parsed.html).toContain('More this week');
    expect(parsed.html).toContain(summary.trim().slice(0, 20));
  });
});

describe('the digest message over its budget carries the same content in its text and HTML parts (RFC 2046 §5.1.4)', () => {
  // Each entry's summary starts with words of its own, and its title is its own: the entries a part holds in full
  // are those whose summary it shows, the ones it lists by title those whose title only it shows.
  const opening = (n: number) => `Opening of entry ${n}:`;
  const title = (n: number) => `Headline number ${n}.`;
  /** The entries (by their place in the digest's reading order) a part holds in full, and those it lists by title only. */
  const contentOf = (part: string, model: DigestModel) => {
    const opens = model.entries.map((entry) => part.includes(entry.summary!.slice(0, entry.summary!.indexOf(':') + 1)));
    const places = model.entries.map((_entry, place) => place);
    return { full: places.filter((place) => opens[place]), titled: places.filter((place) => !opens[place] && part.includes(model.entries[place]!.title)) };
  };
  const cases: [string, string][] = [
    ['Latin', 'Markets held steady and prices moved little. '],
    ['Hangul', '북한의 시장 물가는 이번 주에도 안정세를 유지했으며 환율도 크게 변하지 않았다. '],
  ];
  it.each(cases)('a week of 200 entries (%s): the same entries in full in both parts, the same titles after, each part as sent within digest.maxBytes', async (_script, words) => {
    const big = weekModel(site, Array.from({ length: 200 }, (_, n) => meta('2014-05-08T10:00', { title: title(n), summary: `${opening(n)} ${words.repeat(12)}` })));
    // As a week's send builds it: the HTML rendered once for the list, the text for each recipient.
    const outbox = new MemoryStore();
    const send: DigestSendOptions = { transport: () => new FileTransport(outbox), recipients: async () => [parseRecipient('ada@example.org')] };
    expect((await deliverDigest(big, { output: new MemoryStore(), now: NOW, send, prepared: await prepareSend(site, send) })).send?.sent).toBe(1);
    const [object] = await outbox.list('');
    const raw = (await outbox.get(object!.key))!;
    const parsed = await simpleParser(raw);
    const html = contentOf(parsed.html as string, big);
    const text = contentOf(parsed.text!, big);
    // Cut: some entries in full, in reading order, and every later one by title.
    expect(html.full.length).toBeGreaterThan(0);
    expect(html.full).toEqual(Array.from({ length: html.full.length }, (_, n) => n));
    expect(html.titled).toEqual(Array.from({ length: 200 - html.full.length }, (_, n) => html.full.length + n));
    expect(text).toEqual(html);
    for (const part of sentParts(raw)) expect(part.bytes).toBeLessThanOrEqual(site.digest.maxBytes);
  });
});

describe('the digest message\'s Subject of one long ASCII word (RFC 5322 §2.1.1, §2.2.3)', () => {
  it('is written as encoded words a line can hold, and reads back as typed', async () => {
    const subject = `Digest: ${'Pyongyang'.repeat(40)}`;
    const message = await buildDigestMessage(input(undefined, { subject }));
    const head = message.raw.toString('latin1').split('\r\n\r\n')[0]!;
    // The field's line and the folded lines after it.
    const field = /^Subject:.*(?:\r\n[ \t].*)*/m.exec(head)![0].split('\r\n');
    expect(field.length).toBeGreaterThan(1);
    for (const line of field) expect(line.length).toBeLessThanOrEqual(78);
    expect((await simpleParser(message.raw)).subject).toBe(subject);
  });
});

describe('the header fields made of site text, as mail clients read them (RFC 2047, RFC 2919)', () => {
  const list = async (title: string) => {
    const message = await buildDigestMessage(input(undefined, { listId: listIdOf(testSite({ title })) }));
    const parsed = await simpleParser(message.raw);
    const id = (parsed.headers.get('list') as { id?: { id?: string; name?: string } }).id;
    // mailparser leaves the name's encoded words as they are; a mail client decodes them.
    return { message, id: id ? { ...id, name: decodeWords(id.name ?? '') } : id };
  };

  it('keeps the list id of a non-ASCII title outside the encoded words, so filters can read it (RFC 2919 §2, RFC 2047 §5)', async () => {
    const { message, id } = await list('Économie ✨ Watch');
    // The phrase "Weekly digest of Économie ✨ Watch" as encoded words and ASCII atoms, then the id as it is.
    expect(headerFields(message.raw, 'List-Id')[0]).toMatch(/^((=\?UTF-8\?Q\?[^?\s]+\?=|[A-Za-z]+) )+<digest\.watch\.example\.org>$/);
    expect(id).toEqual({ id: 'digest.watch.example.org', name: 'Weekly digest of Économie ✨ Watch' });
  });

  it('keeps the list id outside the encoded words for a title holding a line separator (U+2028) too', async () => {
    const { message, id } = await list('Watch\u2028Daily');
    expect(headerFields(message.raw, 'List-Id')[0]).toMatch(/^((=\?UTF-8\?Q\?[^?\s]+\?=|[A-Za-z]+) )+<digest\.watch\.example\.org>$/);
    expect(id).toEqual({ id: 'digest.watch.example.org', name: 'Weekly digest of Watch\u2028Daily' });
  });

  it('quotes a title holding a phrase special, so the whole title stays the list name (RFC 5322 §3.2.4)', async () => {
    const { message, id } = await list('Peninsula: Economy (Watch); @home');
    expect(headerFields(message.raw, 'List-Id')).toEqual(['"Weekly digest of Peninsula: Economy (Watch); @home" <digest.watch.example.org>']);
    expect(id).toEqual({ id: 'digest.watch.example.org', name: 'Weekly digest of Peninsula: Economy (Watch); @home' });
  });

  it('keeps quotes and angle brackets of a title in the list name, as a quoted-string or encoded words (RFC 5322 §3.2.4)', async () => {
    const { message, id } = await list('The "Watch" <weekly>');
    // In a quoted-string a quote is a quoted-pair; "<" and ">" are qtext.
    expect(headerFields(message.raw, 'List-Id')).toEqual(['"Weekly digest of The \\"Watch\\" <weekly>" <digest.watch.example.org>']);
    expect(id).toEqual({ id: 'digest.watch.example.org', name: 'Weekly digest of The "Watch" <weekly>' });
    const encoded = await list('Économie "Watch" <hebdo>');
    expect(encoded.id).toEqual({ id: 'digest.watch.example.org', name: 'Weekly digest of Économie "Watch" <hebdo>' });
  });

  it('encodes a title that looks like an encoded word, so no mail client decodes it into other text (RFC 2047 §6.1)', async () => {
    const title = '=?utf-8?b?SGVsbG8=?= News'; // "SGVsbG8=" is "Hello" in base64
    const { id } = await list(title);
    expect(id).toEqual({ id: 'digest.watch.example.org', name: `Weekly digest of ${title}` });
    const message = await buildDigestMessage(input(undefined, { subject: `${title} 2014-W19` }));
    expect((await simpleParser(message.raw)).subject).toBe(`${title} 2014-W19`);
    expect(headerFields(message.raw, 'Subject')[0]).not.toContain(title);
  });

  it('gives SES header values of printable ASCII only, as its MessageHeader requires', async () => {
    const message = await buildDigestMessage(input(undefined, { listId: listIdOf(testSite({ title: 'Économie Watch' })), unsubscribe: { kind: 'ses' } }));
    expect(message.headers.find((header) => header.name === 'List-Id')?.value).toMatch(/^Weekly digest of =\?UTF-8\?Q\?.*\?= Watch <digest\.watch\.example\.org>$/);
    for (const header of message.headers) expect(header.value).toMatch(/^[ -~]*$/);
  });

  it('writes a subject as encoded words of at most 75 characters, each line of the field within 78 (RFC 2047 §2, RFC 5322 §2.1.1)', async () => {
    const subject = `${'Ρωσία και Κορέα 📈 '.repeat(8)}: 5–11 May 2014`;
    expect(headerText(subject).split(' ').every((word) => word.length <= 75 && /^=\?UTF-8\?Q\?[^?\s]+\?=$/.test(word))).toBe(true);
    const message = await buildDigestMessage(input(undefined, { subject }));
    expect((await simpleParser(message.raw)).subject).toBe(subject);
    const head = message.raw.toString('latin1').split('\r\n\r\n')[0]!;
    // A URI (List-Unsubscribe's) is one word, which folding cannot break.
    expect(head.split('\r\n').filter((line) => line.length > 78 && !/<(https|mailto):/.test(line))).toEqual([]);
    expect(headerText('Test Watch: weekly')).toBe('Test Watch: weekly');
  });
});

describe("the digest's Your topics link (the subscriber's /preferences)", () => {
  const SECRET = 'a-long-enough-secret';
  const handler = { kind: 'headers', urlTemplate: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'u@watch.example.org', secret: SECRET } as const;
  const storeSubscriber = { address: 'ada@example.org', subscriber: true } as const;

  it("links a store subscriber to the handler's /preferences, with a preferences token naming them, in both parts", async () => {
    const message = await buildDigestMessage(input(undefined, { recipient: storeSubscriber, unsubscribe: handler }));
    const href = preferencesUrl(handler, storeSubscriber, listIdOf(testSite()))!;
    expect(href).toMatch(/^https:\/\/watch\.example\.org\/preferences\?token=[A-Za-z0-9_-]+$/);
    expect(verifyToken(new URL(href).searchParams.get('token')!, 'preferences', SECRET, 0, 'digest.watch.example.org')).toEqual({ address: 'ada@example.org', purpose: 'preferences' });
    // Made for the message's list: another list's /preferences refuses it under the same secret.
    expect(() => verifyToken(new URL(href).searchParams.get('token')!, 'preferences', SECRET, 0, 'digest-ko.watch.example.org')).toThrow(/made for another list/);
    expect(message.html).toMatch(new RegExp(`<a href="${href.replace(/[.?]/g, '\\$&')}"[^>]*>Your topics</a> · <a href="https://watch\\.example\\.org/unsubscribe\\?token=`));
    expect(message.text).toContain(`Your topics: ${href}\nUnsubscribe: https://watch.example.org/unsubscribe?token=`);
  });

  it('gives none to a line of a list, to an endpoint of another path, or without the secret; no placeholder is left', async () => {
    const cases: Array<[Partial<DigestMessageInput>]> = [
      [{ recipient: { address: 'ada@example.org' }, unsubscribe: handler }],
      [{ recipient: storeSubscriber, unsubscribe: { ...handler, urlTemplate: 'https://lists.example.net/leave?token={token}' } }],
      [{ recipient: storeSubscriber, unsubscribe: { ...handler, urlTemplate: 'https://watch.example.org/unsubscribe?email={email}' } }],
      [{ recipient: storeSubscriber, unsubscribe: { kind: 'ses' } }],
    ];
    for (const [overrides] of cases) {
      const message = await buildDigestMessage(input(undefined, overrides));
      expect(message.html).not.toContain('Your topics');
      expect(message.html).not.toContain('urn:broadsheet');
      expect(message.text).not.toContain('Your topics');
      // The footer reads as it did before the link existed.
      expect(message.html).toMatch(/>All digests<\/a> · <a href="[^"]+"[^>]*>Unsubscribe<\/a><\/p>/);
    }
  });
});

describe('body lines that start "From " (RFC 2049 §3 (8))', () => {
  const bodyLines = (raw: Buffer) => raw.toString('latin1').split('\r\n\r\n').slice(1).join('\r\n\r\n').split('\r\n');

  it('are written "=46rom " in the quoted-printable parts, so an mbox does not store them as ">From "', async () => {
    const fromSite = testSite({ title: 'From the Peninsula' });
    const fromModel = weekModel(fromSite, [meta('2014-05-08', { title: 'Kaesong output recovers' })]);
    const message = await buildDigestMessage(input(undefined, { model: fromModel, html: renderDigestHtml(fromModel, { variant: 'email' }) }));
    expect(bodyLines(message.raw).filter((line) => line.startsWith('From '))).toEqual([]);
    const parsed = await simpleParser(message.raw);
    // The text part's footer has a wrapped line that starts with the title (the heading names it after "Weekly digest of").
    expect(parsed.text!.split('\n')[0]).toBe('Weekly digest of From the Peninsula');
    expect(parsed.text).toContain('\nFrom the Peninsula.\nSite: https://watch.example.org/\n');
    expect(headerFields(message.raw, 'From')).toEqual(['Test Watch <digest@watch.example.org>']);
  });

  it('keeps every encoded line within 76 characters (RFC 2045 §6.7 (5)), a long one broken softly', async () => {
    const title = `From ${'x'.repeat(150)}`;
    const longModel = weekModel(testSite({ title }), [meta('2014-05-08')]);
    const message = await buildDigestMessage(input(undefined, { model: longModel, html: renderDigestHtml(longModel, { variant: 'email' }) }));
    const lines = bodyLines(message.raw);
    expect(lines.filter((line) => line.startsWith('From '))).toEqual([]);
    expect(lines.filter((line) => line.length > 76)).toEqual([]);
    // The heading, wrapped before the title's 150-character word, then its underline.
    const text = (await simpleParser(message.raw)).text!.split('\n');
    expect(text.slice(0, text.findIndex((line) => /^=+$/.test(line)))).toEqual(['Weekly digest of From', 'x'.repeat(150)]);
  });
});

describe('the MIME boundary (RFC 2046 §5.1.1)', () => {
  const boundaryOf = (raw: Buffer) => /boundary="?([^";\r\n]+)"?/.exec(raw.toString('latin1'))![1]!;
  const delimiterLines = (raw: Buffer, boundary: string) => raw.toString('latin1').split('\r\n').filter((line) => line.startsWith(`--${boundary}`)).length;

  it('never occurs in the parts, even where a part is written to hold the boundary the same message had before', async () => {
    const plain = await buildDigestMessage(input());
    const known = boundaryOf(plain.raw);
    // Whoever knows a recipient's Message-ID (week and address) could work out a boundary made from it alone.
    const forged = `${renderDigestHtml(model, { variant: 'email' })}\n--${known}\nContent-Type: text/plain\n\nNot from the site.\n`;
    const message = await buildDigestMessage(input(undefined, { html: forged }));
    expect(message.messageId).toBe(plain.messageId);
    const boundary = boundaryOf(message.raw);
    expect(boundary).not.toBe(known);
    // The text part, the HTML part and the close: the only delimiter lines.
    expect(delimiterLines(message.raw, boundary)).toBe(3);
    const parsed = await simpleParser(message.raw);
    expect(parsed.html).toContain('Not from the site.');
    expect(parsed.text).not.toContain('Not from the site.');
  });

  it('is the same for the same message', async () => {
    expect(boundaryOf((await buildDigestMessage(input())).raw)).toBe(boundaryOf((await buildDigestMessage(input())).raw));
  });
});

describe('the List-Id of a long title in a script Q encoding spells in nine characters each', () => {
  // 200 characters: the longest site title check takes (MAX_HEADER_TEXT_CHARS).
  const title = '朝鮮半島経済動向'.repeat(25);

  it('stays within the header value SES takes, keeping the id whole and the name a prefix of the title', () => {
    const value = listIdHeader(`${title} digest <digest.watch.example.org>`);
    expect(value.length).toBeLessThanOrEqual(MAX_LIST_ID_CHARS);
    expect(value).toMatch(/^[ -~]+ <digest\.watch\.example\.org>$/);
    const name = decodeWords(value.slice(0, value.lastIndexOf(' <')));
    expect(name.endsWith('…')).toBe(true);
    expect(title.startsWith(name.slice(0, -1))).toBe(true);
    expect(name.length).toBeGreaterThan(50);
  });

  it('leaves a title that fits as it is', () => {
    const ascii = 'W'.repeat(200);
    expect(listIdHeader(`${ascii} digest <digest.watch.example.org>`)).toBe(`${ascii} digest <digest.watch.example.org>`);
  });
});

describe('the Date header (RFC 5322 §3.3: local time)', () => {
  // A German-language site in Berlin: CET (+01:00) in winter, CEST (+02:00) from 28 March 2021.
  const berlin = testSite({ timezone: 'Europe/Berlin', language: 'de' });
  const berlinModel = weekModel(berlin, [meta('2021-03-24T12:00:00+01:00')], '2021-W12');
  async function dateOf(now: string, forModel = berlinModel): Promise<string[]> {
    const message = await buildDigestMessage(input('ada@example.org', { model: forModel, html: renderDigestHtml(forModel, { variant: 'email' }), date: DateTime.fromISO(now, { zone: 'utc' }) }));
    return headerFields(message.raw, 'Date');
  }

  it('is written in the site zone, on either side of a DST change, with English day and month names', async () => {
    // Monday 08:30 local, the day after the clocks went forward; and the Monday before, in winter time.
    expect(await dateOf('2021-03-29T06:30:00Z')).toEqual(['Mon, 29 Mar 2021 08:30:00 +0200']);
    expect(await dateOf('2021-03-22T07:30:00Z')).toEqual(['Mon, 22 Mar 2021 08:30:00 +0100']);
  });

  it('keeps a half-hour offset and the same instant as the run', async () => {
    const adelaide = testSite({ timezone: 'Australia/Adelaide' });
    const adelaideModel = weekModel(adelaide, [], '2014-W19');
    // 22:30Z on Sunday 11 May 2014 is 08:00 on Monday 12 May in Adelaide (ACST, +09:30).
    const [value] = await dateOf('2014-05-11T22:30:00Z', adelaideModel);
    expect(value).toBe('Mon, 12 May 2014 08:00:00 +0930');
    expect(new Date(value!).toISOString()).toBe('2014-05-11T22:30:00.000Z');
  });
});

describe('a digest whose entry URL is 2,000 characters long', () => {
  // RFC 5322 §2.1.1: a line is at most 998 octets; the text part must still give the URL whole, on a line of its own.
  const url = `https://news.example.com/${'path/'.repeat(390)}end?q=${'x'.repeat(19)}`;
  const related = `${url}&related=1`;
  const long = weekModel(site, [meta('2014-05-08', { title: 'A long link', url, related: [{ title: 'Also long', url: related }] })]);

  it('has no line over 998 octets, reads under Python’s policy.strict, and keeps both URLs whole in the text part', async () => {
    expect(url).toHaveLength(2000);
    const message = await buildDigestMessage(input('ada@example.org', { model: long, html: renderDigestHtml(long, { variant: 'email' }) }));
    const lines = message.raw.toString('latin1').split('\r\n');
    expect(Math.max(...lines.map((line) => Buffer.byteLength(line, 'latin1')))).toBeLessThanOrEqual(998);
    const mail = readWithPythonEmail(message.raw, { strict: true });
    expect(mail.parts.flatMap((part) => part.defects)).toEqual([]);
    const text = mail.parts.find((part) => part.type === 'text/plain')!.content!;
    const textLines = text.split('\n').map((line) => line.trim());
    expect(textLines).toContain(url);
    expect(textLines).toContain(related);
    expect(mail.parts.find((part) => part.type === 'text/html')!.content).toContain(`<a href="${url}"`);
  });
});

describe('subscriptionHandlerOrigin', () => {
  it('is the origin of the subscription handler’s own one-click unsubscribe, and nothing for any other endpoint', () => {
    expect(subscriptionHandlerOrigin('https://watch.example.org/unsubscribe?token={token}')).toBe('https://watch.example.org');
    for (const template of ['https://watch.example.org/unsubscribe?email={email}', 'https://watch.example.org/u?token={token}', 'https://watch.example.org/unsubscribe?token={token}&x=1', 'https://watch.example.org/watch/unsubscribe?token={token}']) {
      expect(subscriptionHandlerOrigin(template), template).toBeUndefined();
    }
  });
});

describe('a recipient whose display name holds a quote or a backslash', () => {
  it('keeps them in To, written as quoted-pairs (RFC 5322 §3.2.4)', async () => {
    const message = await buildDigestMessage(input('"O\\"Brien \\\\ Co" <ob@example.org>'));
    expect(headerFields(message.raw, 'To')).toEqual(['"O\\"Brien \\\\ Co" <ob@example.org>']);
    const to = (await simpleParser(message.raw)).to;
    expect(to && !Array.isArray(to) ? to.value[0] : undefined).toMatchObject({ name: 'O"Brien \\ Co', address: 'ob@example.org' });
  });
});

describe('a non-ASCII display name in From, Reply-To and To (RFC 2047)', () => {
  const from = '한반도 경제 워치 주간 소식';
  const replyTo = 'Peninsula 한반도 경제 워치 편집부 데스크';
  const to = '김철수 박영희 이민호 최지우 정해인';

  it('is cut into encoded words only at its spaces, each within 75 characters (§2), so no reader shows a word in two', async () => {
    const message = await buildDigestMessage(input(`${to} <ada@example.org>`, { from: `${from} <digest@watch.example.org>`, replyTo: `${replyTo} <editors@watch.example.org>`, subject: `${from}: 5–11 May 2014` }));
    const parsed = await simpleParser(message.raw);
    const python = readWithPythonEmail(message.raw);
    for (const [field, name, address] of [['From', from, 'digest@watch.example.org'], ['Reply-To', replyTo, 'editors@watch.example.org'], ['To', to, 'ada@example.org']] as const) {
      const [value] = headerFields(message.raw, field);
      const words = encodedWordTexts(value!);
      // Each name is too long for one encoded word of nine-character Hangul syllables.
      expect(words.length, field).toBeGreaterThan(1);
      expect(words.every((word) => word.length <= 75)).toBe(true);
      // Every word but the last ends with the space it stands before: RFC 2047 §6.2 readers drop the white space between two.
      expect(words.slice(0, -1).every((word) => word.text.endsWith(' ')), `${field}: ${words.map((word) => word.text).join('|')}`).toBe(true);
      expect(decodeWords(value!)).toBe(`${name} <${address}>`);
      const key = field === 'Reply-To' ? 'replyTo' : (field.toLowerCase() as 'from' | 'to');
      expect((parsed[key] as { value: { name: string }[] }).value[0]!.name).toBe(name);
      // Python's email before gh-128110 shows the white space between two encoded words too: a space more, no word cut.
      expect(python.headers[field.toLowerCase()]![0]!.replace(/\s+/g, ' ')).toBe(`${name} <${address}>`);
    }
    // SES is given the same From (its FromEmailAddress, sesTransport).
    expect(asciiMailbox(`${from} <digest@watch.example.org>`)).toBe(headerFields(message.raw, 'From')[0]);
    // The Subject is unstructured text: Python drops the white space between its encoded words, as RFC 2047 §6.2 says.
    expect(python.headers.subject).toEqual([`${from}: 5–11 May 2014`]);
  });
});

describe('two sites on one host, at /a/ and /b/, with one title (RFC 2919 §2, RFC 5322 §3.6.4)', () => {
  const at = (path: string) => testSite({ title: 'Test Watch', url: `https://watch.example.org${path}` });

  it('are two lists: the path is in the List-Id, written in letters, digits and hyphens', () => {
    expect(listIdOf(at('/a/'))).toBe('Weekly digest of Test Watch <digest-a.watch.example.org>');
    expect(listIdOf(at('/b/'))).toBe('Weekly digest of Test Watch <digest-b.watch.example.org>');
    // "/" is 2F, "-" 2D, "." 2E; a non-ASCII byte is the one the URL percent-encodes (é is C3 A9 in UTF-8).
    expect(listIdOf(at('/news/ko/'))).toBe('Weekly digest of Test Watch <digest-news-2Fko.watch.example.org>');
    expect(listIdOf(at('/news/ko-kr.v2/'))).toBe('Weekly digest of Test Watch <digest-news-2Fko-2Dkr-2Ev2.watch.example.org>');
    expect(listIdOf(at('/café/'))).toBe('Weekly digest of Test Watch <digest-caf-C3-A9.watch.example.org>');
  });

  it('give a recipient two Message-IDs, with one digest.listId too', async () => {
    const messageId = (site: ReturnType<typeof at>) => buildDigestMessage(input('ada@example.org', { model: weekModel(site, []), listId: listIdOf(site) })).then((message) => message.messageId);
    expect(await messageId(at('/a/'))).not.toBe(await messageId(at('/b/')));
    const shared = (path: string) => testSite({ title: 'Test Watch', url: `https://watch.example.org${path}` }, { ...DIGEST, listId: 'digest.watch.example.org' });
    expect(await messageId(shared('/a/'))).not.toBe(await messageId(shared('/b/')));
  });

  it('leave a site at the root its List-Id, digest.HOST, and Message-IDs of the hash of that list id alone, whatever the title', async () => {
    const root = at('/');
    expect(listIdOf(root)).toBe('Weekly digest of Test Watch <digest.watch.example.org>');
    const messageId = (site: ReturnType<typeof at>) => buildDigestMessage(input('ada@example.org', { model: weekModel(site, []), listId: listIdOf(site) })).then((message) => message.messageId);
    const list = createHash('sha256').update('digest.watch.example.org').digest('hex').slice(0, 8);
    expect(await messageId(root)).toBe(`<digest.2014-W19.${list}.${recipientId('ada@example.org').slice(0, 20)}@watch.example.org>`);
    // A title corrected between a send and its retry (settle --resend): the same message, the same id.
    const retitled = testSite({ title: 'Test Watch (corrected)', url: 'https://watch.example.org/' });
    expect(listIdOf(retitled)).toBe('Weekly digest of Test Watch (corrected) <digest.watch.example.org>');
    expect(await messageId(retitled)).toBe(await messageId(root));
  });
});
