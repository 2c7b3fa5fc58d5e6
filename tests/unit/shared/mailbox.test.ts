import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { holdsEncodedWord, parseMailbox, withoutAddresses } from '../../../lib/shared/mailbox.js';
import { parseSubscriberList, recipientId } from '../../../lib/subscribers/recipient.js';
import { sendDigest } from '../../../lib/delivery/sendDigest.js';
import { LEDGER_PREFIX } from '../../../lib/digest/ledgerRecords.js';
import type { MailTransport } from '../../../lib/delivery/transport.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { meta, testSendOptions, testSite, weekModel } from '../../support/digestFixtures.js';

describe('an encoded word in an address or a name', () => {
  it('is told as the regex /=\\?.*\\?=/s tells it, on every string of up to 7 characters of = ? a and a newline', () => {
    const alphabet = ['=', '?', 'a', '\n'];
    let strings = [''];
    let compared = 0;
    for (let length = 1; length <= 7; length += 1) {
      strings = strings.flatMap((text) => alphabet.map((character) => text + character));
      for (const text of strings) {
        expect(holdsEncodedWord(text), JSON.stringify(text)).toBe(/=\?.*\?=/s.test(text));
        compared += 1;
      }
    }
    expect(compared).toBe(4 + 16 + 64 + 256 + 1024 + 4096 + 16384);
  });

  it('leaves a long line of "=?" without "?=" to the length rule, and still refuses one that closes', () => {
    const open = parseMailbox(`${'=?a'.repeat(100_000)}@example.org`);
    expect(open.ok).toBe(false);
    if (!open.ok) expect(open.problem).toMatch(/longer than 64 bytes/);
    const closed = parseMailbox(`${'=?a'.repeat(100_000)}?=@example.org`);
    expect(closed.ok).toBe(false);
    if (!closed.ok) expect(closed.problem).toMatch(/encoded word/);
    const name = parseMailbox(`${'=?a '.repeat(4_000)}<ada@example.org>`);
    expect(name.ok).toBe(true);
  });
});

describe('one mailbox', () => {
  it('reads an address or a display name and an address, to one canonical address', () => {
    const cases: [string, { address: string; key: string; name?: string }][] = [
      ['ada@example.org', { address: 'ada@example.org', key: 'ada@example.org' }],
      ['  Ada@EXAMPLE.org ', { address: 'Ada@example.org', key: 'ada@example.org' }],
      ['Ada Lovelace <ada@example.org>', { address: 'ada@example.org', key: 'ada@example.org', name: 'Ada Lovelace' }],
      ['"Lovelace, Ada" <ada@example.org>', { address: 'ada@example.org', key: 'ada@example.org', name: 'Lovelace, Ada' }],
      ['"Ada \\"the Countess\\"" <ada@example.org>', { address: 'ada@example.org', key: 'ada@example.org', name: 'Ada "the Countess"' }],
      ['Dr. Ada  Lovelace <ada@example.org>', { address: 'ada@example.org', key: 'ada@example.org', name: 'Dr. Ada Lovelace' }],
      ['<ada+digest@example.org>', { address: 'ada+digest@example.org', key: 'ada+digest@example.org' }],
      ["o'brien@example.org", { address: "o'brien@example.org", key: "o'brien@example.org" }],
      // IDNA: the domain in its ASCII form, whatever form it was written in.
      ['ada@Bücher.example', { address: 'ada@xn--bcher-kva.example', key: 'ada@xn--bcher-kva.example' }],
      ['ada@example。org', { address: 'ada@example.org', key: 'ada@example.org' }],
    ];
    for (const [text, expected] of cases) {
      const parsed = parseMailbox(text);
      expect(parsed.ok, text).toBe(true);
      if (parsed.ok) expect(parsed.mailbox, text).toMatchObject(expected);
    }
  });

  it('refuses anything that is not exactly one mailbox, saying why', () => {
    const cases: [string, RegExp][] = [
      ['a:victim@example.org', /group or list syntax/],
      ['Team: News <news@example.org>', /group syntax/],
      ['Team: news@example.org;', /group|not a domain/],
      ['ada@example.org, eve@example.org', /not a domain|list/],
      ['Ada <ada@example.org>, Eve <eve@example.org>', /display name/],
      ['Ada <ada@example.org> <eve@example.org>', /display name/],
      ['"victim@example.org" <eve@example.org>', /reads as another address/],
      ['victim@example.org <eve@example.org>', /display name/],
      ['"Victim <victim@example.org>" <eve@example.org>', /reads as another address/],
      ['ada@example.org\u0000', /control character U\+0000/],
      ['ada@example.org\r\nBcc: eve@example.org', /control character U\+000D/],
      ['Ada\u2028Bcc: eve <ada@example.org>', /control character U\+2028/],
      ['Ada \u202Egro.elpmaxe@eve <ada@example.org>', /control character U\+202E/],
      ['ada@example.org (Ada)', /not a domain/],
      ['"ada"@example.org', /before "@"/],
      ['ada@[192.0.2.1]', /not a domain/],
      ['ada@192.0.2.1', /not a domain/],
      ['ada@localhost', /not a domain/],
      ['ada@exa_mple.org', /not a domain/],
      ['ada.@example.org', /before "@"/],
      ['ada example.org', /no "@"/],
      ['', /empty/],
      [`${'a'.repeat(65)}@example.org`, /longer than 64/],
    ];
    for (const [text, why] of cases) {
      const parsed = parseMailbox(text);
      expect(parsed.ok, JSON.stringify(text)).toBe(false);
      if (!parsed.ok) expect(parsed.problem, JSON.stringify(text)).toMatch(why);
    }
  });
});

