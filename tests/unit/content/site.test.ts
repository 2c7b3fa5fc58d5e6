import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseSite } from '../../../lib/content/site.js';
import { SITE } from '../../support/content.js';

function parse(overrides: Record<string, unknown>) {
  const site: Record<string, unknown> = { ...SITE, ...overrides };
  for (const [key, value] of Object.entries(site)) if (value === undefined) delete site[key];
  return parseSite(dump(site));
}

describe('parseSite', () => {
  it('accepts a complete site and normalises the url to end in /', () => {
    const { site, problems } = parse({ url: 'https://watch.example.org/news' });
    expect(problems).toEqual([]);
    expect(site!.url).toBe('https://watch.example.org/news/');
    expect(site!.host).toBe('watch.example.org');
    expect(site!.feedLimit).toBe(50);
  });

  for (const field of ['title', 'description', 'url', 'language', 'timezone']) {
    it(`requires ${field}`, () => {
      expect(parse({ [field]: undefined }).problems).toMatchObject([{ file: 'site.yml', field, message: 'is missing' }]);
    });
  }

  it('warns of a title, description, author name or digest subject holding a direction control it never closes, and keeps it as typed', () => {
    const fix = 'remove it, or close it where it should end: U+202C after an embedding or override, U+2069 after an isolate';
    const parsed = parse({ title: 'Watch \u202Eyllaer', description: 'Left \u2067open', author: { name: 'Ed \u202Bitor' }, digest: { subject: '{title} \u202Dx' } });
    expect(parsed.problems).toEqual([]);
    expect(parsed.warnings).toEqual([
      // Each at its line: SITE's six fields first (title 1, description 2), then author: (7) and digest: (9).
      { file: 'site.yml', line: 1, field: 'title', message: 'holds U+202E RIGHT-TO-LEFT OVERRIDE and never closes it, so feed readers and mail clients show the text after it reordered or backwards', fix },
      { file: 'site.yml', line: 2, field: 'description', message: 'holds U+2067 RIGHT-TO-LEFT ISOLATE and never closes it, so feed readers and mail clients show the text after it reordered or backwards', fix },
      { file: 'site.yml', line: 8, field: 'author.name', message: 'holds U+202B RIGHT-TO-LEFT EMBEDDING and never closes it, so feed readers and mail clients show the text after it reordered or backwards', fix },
      { file: 'site.yml', line: 10, field: 'digest.subject', message: 'holds U+202D LEFT-TO-RIGHT OVERRIDE and never closes it, so feed readers and mail clients show the text after it reordered or backwards', fix },
    ]);
    expect(parsed.site!.title).toBe('Watch \u202Eyllaer');
    expect(parse({ title: 'Watch \u202Eyllaer\u202C', description: 'Closed \u2067here\u2069' }).warnings).toEqual([]);
  });

  // RSS 2.0 <image>: "the URL of a GIF, JPEG or PNG image".
  it('warns of an icon or logo over plain http://, which the https:// pages and feed readers load as mixed content, naming its https:// address; not of one over https://', () => {
    const parsed = parse({ icon: 'http://img.example/icon.png', logo: 'http://img.example/logo.png' });
    expect(parsed.problems).toEqual([]);
    expect(parsed.warnings.map(({ field, message, fix }) => ({ field, message, fix }))).toEqual(
      ['icon', 'logo'].map((field) => ({
        field,
        message: `shows the image "http://img.example/${field}.png" over plain http://, which browsers block or flag as mixed content on the site's https:// pages, and so do some feed readers`,
        fix: `write https://img.example/${field}.png if img.example serves it over https:// (open it to see), or put a copy of the image where https:// reaches it`,
      })),
    );
    expect(parse({ icon: 'https://img.example/icon.png', logo: 'https://img.example/logo.png' }).warnings).toEqual([]);
  });

  it('warns of an icon named as an image RSS does not take (SVG, WebP, ICO), keeping it; not of a GIF, JPEG or PNG, or a URL that names no kind', () => {
    for (const [icon, kind] of [['https://img.example/icon.svg', 'svg'], ['https://img.example/icon.webp?v=2', 'webp'], ['https://img.example/favicon.ICO', 'ico']]) {
      const parsed = parse({ icon });
      // icon: follows SITE's six fields.
      expect(parsed.warnings, icon).toEqual([{ file: 'site.yml', line: 7, field: 'icon', message: `"${icon}" is a .${kind} image, which RSS's <image> does not take (GIF, JPEG or PNG only): every RSS feed would name an image its readers may not show`, fix: 'give a square PNG (512 px) as icon' }]);
      expect(parsed.site!.icon, icon).toBe(icon);
    }
    for (const icon of ['https://img.example/icon.png', 'https://img.example/icon.GIF', 'https://img.example/a.jpeg', 'https://img.example/a.jpg', 'https://img.example/icon', 'https://img.example/icons/']) {
      expect(parse({ icon }).warnings, icon).toEqual([]);
    }
  });

  it('reads the title, description, author name and digest subject typed in NFD (decomposed Hangul) as their NFC twins', () => {
    const typed = { title: '북한 경제 감시', description: '북·중 교역 소식.', author: { name: '편집부' }, digest: { subject: '{title}: 주간 소식' } };
    const d = (text: string) => text.normalize('NFD');
    const nfd = parse({ title: d(typed.title), description: d(typed.description), author: { name: d(typed.author.name) }, digest: { subject: d(typed.digest.subject) } });
    const nfc = parse(typed);
    expect(nfd.problems).toEqual([]);
    expect(nfd.site).toMatchObject({ title: typed.title, description: typed.description, author: typed.author, digest: typed.digest });
    expect(nfd.site).toEqual(nfc.site);
  });

  it('refuses a title over 200 characters (the digest puts it in its Subject and List-Id header lines), counting characters, not bytes', () => {
    expect(parse({ title: 'P'.repeat(200) }).problems).toEqual([]);
    expect(parse({ title: '북'.repeat(200) }).problems).toEqual([]);
    expect(parse({ title: 'P'.repeat(201) }).problems).toMatchObject([{ file: 'site.yml', field: 'title', message: 'is 201 characters long, more than 200' }]);
  });

  it('refuses a description over 1,000 characters and an author name over 200, which every feed and archived digest repeats', () => {
    expect(parse({ description: '설'.repeat(1000), author: { name: '편'.repeat(200) } }).problems).toEqual([]);
    expect(parse({ description: 'd'.repeat(1001), author: { name: 'n'.repeat(201) } }).problems).toMatchObject([
      { file: 'site.yml', field: 'description', message: 'is 1001 characters long, more than 1000' },
      { file: 'site.yml', field: 'author.name', message: 'is 201 characters long, more than 200' },
    ]);
  });

  it('names a bad author email beside an author name over 200 characters, so one check gives both', () => {
    const parsed = parse({ author: { name: 'n'.repeat(201), email: 'no-at-sign.example.org' } });
    expect(parsed.problems.map((problem) => problem.field)).toEqual(['author.name', 'author.email']);
    expect(parsed.site).toBeUndefined();
  });

  it('requires an absolute https url', () => {
    for (const url of ['http://watch.example.org/', '/news/', 'javascript:alert(1)']) {
      expect(parse({ url }).problems).toMatchObject([{ field: 'url' }]);
    }
  });

  it('refuses a url with a user name or password, which every feed would publish', () => {
    for (const url of ['https://user:pass@watch.example.org/', 'https://user@watch.example.org/']) {
      // url: is SITE's third field.
      expect(parse({ url }).problems).toEqual([{ file: 'site.yml', line: 3, field: 'url', message: 'must not contain a user name or password', fix: expect.stringContaining('https://watch.example.org/') }]);
    }
  });

  it('refuses an icon, logo or websub hub with a user name or password, which every feed would publish as the url\'s', () => {
    for (const field of ['icon', 'logo', 'websub']) {
      const parsed = parse({ [field]: 'https://editor:secret@img.example.org/a%7Cb.png' });
      // SITE's six fields, then the one added (line 7); the fix gives the URL as published, without the credentials.
      expect(parsed.problems, field).toEqual([{ file: 'site.yml', line: 7, field, message: 'holds a user name or password (the part before @), which every feed would publish', fix: `write ${field}: https://img.example.org/a%7Cb.png` }]);
      expect(parsed.site, field).toBeUndefined();
      // An @ after the host is the path's, not credentials.
      expect(parse({ [field]: 'https://img.example.org/@editor.png' }).problems, field).toEqual([]);
    }
  });

  it('refuses a url, websub hub, icon or logo whose host HTML refuses (an empty or 64-character label) naming the host and the fault, as an entry\'s url is', () => {
    const label = 'a'.repeat(64);
    // The message quotes the first 60 characters of a longer value (quote), then the host whole.
    const fix = (field: string) => `write ${field}: with the host's name as it is spelt, labels of 1 to 63 letters, digits or hyphens between single dots`;
    for (const field of ['url', 'websub', 'icon', 'logo']) {
      // url: is SITE's third field; the others follow SITE's six (line 7).
      const line = field === 'url' ? 3 : 7;
      expect(parse({ [field]: 'https://watch..example.org/' }).problems, field).toEqual([{ file: 'site.yml', line, field, message: '"https://watch..example.org/" has the host "watch..example.org", which has an empty label: two dots in a row, or a dot at its start, or more than one at its end: no page may link to it (HTML\'s valid URL)', fix: fix(field) }]);
      expect(parse({ [field]: `https://${label}.example.org/` }).problems, field).toEqual([{ file: 'site.yml', line, field, message: `"${`https://${label}`.slice(0, 60)}"… has the host "${label}.example.org", which has a label of 64 characters, more than the 63 a domain name's label may have (RFC 1035): no page may link to it (HTML's valid URL)`, fix: fix(field) }]);
    }
    // A URL refused for another reason keeps its own message.
    expect(parse({ websub: 'ftp://hub.example.org/' }).problems).toMatchObject([{ field: 'websub', message: '"ftp://hub.example.org/" is not an absolute http(s) URL' }]);
  });

  it('refuses an icon whose host is an IP literal, which RSS\'s <image><url> (RFC 2396) cannot hold; a logo, Atom\'s alone, may have one', () => {
    expect(parse({ icon: 'https://[::1]/icon.png' }).problems).toEqual([{ file: 'site.yml', line: 7, field: 'icon', message: 'has the IP address [::1] as its host, which an RSS 2.0 URL cannot hold (RFC 2396 has no [ ]): the W3C feed validator would call every RSS feed invalid', fix: "write icon: with the host's name instead of its address" }]);
    expect(parse({ logo: 'https://[::1]/logo.png' }).site!.logo).toBe('https://[::1]/logo.png');
  });

  it('refuses a url with a query or fragment, even a bare ? or # (which URL parsing reads as none)', () => {
    for (const url of ['https://watch.example.org/?', 'https://watch.example.org/#', 'https://watch.example.org/news?', 'https://watch.example.org/?a=1', 'https://watch.example.org/#top']) {
      expect(parse({ url }).problems, url).toEqual([{ file: 'site.yml', line: 3, field: 'url', message: 'must not have a query or fragment', fix: 'use only the scheme, host and path, e.g. https://watch.example.org/' }]);
    }
  });

  it('refuses a url whose host cannot be the authority of a tag: id (RFC 4151 DNSname)', () => {
    // The hostname as URL parsing gives it, which is what the ids would carry.
    for (const [url, host] of [['https://watch_example.org/', 'watch_example.org'], ['https://[::1]/', '[::1]'], ['https://127.0.0.1/', '127.0.0.1'], ['https://watch.example.org./', 'watch.example.org.'], ['https://-watch.example.org/', '-watch.example.org']]) {
      expect(parse({ url }).problems, url).toEqual([{ file: 'site.yml', line: 3, field: 'url', message: `the host "${host}" is not a DNS name, which the entries' tag: ids (RFC 4151) need`, fix: 'use the DNS host name the site is served from, e.g. https://watch.example.org/: letters, digits, hyphens and dots, no IP address and no _' }]);
    }
  });

  it('keeps an IDN host, as its xn-- form, and a port', () => {
    expect(parse({ url: 'https://bücher.example/' }).site!.host).toBe('xn--bcher-kva.example');
    expect(parse({ url: 'https://xn--bcher-kva.example/' }).site!.host).toBe('xn--bcher-kva.example');
    expect(parse({ url: 'https://watch-1.example.org:8443/' }).site!.host).toBe('watch-1.example.org');
  });

  it('refuses https: without // and percent-encodes what RFC 3986 does not allow in the url', () => {
    expect(parse({ url: 'https:watch.example.org/' }).problems).toMatchObject([{ field: 'url' }]);
    expect(parse({ url: 'https://watch.example.org/a|b^c/' }).site!.url).toBe('https://watch.example.org/a%7Cb%5Ec/');
  });

  it('asks to quote a title YAML reads as a different number, and keeps one that reads back as typed', () => {
    expect(parseSite(dump({ ...SITE, title: 'T' }).replace('title: T', 'title: 1e3')).problems).toEqual([{ file: 'site.yml', line: 1, field: 'title', message: 'YAML reads "1e3" as the number 1000, not as typed', fix: 'put it in quotes to keep it as typed, e.g. title: "1e3"' }]);
    expect(parseSite(dump({ ...SITE, title: 'T' }).replace('title: T', 'title: 1984')).site!.title).toBe('1984');
  });

  const IDDATE_FIX = 'write a date on which you held the domain, in quotes, e.g. idDate: "2014"; never change it afterwards';
  // idDate: is SITE's sixth field, and stays there when a test gives another.
  const idDateProblem = (shown: string) => ({ file: 'site.yml', line: 6, field: 'idDate', message: `${shown} is not a date of the form "YYYY", "YYYY-MM" or "YYYY-MM-DD" (years 1000 to 9999)`, fix: IDDATE_FIX });

  it('reads a number as typed on the first line after a byte-order mark, as on any other line', () => {
    const rest = 'description: D\nurl: https://watch.example.org/\nlanguage: en\ntimezone: UTC\n';
    expect(parseSite(`\uFEFFtitle: 1984\n${rest}`)).toMatchObject({ problems: [], site: { title: '1984' } });
    expect(parseSite(`\uFEFFidDate: 2014\ntitle: T\n${rest}`.replace(/\n/g, '\r\n'))).toMatchObject({ problems: [], site: { idDate: '2014' } });
  });

  it('refuses an idDate that is no RFC 4151 date: not YYYY[-MM[-DD]], no calendar date, or before 1000', () => {
    for (const idDate of ['2014-13-45', '2014-02-29', '2014-00', '2014-04-31', '0000', '0999', '14', '2014-1', '2014/05', '']) {
      expect(parse({ idDate }).problems, idDate).toEqual([idDateProblem(`"${idDate}"`)]);
    }
    expect(parse({ idDate: [2014] }).problems).toEqual([idDateProblem('[2014]')]);
  });

  it('names a bad url and a bad idDate of one site.yml each on its own line, the url\'s first', () => {
    const queryProblem = { file: 'site.yml', line: 3, field: 'url', message: 'must not have a query or fragment', fix: 'use only the scheme, host and path, e.g. https://watch.example.org/' };
    const hostProblem = (host: string) => ({ file: 'site.yml', line: 3, field: 'url', message: `the host "${host}" is not a DNS name, which the entries' tag: ids (RFC 4151) need`, fix: 'use the DNS host name the site is served from, e.g. https://watch.example.org/: letters, digits, hyphens and dots, no IP address and no _' });
    expect(parse({ url: 'https://watch.example.org/?', idDate: '2014-13-45' }).problems).toEqual([queryProblem, idDateProblem('"2014-13-45"')]);
    expect(parse({ url: 'https://watch.example.org/#', idDate: '0000' }).problems).toEqual([queryProblem, idDateProblem('"0000"')]);
    expect(parse({ url: 'https://watch_example.org/', idDate: [2014] }).problems).toEqual([hostProblem('watch_example.org'), idDateProblem('[2014]')]);
    // 1e3 as typed is no year 1000.
    expect(parseSite(dump({ ...SITE, url: 'https://[::1]/', idDate: 'X' }).replace('idDate: X', 'idDate: 1e3')).problems).toEqual([hostProblem('[::1]'), idDateProblem('"1e3"')]);
  });

  it('judges an idDate YAML reads as a number by its text as typed', () => {
    const withIdDate = (typed: string) => parseSite(dump({ ...SITE, idDate: 'X' }).replace("idDate: X", `idDate: ${typed}`));
    expect(withIdDate('1e3').problems).toEqual([idDateProblem('"1e3"')]);
    expect(withIdDate('0000').problems).toEqual([idDateProblem('"0000"')]);
    expect(withIdDate('2014').site!.idDate).toBe('2014');
  });

  it('keeps a valid idDate: a year, a month, a real day (29 February of a leap year)', () => {
    for (const idDate of ['1000', '2014', '2014-05', '2016-02-29', '9999-12-31']) expect(parse({ idDate }).site!.idDate, idDate).toBe(idDate);
    expect(parse({ idDate: undefined }).site!.idDate).toBe('2000');
  });

  it('reports a title or description empty once control characters are removed as missing', () => {
    for (const field of ['title', 'description']) {
      for (const value of ['\u0001', '\u0000 \u007f', '\u0085\ufffe']) {
        expect(parse({ [field]: value }).problems, `${field} ${JSON.stringify(value)}`).toMatchObject([{ file: 'site.yml', field, message: 'is missing' }]);
      }
    }
  });

  it('refuses an author whose name is empty once control characters are removed', () => {
    // Named on its field, not as "no name": it is there, and blank in every feed.
    expect(parse({ author: { name: '\u0001\u009b' } }).problems).toEqual([{ file: 'site.yml', line: 8, field: 'author.name', message: 'holds nothing once the control characters every feed removes are gone, so every feed would show the author blank', fix: 'write the name readers should see, e.g. author: {name: Jane Doe}, or remove author (the site title stands in)' }]);
    expect(parse({ author: { email: 'jane@example.org' } }).problems).toMatchObject([{ field: 'author', message: 'must be a mapping with a name' }]);
    expect(parse({ author: { name: 'Jane\u0001' } }).site!.author!.name).toBe('Jane\u0001');
  });

  it('refuses a title, description or author name of characters that show nothing', () => {
    expect(parse({ title: '\u200B\u200B', description: '\u3164' }).problems.map((p) => [p.field, p.message])).toEqual([
      ['title', 'holds only characters that show nothing (U+200B), so every page and feed would show it blank'],
      ['description', 'holds only characters that show nothing (U+3164), so every page and feed would show it blank'],
    ]);
    expect(parse({ author: { name: '\u2060' } }).problems).toMatchObject([{ field: 'author.name', message: 'holds only characters that show nothing (U+2060), so every feed would show the author blank' }]);
  });

  it('warns of an unsubscribe URL on the site’s own /unsubscribe that the subscription handler cannot answer', () => {
    const warned = (url: string) => parse({ digest: { unsubscribe: { url, mailto: 'unsubscribe@watch.example.org' } } }).warnings.filter((w) => w.field === 'digest.unsubscribe.url');
    expect(warned('https://watch.example.org/unsubscribe?email={email}')).toEqual([
      {
        file: 'site.yml',
        // The url: line inside unsubscribe: inside digest: (7, 8, 9).
        line: 9,
        field: 'digest.unsubscribe.url',
        message: '"https://watch.example.org/unsubscribe?email={email}" is on the site\'s own /unsubscribe, where a deployment\'s subscription handler answers only ?token={token}: every one-click unsubscribe through it would be refused (400)',
        fix: 'write https://watch.example.org/unsubscribe?token={token} (and set DIGEST_UNSUBSCRIBE_SECRET), or an endpoint of your own elsewhere',
      },
    ]);
    // The handler's own URL, and endpoints elsewhere (another host, another path), are fine.
    for (const url of ['https://watch.example.org/unsubscribe?token={token}', 'https://lists.watch.example.org/unsubscribe?email={email}', 'https://watch.example.org/leave?email={email}']) expect(warned(url), url).toEqual([]);
  });

  it('warns of an unsubscribe URL under the path of a site whose url has one, where no subscription endpoint is served', () => {
    const warned = (url: string) => parse({ url: 'https://watch.example.org/watch/', digest: { unsubscribe: { url, mailto: 'unsubscribe@watch.example.org' } } }).warnings.filter((w) => w.field === 'digest.unsubscribe.url');
    expect(warned('https://watch.example.org/watch/unsubscribe?token={token}')).toMatchObject([
      {
        field: 'digest.unsubscribe.url',
        message: '"https://watch.example.org/watch/unsubscribe?token={token}" is under the site\'s path /watch/, where no subscription endpoint is served (a deployment serves them at the root of the site\'s origin): every unsubscribe through it would reach the published files, not the subscription handler',
        fix: 'write https://watch.example.org/unsubscribe?token={token} (and set DIGEST_UNSUBSCRIBE_SECRET), or an endpoint of your own elsewhere',
      },
    ]);
    // The handler's own URL at the origin's root, and another endpoint under the path, are fine.
    for (const url of ['https://watch.example.org/unsubscribe?token={token}', 'https://watch.example.org/watch/leave?email={email}']) expect(warned(url), url).toEqual([]);
  });

  it('says nothing of the digest.listId of a site under a path: site.yml alone does not know the List-Id subscribers got', () => {
    const digest = { from: 'Watch <digest@watch.example.org>' };
    expect(parse({ url: 'https://watch.example.org/news/', digest }).warnings.filter((w) => w.field === 'digest.listId')).toEqual([]);
  });

  it('gives each problem and warning the line of its field, nested keys their own line, as an entry’s problems have', () => {
    const text = [
      '# The site.', // 1
      'title: Watch', // 2
      'description: News', // 3
      '', // 4
      'url: https://watch.example.org/', // 5
      'language: en', // 6
      'timezone: Mars/Olympus', // 7
      'colour: blue', // 8
      'author: {name: "\\u0001"}', // 9
      'digest:', // 10
      '  # How readers leave.', // 11
      '  unsubscribe:', // 12
      '    mailto: unsubscribe@watch.example.org', // 13
      '    url: https://watch.example.org/unsubscribe?email={email}', // 14
      '', // 15
    ].join('\n');
    const parsed = parseSite(text);
    expect(parsed.problems.map((p) => [p.field, p.line])).toEqual([['timezone', 7], ['author.name', 9]]);
    expect(parsed.warnings.map((p) => [p.field, p.line])).toEqual([['digest.unsubscribe.url', 14], ['colour', 8]]);
    // A problem of the file as a whole has no line.
    expect(parseSite('# nothing\n').problems).toEqual([expect.objectContaining({ field: 'file' })]);
    expect(parseSite('# nothing\n').problems[0]!.line).toBeUndefined();
  });

  // macOS types a no-break space for Option+Space: after the value it is text to YAML (1.2 §5.5), unseen in the file.
  it('reads a timezone typed with a no-break or other Unicode space at its end without it, naming the character and the line to write', () => {
    for (const [char, named] of [['\u00A0', 'a no-break space (U+00A0)'], ['\u2009', 'a thin space (U+2009)'], ['\u3000', 'an ideographic space (U+3000)']] as const) {
      // LF takes the fast YAML path, CRLF js-yaml's: both keep the character.
      for (const eol of ['\n', '\r\n']) {
        const parsed = parseSite(`title: T\ndescription: D\nurl: https://watch.example.org/\nlanguage: en\ntimezone: Asia/Seoul${char}\n`.replaceAll('\n', eol));
        expect(parsed.problems, named).toEqual([]);
        expect(parsed.site!.timezone).toBe('Asia/Seoul');
        expect(parsed.warnings, `${named} ${JSON.stringify(eol)}`).toEqual([
          { file: 'site.yml', line: 5, field: 'timezone', message: `ends with ${named}, which YAML keeps as text; it is read as Asia/Seoul without it`, fix: 'type the line without it: timezone: Asia/Seoul' },
        ]);
      }
    }
  });

  it('rejects a time zone that is not IANA', () => {
    expect(parse({ timezone: 'Korea Standard Time' }).problems).toMatchObject([{ field: 'timezone' }]);
  });

  it('rejects a language that is not BCP 47', () => {
    expect(parse({ language: 'english!' }).problems).toMatchObject([{ field: 'language' }]);
  });

  it('canonicalises the language tag', () => {
    expect(parse({ language: 'EN-gb' }).site!.language).toBe('en-GB');
  });

  it('rejects a bad feed.limit', () => {
    expect(parse({ feed: { limit: 0 } }).problems).toMatchObject([{ field: 'feed.limit' }]);
  });

  it('reports malformed YAML at the line that opens the unclosed bracket, naming its field', () => {
    expect(parseSite('title: a\nurl: [x\n').problems).toMatchObject([{ file: 'site.yml', field: 'url', line: 2 }]);
  });

  it('names a site.yml of only blank lines or comments as empty, with the fields to write, not as malformed YAML', () => {
    for (const text of ['', '\n\n', '# the site\n# to do\n', '# Peninsula Economy Watch\n# to do: the fields\n']) {
      expect(parseSite(text).problems, JSON.stringify(text)).toEqual([{ file: 'site.yml', field: 'file', message: 'is empty: it holds no field, only blank lines or comments', fix: 'write title:, description:, url:, language: and timezone: one per line' }]);
    }
  });

  it('warns about unknown keys but accepts the site', () => {
    const { site, warnings } = parse({ titel: 'typo' });
    expect(site).toBeDefined();
    expect(warnings).toMatchObject([{ field: 'titel' }]);
  });
});

// Slips found running check on a site.yml typed by hand: a block's field left at the margin was "not a known field"
// with the top-level fields to check its spelling against; an author written as a mail's From got the example fix.
describe('site.yml slips an editor makes in blocks', () => {
  const base = 'title: T\ndescription: D\nurl: https://watch.example.org/\nlanguage: en\ntimezone: UTC\n';

  it("names a block's field typed at the margin, and the block to indent it under", () => {
    expect(parseSite(`${base}feed:\nlimit: 50\n`).warnings).toEqual([{ file: 'site.yml', line: 7, field: 'limit', message: 'is not a known field and is ignored', fix: 'limit: is a field of feed:; indent it two spaces, under feed:' }]);
    expect(parseSite(`${base}digest:\nday: monday\n`).warnings.map((w) => w.fix)).toEqual(['day: is a field of digest:; indent it two spaces, under digest:']);
    // A slip of a top-level field is told as before.
    expect(parseSite(`${base}tagSlug:\n  a: b\n`).warnings.map((w) => w.fix)).toEqual(['did you mean tagSlugs:? rename it to tagSlugs:']);
  });

  it('gives the mapping to write for an author written as a name or as Name <address>', () => {
    const fix = (author: string) => parseSite(`${base}author: ${author}\n`).problems.map((p) => [p.field, p.fix]);
    expect(fix('Ed Park <ed@example.org>')).toEqual([['author', 'write author: {name: Ed Park, email: ed@example.org}']]);
    expect(fix('Ed Park')).toEqual([['author', 'write author: {name: Ed Park}']]);
    // A name YAML would read apart in a flow mapping gets the example.
    expect(fix('"Park, Ed <ed@example.org>"')).toEqual([['author', 'write author: {name: Jane Doe, email: jane@example.org}']]);
    // Each fix, written, is read.
    expect(parseSite(`${base}author: {name: Ed Park, email: ed@example.org}\n`).site?.author).toEqual({ name: 'Ed Park', email: 'ed@example.org' });
  });
});
