import { describe, expect, it } from 'vitest';
import { languageTag } from '../../../lib/content/languageTag.js';
import { parseSite } from '../../../lib/content/site.js';
import { dump } from 'js-yaml';
import { SITE } from '../../support/content.js';

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
});