describe('what a mail library would read otherwise', () => {
  it('refuses a lone surrogate half, which no header can carry (it would go as U+FFFD), saying whether it is in the display name alone', () => {
    const reason = (half: string) => `it contains ${half}, a lone surrogate half (no character), which no mail header can carry: delete it`;
    expect(parseMailbox('Ad\uD800a <ada@example.org>')).toEqual({ ok: false, problem: `"Ad\\ud800a <ada@example.org>" is not one mailbox: ${reason('U+D800')}`, reason: reason('U+D800'), surrogateInName: true });
    expect(parseMailbox('"Ada \uDC00" <ada@example.org>')).toMatchObject({ ok: false, reason: reason('U+DC00'), surrogateInName: true });
    // In the address, or in both: no mailbox without it, and not an internationalised address either.
    expect(parseMailbox('ad\uD800a@example.org')).toEqual({ ok: false, problem: `"ad\\ud800a@example.org" is not one mailbox: ${reason('U+D800')}`, reason: reason('U+D800') });
    expect(parseMailbox('Ada <ada@ex\uDC00ample.org>')).not.toHaveProperty('surrogateInName');
    expect(parseMailbox('A\uD800da <ad\uD800a@example.org>')).not.toHaveProperty('surrogateInName');
    // A whole pair is one character, a name like any other.
    expect(parseMailbox('Ada \uD83D\uDCF0 <ada@example.org>')).toEqual({ ok: true, mailbox: { address: 'ada@example.org', key: 'ada@example.org', name: 'Ada \u{1F4F0}' } });
  });

  it('refuses a display name holding an RFC 2047 encoded word, which a client decodes (here into an address)', () => {
    // "=?utf-8?b?…?=" decodes to `evil@evil.example <evil@evil.example>`.
    const parsed = parseMailbox('=?utf-8?b?ZXZpbEBldmlsLmV4YW1wbGUgPGV2aWxAZXZpbC5leGFtcGxlPg==?= <digest@watch.example.org>');
    expect(parsed).toMatchObject({ ok: false, problem: expect.stringMatching(/: the display name holds an encoded word \("=\?…\?="\), which a mail client decodes into other text: write the name itself$/) });
    expect(parseMailbox('"Watch =?utf-8?q?x?=" <digest@watch.example.org>').ok).toBe(false);
    // "=?" alone, or a name that is not Latin, is an ordinary name: the library encodes it on output.
    expect(parseMailbox('What =? Watch <digest@watch.example.org>').ok).toBe(true);
    expect(parseMailbox('Пхеньян <digest@watch.example.org>').ok).toBe(true);
  });

  it('refuses a local part that is not ASCII, which needs SMTPUTF8, and keeps a non-ASCII domain (IDNA)', () => {
    expect(parseMailbox('dïgest@watch.example.org')).toEqual({
      ok: false,
      problem: '"dïgest@watch.example.org" is not one mailbox: the part before "@" is not ASCII, which needs SMTPUTF8 (RFC 6531): SES and most servers cannot send to it',
      reason: 'the part before "@" is not ASCII, which needs SMTPUTF8 (RFC 6531): SES and most servers cannot send to it',
      // Well formed as RFC 6532 has it: refused for the senders, not as no address.
      internationalised: true,
    });
    expect(parseMailbox('Jörg <jörg@example.org>').ok).toBe(false);
    expect(parseMailbox('Jörg <joerg@bücher.example>')).toMatchObject({ ok: true, mailbox: { address: 'joerg@xn--bcher-kva.example', name: 'Jörg' } });
  });

  it('refuses a quoted local part (RFC 5322 §3.4.1) as an address not taken, not as no address, with the fix', () => {
    const needed = 'the part before "@" is a quoted string, which RFC 5322 §3.4.1 allows but Broadsheet does not take: use an address without quotes';
    expect(parseMailbox('"john doe"@example.org')).toEqual({ ok: false, problem: `"\\"john doe\\"@example.org" is refused: ${needed}`, reason: needed, quoted: 'needed' });
    // A display name does not hide it; quoted-pairs and specials inside the quotes are the same case.
    for (const text of ['John <"john doe"@example.org>', '"a@b,c"@example.org', '"a\\"b"@example.org', '"john doe"@EXAMPLE.org']) expect(parseMailbox(text), text).toMatchObject({ ok: false, reason: needed, quoted: 'needed' });
    // Quotes around a plain local part are semantically invisible (RFC 5322 §3.2.4): the same mailbox written without them.
    const needless = 'the part before "@" is in quotes it does not need: write it without them, the same mailbox (RFC 5322 §3.2.4)';
    for (const text of ['"john"@example.org', '"john.doe+x"@example.org', '"j\\ohn"@example.org']) expect(parseMailbox(text), text).toMatchObject({ ok: false, reason: needless, quoted: 'needless' });
    // Not addresses at all: a bad domain, an unclosed quote, quotes inside a dot-atom.
    expect(parseMailbox('"john doe"@localhost')).toMatchObject({ ok: false, reason: '"localhost" is not a domain name' });
    expect(parseMailbox('"john@example.org')).not.toHaveProperty('quoted');
    expect(parseMailbox('jo"h"n@example.org')).not.toHaveProperty('quoted');
  });

  it('refuses an encoded word in the local part (RFC 2047 §5), which a client may decode into another name', () => {
    expect(parseMailbox('=?utf-8?B?RXZpbA==?=@watch.example.org')).toEqual({
      ok: false,
      problem: '"=?utf-8?B?RXZpbA==?=@watch.example.org" is not one mailbox: the part before "@" holds an encoded word ("=?…?="), which a mail client may decode into other text',
      reason: 'the part before "@" holds an encoded word ("=?…?="), which a mail client may decode into other text',
    });
  });

  it('refuses a domain with a URL part after it, which the IDNA conversion would silently cut off', () => {
    for (const text of ['unsub@watch.example.org?cc=victim%40evil.example', 'ada@example.org/evil', 'ada@example.org#x', 'ada@example.org:25', 'ada@exa%6dple.org']) {
      const domain = text.slice(text.indexOf('@') + 1);
      const reason = `${JSON.stringify(domain)} is not a domain name`;
      expect(parseMailbox(text), text).toEqual({ ok: false, problem: `${JSON.stringify(text)} is not one mailbox: ${reason}`, reason });
    }
  });
});

