import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bodyLanguageTag, languageTag } from '../../../lib/content/languageTag.js';
import { parseSite } from '../../../lib/content/site.js';
import { dump } from 'js-yaml';
import { SITE } from '../../support/content.js';

/** The IANA language subtag registry's records, as the Nu checker carries it: each field that names a tag. */
let records: Record<string, string | undefined>[] | undefined;
function registryRecords(): Record<string, string | undefined>[] {
  const jar = fileURLToPath(new URL('../../../node_modules/vnu-jar/build/dist/vnu.jar', import.meta.url));
  records ??= execFileSync('unzip', ['-p', jar, 'nu/validator/localentities/files/subtag-registry'], { encoding: 'utf8', maxBuffer: 8 << 20, timeout: 30_000 })
    .split('%%')
    .map((record) => Object.fromEntries([...record.matchAll(/^(Type|Subtag|Tag|Prefix|Preferred-Value): (.+)$/gm)].map((match) => [match[1], match[2]])));
  return records;
}

describe('languageTag', () => {
  it('accepts registered tags, canonicalised', () => {
    for (const [value, tag] of [['en', 'en'], ['en-GB', 'en-GB'], ['EN-gb', 'en-GB'], ['ko', 'ko'], ['zh-Hant-TW', 'zh-Hant-TW'], ['iw', 'he'], ['fra', 'fr']]) {
      expect(languageTag(value!), value).toEqual({ ok: true, tag });
    }
  });

  it('refuses well-formed tags whose language is not registered, and malformed ones', () => {
    expect(languageTag('english')).toMatchObject({ ok: false, message: '"english" is not a registered language ("english" is no ISO 639 code the feed validators know)' });
    expect(languageTag('zz')).toMatchObject({ ok: false, message: expect.stringContaining('"zz" is not a registered language') });
    expect(languageTag('zz-GB')).toMatchObject({ ok: false });
    expect(languageTag('english!')).toMatchObject({ ok: false, message: '"english!" is not a BCP 47 language tag' });
    for (const value of ['english', 'zz', 'english!']) expect(languageTag(value)).toMatchObject({ fix: expect.stringContaining('en-GB') });
  });

  it('a zero-width space or no-break space pasted with the tag: escaped in the message, named, and the tag to write', () => {
    expect(languageTag('en\u200B')).toEqual({ ok: false, message: '"en\\u200b" is not a BCP 47 language tag: it holds a zero-width space (U+200B), which readers cannot see or tell from a space', fix: 'retype it: language: en' });
    expect(languageTag('ko\u00A0KR')).toMatchObject({ ok: false, message: expect.stringContaining('"ko\\u00a0KR" is not a BCP 47 language tag: it holds a no-break space (U+00A0)'), fix: expect.stringContaining('en-GB') });
  });

  it('refuses an unregistered extension and a one-character private-use subtag, which the Nu checker refuses, with the tag without them', () => {
    // Only -u- (RFC 6067) and -t- (RFC 6497) are registered extensions; Nu wants private-use subtags of two or more.
    expect(languageTag('en-a-bbb-x-a-ccc')).toEqual({
      ok: false,
      message: '"en-a-bbb-x-a-ccc" has what the Nu HTML checker refuses on every page: the extension -a-bbb (only -u-, RFC 6067, and -t-, RFC 6497, are registered); the private-use subtag a (one character)',
      fix: 'remove them: write en-x-ccc',
    });
    expect(languageTag('en-x-a')).toMatchObject({ ok: false, fix: 'remove it: write en' });
    for (const value of ['en-u-ca-gregory', 'en-t-ja', 'en-x-ccc']) expect(languageTag(value), value).toEqual({ ok: true, tag: value });
  });

  it('names a grandfathered tag and an extended language subtag as such, with the preferred value', () => {
    expect(languageTag('en-GB-oed')).toEqual({
      ok: false,
      message: '"en-GB-oed" is a grandfathered BCP 47 tag (RFC 5646 §2.2.8), which the date and text-direction rules of the pages (ICU) cannot read',
      fix: 'write en-GB-oxendict, its preferred value in the IANA registry',
    });
    expect(languageTag('i-klingon')).toMatchObject({ ok: false, fix: 'write tlh, its preferred value in the IANA registry' });
    expect(languageTag('i-default')).toMatchObject({ ok: false, fix: expect.stringContaining('the registry gives it no preferred value') });
    // yue (Cantonese) is registered, but not in the W3C feed validator's list: the language it is written under is offered too.
    expect(languageTag('zh-yue')).toEqual({
      ok: false,
      message: '"zh-yue" has an extended language subtag (RFC 5646 §2.2.2), a form the date and text-direction rules of the pages (ICU) cannot read',
      fix: 'write yue, its preferred value in the IANA registry, though the W3C feed validator does not know it (InvalidLanguage in every feed); or write zh, the language it is written under',
    });
    expect(languageTag('zh-yue-HK')).toMatchObject({ ok: false, fix: expect.stringMatching(/^write yue-HK, .*; or write zh-HK, /) });
    expect(languageTag('yue')).toMatchObject({ ok: false, message: '"yue" names Cantonese ("yue"), which the W3C feed validator does not know: it would call every feed\'s language invalid (InvalidLanguage)' });
    // The preferred values are what they offer: tags that ICU reads, in canonical form.
    for (const preferred of ['en-GB-oxendict', 'tlh', 'nb', 'nn', 'yue']) expect(Intl.getCanonicalLocales(preferred)[0]).toBe(preferred);
    for (const preferred of ['en-GB-oxendict', 'tlh', 'nb']) expect(languageTag(preferred), preferred).toEqual({ ok: true, tag: preferred });
  });

  it('offers no other language for three letters after a language that are no extended language registered under it', () => {
    // fr-eng is not French under English, nor en-usa and ko-kor a language usa or kor: only the old message and fix.
    for (const value of ['fr-eng', 'en-usa', 'ko-kor']) {
      expect(languageTag(value), value).toEqual({ ok: false, message: `${JSON.stringify(value)} is not a BCP 47 language tag`, fix: 'write a registered BCP 47 tag such as en, en-GB, ko or zh-Hant-TW' });
    }
  });

  it('names the language an extended language subtag written under another is registered under, and offers its registered form', () => {
    // yue is registered as an extended language under zh alone (Prefix: zh): en-yue is no tag, and "en" is no fix.
    expect(languageTag('en-yue')).toEqual({
      ok: false,
      message: '"en-yue" is not a BCP 47 language tag: yue (Cantonese) is an extended language subtag registered under zh alone (RFC 5646 §2.2.2), not under en',
      fix: 'write yue, the preferred value of zh-yue in the IANA registry, though the W3C feed validator does not know it (InvalidLanguage in every feed); or write zh, the language it is registered under',
    });
    expect(languageTag('ar-yue-HK')).toMatchObject({ ok: false, fix: expect.stringMatching(/^write yue-HK, the preferred value of zh-yue-HK in the IANA registry, .*; or write zh-HK, /) });
    // zsm (Standard Malay, under ms) is a tag the feeds accept as it is (ICU writes it ms): no other is offered.
    expect(languageTag('en-zsm')).toMatchObject({ ok: false, fix: 'write zsm, the preferred value of ms-zsm in the IANA registry' });
  });

  it('takes each extended language registered, under its registered prefix, for one (the IANA registry the Nu checker carries)', () => {
    const extlangs = registryRecords().filter((record) => record.Type === 'extlang');
    expect(extlangs.length).toBeGreaterThan(200);
    for (const { Subtag: subtag, Prefix: prefix } of extlangs) {
      expect(languageTag(`${prefix}-${subtag}`), `${prefix}-${subtag}`).toMatchObject({ ok: false, message: expect.stringContaining('has an extended language subtag'), fix: expect.stringMatching(new RegExp(`^write ${subtag}, `)) });
    }
  });

  it('keeps in a body each tag the registry gives a preferred value, extended language, grandfathered or redundant', () => {
    // ICU writes some preferred values as a language the validator knows (cmn as zh): zh-cmn-Hans, ms-zsm, kok-gom.
    const records = registryRecords().filter((record) => ['extlang', 'grandfathered', 'redundant'].includes(record.Type!) && record['Preferred-Value'] !== undefined);
    expect(records.length).toBeGreaterThan(200);
    for (const record of records) {
      const tag = record.Tag ?? `${record.Prefix}-${record.Subtag}`;
      expect(bodyLanguageTag(tag), tag).toBeDefined();
    }
  });

  it('each accepted primary subtag is a language ICU knows, in canonical form', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    let accepted = 0;
    for (const a of letters) for (const b of letters) for (const c of ['', ...letters]) {
      const code = `${a}${b}${c}`;
      const checked = languageTag(code);
      if (!checked.ok) continue;
      if (checked.tag === code) accepted++;
      // An alias (aar, iw) is accepted as its canonical code, which must itself be canonical and known.
      expect(Intl.getCanonicalLocales(checked.tag)[0], code).toBe(checked.tag);
      expect(names.of(checked.tag), code).toBeDefined();
    }
    // Every ISO 639-1 code the validator lists that ICU knows, and the three-letter ones without a two-letter code.
    expect(accepted).toBeGreaterThan(300);
  });

  it('site.yml: the problem names the field and the fix', () => {
    const parsed = parseSite(dump({ ...SITE, language: 'english' }));
    expect(parsed.site).toBeUndefined();
    // language: is SITE's fourth field.
    expect(parsed.problems).toEqual([{ file: 'site.yml', line: 4, field: 'language', message: expect.stringContaining('"english" is not a registered language'), fix: expect.stringContaining('en-GB') }]);
  });

  it('site.yml: a registered tag is the site\'s language; an unregistered or grandfathered one is its problem', () => {
    for (const language of ['en', 'en-GB', 'zh-Hant-TW']) {
      const parsed = parseSite(dump({ ...SITE, language }));
      expect(parsed.problems, language).toEqual([]);
      expect(parsed.site?.language, language).toBe(language);
    }
    expect(parseSite(dump({ ...SITE, language: 'zz' })).problems).toEqual([{ file: 'site.yml', line: 4, field: 'language', message: expect.stringContaining('"zz" is not a registered language'), fix: expect.stringContaining('en-GB') }]);
    expect(parseSite(dump({ ...SITE, language: 'en-GB-oed' })).problems).toEqual([
      { file: 'site.yml', line: 4, field: 'language', message: expect.stringContaining('"en-GB-oed" is a grandfathered BCP 47 tag'), fix: 'write en-GB-oxendict, its preferred value in the IANA registry' },
    ]);
  });
});
