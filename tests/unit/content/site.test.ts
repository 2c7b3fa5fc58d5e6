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

  it('requires an absolute https url', () => {
    for (const url of ['http://watch.example.org/', '/news/', 'javascript:alert(1)']) {
      expect(parse({ url }).problems).toMatchObject([{ field: 'url' }]);
    }
  });

  it('refuses a url with a user name or password, which every feed would publish', () => {
    for (const url of ['https://user:pass@watch.example.org/', 'https://user@watch.example.org/']) {
      expect(parse({ url }).problems).toEqual([{ file: 'site.yml', field: 'url', message: 'must not contain a user name or password', fix: expect.stringContaining('https://watch.example.org/') }]);
    }
  });

  it('refuses https: without // and percent-encodes what RFC 3986 does not allow in the url', () => {
    expect(parse({ url: 'https:watch.example.org/' }).problems).toMatchObject([{ field: 'url' }]);
    expect(parse({ url: 'https://watch.example.org/a|b^c/' }).site!.url).toBe('https://watch.example.org/a%7Cb%5Ec/');
  });

  it('asks to quote a title YAML reads as a different number, and keeps one that reads back as typed', () => {
    expect(parseSite(dump({ ...SITE, title: 'T' }).replace('title: T', 'title: 1e3')).problems).toEqual([{ file: 'site.yml', field: 'title', message: 'YAML reads "1e3" as the number 1000, not as typed', fix: 'put it in quotes to keep it as typed, e.g. title: "1e3"' }]);
    expect(parseSite(dump({ ...SITE, title: 'T' }).replace('title: T', 'title: 1984')).site!.title).toBe('1984');
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

  it('warns about unknown keys but accepts the site', () => {
    const { site, warnings } = parse({ titel: 'typo' });
    expect(site).toBeDefined();
    expect(warnings).toMatchObject([{ field: 'titel' }]);
  });
});