describe('the subscriber list', () => {
  it('keeps one line per mailbox, whatever case, display name or domain form reaches it, and refuses the rest as invalid lines', () => {
    const list = parseSubscriberList(
      [
        'victim@example.org',
        'a:victim@example.org',
        'Victim <VICTIM@EXAMPLE.ORG>   # the same mailbox',
        '"Victim" <victim@example.org>',
        'victim@example.org\u0000',
        '"victim@example.org" <eve@example.org>',
        'ada@bücher.example',
        'ada@xn--bcher-kva.example',
        'eve@example.org',
      ].join('\n'),
    );
    expect(list.map((r) => [r.address, r.invalid === undefined])).toEqual([
      ['victim@example.org', true],
      ['a:victim@example.org', false],
      ['victim@example.org\\u0000', false],
      ['"victim@example.org" <eve@example.org>', false],
      ['ada@xn--bcher-kva.example', true],
      ['eve@example.org', true],
    ]);
  });
});

describe('the ledger keys on the canonical mailbox', () => {
  const model = weekModel(testSite(), [meta('2014-05-08')]);
  const sent: string[] = [];
  const transport: MailTransport = {
    name: 'file',
    listManaged: false,
    async send(message, beforeHandOver) {
      await beforeHandOver();
      sent.push(message.recipient.address);
      return 'ok';
    },
  };
  const run = (store: MemoryStore, lines: string) =>
    sendDigest(testSendOptions({ model, recipients: parseSubscriberList(lines), transport, store, now: DateTime.fromISO('2014-05-12T08:00:00+09:00') }));

  it('a mailbox sent under one spelling is not sent again under another', async () => {
    const store = new MemoryStore();
    sent.length = 0;
    expect(await run(store, 'Ada <ADA@example.org>')).toMatchObject({ sent: 1 });
    expect(await run(store, 'ada@example.org\n"Ada L." <Ada@Example.Org>\nada@EXAMPLE.org')).toMatchObject({ total: 1, sent: 0, skipped: 1 });
    expect(sent).toEqual(['ADA@example.org']);
    // The key is the hash of the lowercased address: the same as earlier versions wrote for it. Beside the recipient's
    // records the ledger holds the week's delivered note alone (lib/delivery/weekDelivered.ts).
    const keys = [...store.objects.keys()];
    expect(keys.filter((key) => key.endsWith('/delivered.json'))).toHaveLength(1);
    expect(keys.filter((key) => !key.endsWith('/delivered.json')).every((key) => key.includes(`/${recipientId('ada@example.org')}/`))).toBe(true);
  });

  it('reads records that earlier versions wrote under the domain as written', async () => {
    const store = new MemoryStore();
    sent.length = 0;
    // An earlier version keyed `ada@bücher.example` on its Unicode spelling, and confirmed it.
    const former = recipientId('ada@bücher.example');
    for (const kind of ['claim', 'sent']) store.objects.set(`${LEDGER_PREFIX}${model.week.name}/${former}/1.${kind}.json`, { body: Buffer.from('{}'), contentType: 'application/json' });
    expect(await run(store, 'ada@bücher.example\nada@xn--bcher-kva.example')).toMatchObject({ total: 1, sent: 0, skipped: 1 });
    expect(sent).toEqual([]);
  });
});

describe('an error message made fit for a log', () => {
  it('replaces every address in it, whatever its case or atext, and leaves the rest', () => {
    // SES's answer in the sandbox to a confirmation for an address it has not verified.
    const ses = 'Email address is not verified. The following identities failed the check in region EU-WEST-1: Ada.Lovelace+digest@Mail.Example.org, o\'brien@example.co.uk';
    expect(withoutAddresses(ses)).toBe('Email address is not verified. The following identities failed the check in region EU-WEST-1: <address>, <address>');
    expect(withoutAddresses('site.yml in s3://content-bucket/content/ is missing')).toBe('site.yml in s3://content-bucket/content/ is missing');
    expect(withoutAddresses('<ada@example.org>')).toBe('<<address>>');
  });

  it('keeps the first 1,000 characters of a long message, never half an address', () => {
    // 995 x, a space, then the address: what is kept ends with the start of "<address>", not with "ada@".
    expect(withoutAddresses(`${'x'.repeat(995)} ada@example.org`)).toBe(`${'x'.repeat(995)} <add`);
    expect(withoutAddresses('a'.repeat(5_000_000))).toBe('a'.repeat(1_000));
  });
});

