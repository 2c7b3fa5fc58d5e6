import { describe, expect, it } from 'vitest';
import { parseDigestConfig } from '../../../lib/content/digestConfig.js';
import { parseSite } from '../../../lib/content/site.js';

const fields = (raw: unknown) => parseDigestConfig(raw).problems.map((p) => p.field);

describe('the digest: block of site.yml', () => {
  it('defaults to Monday 08:00, no empty sends, the file transport and a 100 kB budget', () => {
    const { config, problems } = parseDigestConfig(undefined);
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ day: 1, hour: 8, minute: 0, sendEmpty: false, transport: 'file', subscribers: 'subscribers.txt', maxBytes: 100_000, subject: '{title}: {range}', ses: { rate: 14 } });
  });

  it('reads a day\'s ISO 8601 number written in quotes as the number', () => {
    expect(parseDigestConfig({ day: '3' })).toMatchObject({ config: { day: 3 }, problems: [] });
    expect(parseDigestConfig({ day: ' 7 ' })).toMatchObject({ config: { day: 7 }, problems: [] });
    expect(parseDigestConfig({ day: '8' }).problems).toMatchObject([{ field: 'digest.day', message: '"8" is not a day of the week' }]);
  });

  it('reads day names, times and the SES settings', () => {
    const { config, problems } = parseDigestConfig({ day: 'Sunday', time: '18:30', from: 'Watch <d@example.org>', transport: 'ses', ses: { contactList: 'Readers', topic: 'weekly', rate: 5 } });
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ day: 7, hour: 18, minute: 30, from: 'Watch <d@example.org>', transport: 'ses', ses: { contactList: 'Readers', topic: 'weekly', rate: 5 } });
  });

  it('takes the ses transport with a configuration set and no contact list (a deployment sends to its store); a list needs its topic, a topic its list', () => {
    expect(parseDigestConfig({ transport: 'ses', ses: { configurationSet: 'broadsheet-prod', rate: 50 } }).problems).toEqual([]);
    expect(parseDigestConfig({ transport: 'ses', ses: { contactList: 'Readers' } }).problems).toMatchObject([{ field: 'digest.ses', message: 'names a contactList without its topic' }]);
    expect(parseDigestConfig({ transport: 'ses', ses: { topic: 'weekly' } }).problems).toMatchObject([{ field: 'digest.ses', message: 'names a topic without its contactList' }]);
  });

  it('reads since: as a date, and refuses anything else naming digest.since', () => {
    expect(parseDigestConfig({ since: '2014-05-05' })).toMatchObject({ config: { since: '2014-05-05' }, problems: [] });
    expect(parseDigestConfig(undefined).config.since).toBeUndefined();
    for (const since of ['2014-13-01', '5 May 2014', '2014-05-05T08:00:00Z', 20140505]) {
      expect(parseDigestConfig({ since }).problems, String(since)).toMatchObject([{ field: 'digest.since', message: `${JSON.stringify(since)} is not a date` }]);
    }
  });

  it('refuses a from whose display name is an encoded word, or whose local part is not ASCII', () => {
    // Decoded, the name reads `evil@evil.example <evil@evil.example>`: another address than the one it comes from.
    const encoded = '=?utf-8?b?ZXZpbEBldmlsLmV4YW1wbGUgPGV2aWxAZXZpbC5leGFtcGxlPg==?= <digest@watch.example.org>';
    expect(parseDigestConfig({ from: encoded }).problems).toMatchObject([{ field: 'digest.from', message: `${JSON.stringify(encoded).slice(0, 61)}"… is not an email address: the display name holds an encoded word ("=?…?="), which a mail client decodes into other text: write the name itself` }]);
    expect(parseDigestConfig({ from: 'Watch <dïgest@watch.example.org>' }).problems).toMatchObject([{ field: 'digest.from', message: '"Watch <dïgest@watch.example.org>" is not an email address: the part before "@" is not ASCII, which needs SMTPUTF8 (RFC 6531): SES and most servers cannot send to it' }]);
    expect(parseDigestConfig({ from: 'Wätch <digest@watch.example.org>' }).problems).toEqual([]);
  });

  it('takes the subject placeholders {title}, {range}, {week}, {count} and {entries}, and names any other', () => {
    expect(parseDigestConfig({ subject: '{title}: {range}, {week}, {count} / {entries}' }).problems).toEqual([]);
    expect(parseDigestConfig({ subject: '{title}: {entry}' }).problems).toMatchObject([{ field: 'digest.subject', message: 'has unknown placeholder {entry}', fix: 'use {title}, {range}, {week}, {count} or {entries}' }]);
    // A brace left over from a placeholder not written whole, which every subscriber would see as typed.
    for (const subject of ['{title}: {range', '{title}: range}', '{title}}: {range}']) {
      expect(parseDigestConfig({ subject }).problems, subject).toMatchObject([{ field: 'digest.subject', message: 'has a { or } that is not part of a placeholder', fix: 'write each placeholder whole: {title}, {range}, {week}, {count} or {entries}' }]);
    }
  });

  it('gives a display name holding a comma (or another special character) back in double quotes, which then passes', () => {
    const from = "O'Brien, Editors of Peninsula Watch <digest@watch.example.org>";
    const [problem] = parseDigestConfig({ from }).problems;
    expect(problem).toMatchObject({ field: 'digest.from', message: `${JSON.stringify(from).slice(0, 61)}"… is not an email address: the display name holds ( ) < > [ ] : ; @ \\ , or " (quote it, without @ < >)` });
    // In YAML single quotes, the apostrophe doubled: what YAML reads back is the name in double quotes.
    expect(problem!.fix).toBe(`put the name in double quotes: from: '"O''Brien, Editors of Peninsula Watch" <digest@watch.example.org>'`);
    expect(parseDigestConfig({ from: `"O'Brien, Editors of Peninsula Watch" <digest@watch.example.org>` }).problems).toEqual([]);
  });

  it('warns that a send day after Monday sends the week that ended that many days (and the time) before', () => {
    // A week runs Monday 00:00 to the next Monday 00:00: a send on day d at hh:mm comes (d - 1) days, hh hours and mm minutes after its end.
    const warning = (digest: Record<string, unknown>) => parseDigestConfig(digest).warnings.filter((w) => w.field === 'digest.day');
    expect(warning({ day: 'sunday', time: '20:00' })).toEqual([
      { file: 'site.yml', field: 'digest.day', message: 'sunday at 20:00 sends the week that ended 6 days and 20 hours before (weeks run Monday to Sunday)', fix: 'send on monday to mail each week the day after it ends, or keep sunday if that delay is meant' },
    ]);
    expect(warning({ day: 'Tuesday', time: '00:00' })).toMatchObject([{ message: 'tuesday at 00:00 sends the week that ended 1 day before (weeks run Monday to Sunday)' }]);
    expect(warning({ day: 'friday', time: '07:45' })).toMatchObject([{ message: 'friday at 07:45 sends the week that ended 4 days, 7 hours, and 45 minutes before (weeks run Monday to Sunday)' }]);
    // The default time, 08:00, and a day given as its ISO number (6, Saturday).
    expect(warning({ day: 6 })).toMatchObject([{ message: 'saturday at 08:00 sends the week that ended 5 days and 8 hours before (weeks run Monday to Sunday)' }]);
    // Monday at any time sends the week that ended that midnight.
    for (const time of ['00:30', '08:00', '23:59']) expect(warning({ day: 'monday', time }), time).toEqual([]);
    expect(warning({})).toEqual([]);
  });

  it('reports each bad field with its name and a fix', () => {
    expect(fields({ day: 'someday' })).toEqual(['digest.day']);
    // A number is read as the ISO weekday (6 is Saturday), so the fix offers both.
    expect(parseDigestConfig({ day: 8 }).problems).toEqual([{ file: 'site.yml', field: 'digest.day', message: '8 is not a day of the week', fix: 'write a day name such as monday, or its ISO 8601 number, 1 (monday) to 7 (sunday)' }]);
    expect(fields({ time: '8am' })).toEqual(['digest.time']);
    // A list or a mapping is no day or time, though its only item would be.
    expect(fields({ day: ['monday'] })).toEqual(['digest.day']);
    expect(fields({ day: { monday: null } })).toEqual(['digest.day']);
    expect(fields({ time: ['08:00'] })).toEqual(['digest.time']);
    expect(fields({ from: 'not an address' })).toEqual(['digest.from']);
    expect(fields({ subject: 'Week {weeek}' })).toEqual(['digest.subject']);
    expect(fields({ sendEmpty: 'no' })).toEqual(['digest.sendEmpty']);
    expect(fields({ transport: 'pigeon' })).toEqual(['digest.transport']);
    expect(fields({ subscribers: '../secrets.txt' })).toEqual(['digest.subscribers']);
    expect(fields({ unsubscribe: { url: 'http://example.org/u' } })).toEqual(['digest.unsubscribe.url']);
    expect(fields({ unsubscribe: { url: 'https://example.org/u?x={name}' } })).toEqual(['digest.unsubscribe.url']);
    expect(fields({ ses: { rate: 0 } })).toEqual(['digest.ses.rate']);
    expect(fields({ transport: 'ses', ses: { contactList: 'Readers', rate: 3 } })).toEqual(['digest.ses']);
    const problem = parseDigestConfig({ time: '25:00' }).problems[0]!;
    expect(problem.fix).toContain('HH:MM');
  });

  it('writes the unsubscribe URL as an RFC 3986 URI between its placeholders, so nothing ends it early in List-Unsubscribe', () => {
    const url = (template: string) => parseDigestConfig({ unsubscribe: { url: template } }).config.unsubscribe.url;
    // RFC 2369 §2: each URI stands between < and >; a > in the URL would end it and let a second URI in.
    expect(url('https://watch.example.org/unsubscribe?a=>,<https://evil.example/x&email={email}')).toBe('https://watch.example.org/unsubscribe?a=%3E,%3Chttps://evil.example/x&email={email}');
    // Non-ASCII, a quote or a space would make the header an encoded word (or fold it), which no client reads as a URI.
    expect(url('https://watch.example.org/désabonner?email={email}')).toBe('https://watch.example.org/d%C3%A9sabonner?email={email}');
    expect(url('https://watch.example.org/u?e={email}&q="x"')).toBe('https://watch.example.org/u?e={email}&q=%22x%22');
    expect(url('https://watch.example.org/unsub scribe/{token}')).toBe('https://watch.example.org/unsub%20scribe/{token}');
    expect(url('https://watch.example.org/unsubscribe?token={token}&email={email}')).toBe('https://watch.example.org/unsubscribe?token={token}&email={email}');
  });

  it('refuses a listId longer than 200 characters, which the List-Id line carries unfolded', () => {
    const listId = (length: number) => `${'d'.repeat(length - 'digest..org'.length)}.digest.org`;
    expect(parseDigestConfig({ listId: listId(200) })).toMatchObject({ config: { listId: listId(200) }, problems: [] });
    expect(parseDigestConfig({ listId: listId(201) }).problems.map((p) => [p.field, p.message])).toEqual([['digest.listId', 'is 201 characters long, more than 200']]);
  });

  it('refuses an unsubscribe URL that names no recipient, or puts a placeholder where no server sees it', () => {
    const problems = (template: string) => parseDigestConfig({ unsubscribe: { url: template } }).problems.map((p) => [p.field, p.message]);
    expect(problems('https://watch.example.org/unsubscribe')).toEqual([['digest.unsubscribe.url', 'names no recipient: every subscriber would get the same URL']]);
    expect(problems('https://{email}.watch.example.org/u?e={email}')).toEqual([['digest.unsubscribe.url', 'has a placeholder in its host']]);
    expect(problems('https://watch.example.org/u#{token}')).toEqual([['digest.unsubscribe.url', 'has a fragment (#), which a browser or mail client never sends']]);
    expect(problems('https://watch.example.org/u?email={email}&t={token')).toEqual([['digest.unsubscribe.url', 'has a { or } that is not part of {email} or {token}']]);
    expect(problems('https://user:secret@watch.example.org/u?t={token}')).toEqual([['digest.unsubscribe.url', 'must not contain a user name or password']]);
    // "https://watch.example.org/u?t={token}&p=" is 40 characters.
    expect(problems(`https://watch.example.org/u?t={token}&p=${'a'.repeat(160)}`)).toEqual([]);
    expect(problems(`https://watch.example.org/u?t={token}&p=${'a'.repeat(161)}`)).toEqual([['digest.unsubscribe.url', 'is 201 characters long, more than 200']]);
  });

  it('refuses an unsubscribe mailto: that would not be one plain address in the URI, and writes an IDN domain as ASCII', () => {
    const parse = (mailto: string) => parseDigestConfig({ unsubscribe: { mailto } });
    for (const mailto of ['unsub@watch.example.org?cc=victim%40evil.example&body=x', 'un#sub@watch.example.org', 'désabonner@watch.example.org', 'un%sub@watch.example.org']) {
      expect(parse(mailto).problems.map((p) => p.field), mailto).toEqual(['digest.unsubscribe.mailto']);
    }
    expect(parse('unsub@exämple.org').config.unsubscribe.mailto).toBe('unsub@xn--exmple-cua.org');
    expect(parse("o'brien+unsub@watch.example.org").config.unsubscribe.mailto).toBe("o'brien+unsub@watch.example.org");
  });

  it('refuses a subject template over 200 characters: a Subject line of one long word cannot be folded within 998', () => {
    // "{title}: " is 9 characters.
    expect(parseDigestConfig({ subject: `{title}: ${'W'.repeat(191)}` }).problems).toEqual([]);
    expect(parseDigestConfig({ subject: `{title}: ${'W'.repeat(192)}` }).problems).toMatchObject([{ field: 'digest.subject', message: 'is 201 characters long, more than 200' }]);
  });

  it('refuses SMTP credentials in site.yml', () => {
    const { problems } = parseDigestConfig({ smtp: { url: 'smtp://u:p@host' } });
    expect(problems[0]!.field).toBe('digest.smtp');
    expect(problems[0]!.fix).toContain('SMTP_URL');
  });

  it('warns about unknown fields', () => {
    expect(parseDigestConfig({ sendEmtpy: true }).warnings.map((w) => w.field)).toEqual(['digest.sendEmtpy']);
  });

  it('makes check and publish report digest problems with the rest of site.yml', () => {
    const site = 'title: T\ndescription: D\nurl: https://example.org/\nlanguage: en\ntimezone: UTC\ndigest:\n  time: "8 o\'clock"\n';
    const parsed = parseSite(site);
    expect(parsed.site).toBeUndefined();
    expect(parsed.problems.map((p) => [p.file, p.field])).toEqual([['site.yml', 'digest.time']]);
  });

  it('is parsed once, into the site: site.digest holds the settings, the subscribe link included', () => {
    const site = 'title: T\ndescription: D\nurl: https://example.org/\nlanguage: en\ntimezone: UTC\ndigest:\n  day: sunday\n  time: "18:30"\n  subscribe: https://example.org/digest\n';
    const parsed = parseSite(site);
    expect(parsed.problems).toEqual([]);
    expect(parsed.site!.digest).toEqual(parseDigestConfig({ day: 'sunday', time: '18:30', subscribe: 'https://example.org/digest' }).config);
    expect(parsed.site!.digest).toMatchObject({ day: 7, hour: 18, minute: 30, subscribe: 'https://example.org/digest' });
    expect(parseSite(site.replace(/digest:[\s\S]*/, '')).site!.digest).toEqual(parseDigestConfig(undefined).config);
  });
});
