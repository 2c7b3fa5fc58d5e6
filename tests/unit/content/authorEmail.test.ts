import { describe, expect, it } from 'vitest';
import { authorEmail } from '../../../lib/content/authorEmail.js';
import { parseSite } from '../../../lib/content/site.js';
import { dump } from 'js-yaml';
import { SITE } from '../../support/content.js';

// site.yml's author.email goes into every Atom feed's <author><email>, an RFC 2822 addr-spec (RFC 4287 §3.2.3): ASCII,
// atoms of RFC 5322 §3.2.3 atext joined by dots, then a domain name. What the W3C validator calls InvalidAddrSpec (an
// error in every Atom feed) must be refused by check.

describe('authorEmail', () => {
  it('keeps an ASCII address as written, atext specials included', () => {
    expect(authorEmail(' editors@watch.example.org ')).toEqual({ ok: true, address: 'editors@watch.example.org' });
    expect(authorEmail("o'brien+news@watch.example.org")).toEqual({ ok: true, address: "o'brien+news@watch.example.org" });
  });

  it('writes a domain in another script in its IDNA form: bücher.example is xn--bcher-kva.example (RFC 3492 §7.1)', () => {
    expect(authorEmail('editors@bücher.example')).toEqual({ ok: true, address: 'editors@xn--bcher-kva.example' });
  });

  it('refuses a part before "@" that is not ASCII, naming Atom’s rule', () => {
    expect(authorEmail('jöhn@watch.example.org')).toEqual({ ok: false, reason: expect.stringContaining('RFC 4287 §3.2.3') });
  });

  it('refuses what is not an addr-spec: a special before "@", a domain with "!" or "_" or a trailing dot, no dot at all', () => {
    for (const text of ['a[b@watch.example.org', 'a:b@watch.example.org', 'jane@exam!ple.org', 'jane@exa_mple.org', 'jane@watch.example.org.', 'jane@localhost', 'jane..doe@watch.example.org']) {
      expect(authorEmail(text).ok, text).toBe(false);
    }
  });

  it('refuses a name with the address: the field holds the address alone', () => {
    expect(authorEmail('Jane Doe <jane@watch.example.org>')).toEqual({ ok: false, reason: 'it must be the address alone, without a name or "<…>"' });
    expect(authorEmail('<jane@watch.example.org>').ok).toBe(false);
  });
});

describe('site.yml author.email', () => {
  const parse = (email: unknown) => parseSite(dump({ ...SITE, author: { name: 'Editors', email } }));

  it('is the ASCII form in the parsed site', () => {
    expect(parse('editors@bücher.example').site?.author).toEqual({ name: 'Editors', email: 'editors@xn--bcher-kva.example' });
  });

  it('is one problem naming the field, the reason and the fix', () => {
    expect(parse('jöhn@watch.example.org').problems).toEqual([
      {
        file: 'site.yml',
        // The email: line inside author: (dumped after the six fields of SITE, author: and its name:).
        line: 9,
        field: 'author.email',
        message: '"jöhn@watch.example.org" is not an email address: the part before "@" is not ASCII, and an Atom <email> is an RFC 2822 address, ASCII only (RFC 4287 §3.2.3)',
        fix: 'write an address like jane@example.org, or remove email',
      },
    ]);
    expect(parse(42).problems).toMatchObject([{ field: 'author.email', message: '42 is not an email address: it is not text' }]);
  });
});
