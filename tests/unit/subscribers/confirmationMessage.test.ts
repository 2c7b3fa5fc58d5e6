import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildConfirmationMessage, type ConfirmationInput } from '../../../lib/subscribers/confirmationMessage.js';
import { decodeWords, encodedWordTexts } from '../../support/encodedWords.js';

const INPUT: ConfirmationInput = {
  siteTitle: 'Test Watch',
  host: 'watch.example.org',
  from: 'Test Watch <digest@watch.example.org>',
  to: 'ada@example.org',
  confirmUrl: `https://watch.example.org/confirm?token=${'x'.repeat(150)}`,
  date: DateTime.fromISO('2014-05-12T00:00:00Z'),
  timezone: 'Asia/Seoul',
};

describe('the confirmation email (RFC 5322)', () => {
  it('ends every line in CRLF, the text and HTML parts included (§2.3), each within 78 characters (§2.1.1)', async () => {
    const raw = (await buildConfirmationMessage(INPUT)).toString('latin1');
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(raw.split('\r\n').filter((line) => line.length > 78)).toEqual([]);
    const parsed = await simpleParser(Buffer.from(raw, 'latin1'));
    expect(parsed.text).toContain(INPUT.confirmUrl);
    expect(parsed.html).toContain(INPUT.confirmUrl);
  });
});

describe('the confirmation email text part', () => {
  it('is wrapped at 72 columns as the digest\'s text part is, the link whole on a line of its own', async () => {
    const parsed = await simpleParser(await buildConfirmationMessage({ ...INPUT, siteTitle: 'Peninsula Economy Watch', topics: ['Trade', 'Markets'] }));
    // The first sentence is 143 characters: "Economy" would take its first line to 79 columns.
    expect(parsed.text).toBe(
      'Someone, hopefully you, asked to receive the weekly digest of Peninsula\n' +
        'Economy Watch, with the entries tagged Trade, Markets, at this address.\n\n' +
        'To confirm, open this link and press the button (it is good for 7 days):\n' +
        `${INPUT.confirmUrl}\n\n` +
        'If it was not you, ignore this email: nothing will be sent.\n',
    );
  });
});

describe('the confirmation email subject (RFC 2047)', () => {
  it('reaches the inbox as written when the site title looks like an encoded word (§6.1)', async () => {
    const siteTitle = '=?utf-8?b?SGVsbG8=?= News'; // "SGVsbG8=" is "Hello" in base64
    const parsed = await simpleParser(await buildConfirmationMessage({ ...INPUT, siteTitle }));
    expect(parsed.subject).toBe(`Confirm your subscription to the weekly digest of ${siteTitle}`);
  });
});

describe('the confirmation email date (RFC 5322 §3.3)', () => {
  it('is the site’s local time, with its offset, as the digest’s is', async () => {
    const raw = (await buildConfirmationMessage(INPUT)).toString('latin1');
    // 00:00 UTC on Monday 12 May 2014 is 09:00 in Seoul (+09:00, no daylight saving).
    expect(raw).toContain('\r\nDate: Mon, 12 May 2014 09:00:00 +0900\r\n');
  });
});

describe('the confirmation email From (RFC 2047)', () => {
  it('cuts a non-ASCII name into encoded words only at its spaces, each within 75 characters (§2), as the digest does', async () => {
    const name = '한반도 경제 워치 주간 소식';
    const raw = await buildConfirmationMessage({ ...INPUT, from: `${name} <digest@watch.example.org>` });
    const value = raw.toString('latin1').split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ').split('\r\n').find((line) => line.startsWith('From: '))!.slice(6);
    const words = encodedWordTexts(value);
    // Fourteen Hangul syllables of nine characters each in Q encoding need two encoded words.
    expect(words.length).toBeGreaterThan(1);
    expect(words.every((word) => word.length <= 75)).toBe(true);
    expect(words.slice(0, -1).every((word) => word.text.endsWith(' ')), words.map((word) => word.text).join('|')).toBe(true);
    expect(decodeWords(value)).toBe(`${name} <digest@watch.example.org>`);
    expect((await simpleParser(raw)).from!.value[0]!.name).toBe(name);
  });
});

describe('the confirmation email names the topics its link subscribes to', () => {
  it('by the names the site gives them, or every entry when none was chosen', async () => {
    const chosen = await simpleParser(await buildConfirmationMessage({ ...INPUT, topics: ['환율', 'Trade & Tariffs'] }));
    expect(chosen.text!.replace(/\s+/g, ' ')).toContain('the weekly digest of Test Watch, with the entries tagged 환율, Trade & Tariffs, at this address.');
    expect(chosen.html).toContain('the weekly digest of <bdi>Test Watch</bdi>, with the entries tagged <bdi>환율</bdi>, <bdi>Trade &amp; Tariffs</bdi>, at this address.');
    const every = await simpleParser(await buildConfirmationMessage(INPUT));
    expect(every.text!.replace(/\s+/g, ' ')).toContain('the weekly digest of Test Watch, with every entry, at this address.');
  });
});

describe('the confirmation email Reply-To (RFC 5322 §3.6.2)', () => {
  it('carries digest.replyTo when the site sets one, and none otherwise', async () => {
    const replied = await simpleParser(await buildConfirmationMessage({ ...INPUT, replyTo: 'Editors <editors@watch.example.org>' }));
    expect(replied.replyTo?.value).toEqual([{ name: 'Editors', address: 'editors@watch.example.org' }]);
    expect((await simpleParser(await buildConfirmationMessage(INPUT))).replyTo).toBeUndefined();
  });
});

describe('the confirmation email Reply-To (RFC 2047)', () => {
  it('cuts a non-ASCII name into encoded words only at its spaces, as the From', async () => {
    const name = '한반도 경제 워치 편집부 소식';
    const raw = await buildConfirmationMessage({ ...INPUT, replyTo: `${name} <editors@watch.example.org>` });
    const value = raw.toString('latin1').split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ').split('\r\n').find((line) => line.startsWith('Reply-To: '))!.slice(10);
    const words = encodedWordTexts(value);
    expect(words.length).toBeGreaterThan(1);
    expect(words.slice(0, -1).every((word) => word.text.endsWith(' ')), words.map((word) => word.text).join('|')).toBe(true);
    expect(decodeWords(value)).toBe(`${name} <editors@watch.example.org>`);
  });
});
