import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { digestWeekFiles } from '../../../lib/delivery/digestDelivery.js';
import { decodeDigestModel, encodeDigestModel, DIGEST_MODEL_FORMAT, type EncodedDigestModel } from '../../../lib/digest/digestModelCodec.js';
import type { DigestModel } from '../../../lib/digest/digestModel.js';
import { ArchiveError } from '../../../lib/shared/errors.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { renderDigestText } from '../../../lib/digest/renderDigestText.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// The publish function hands the digest function the week's model as JSON (a Lambda response).
const roundTrip = (model: DigestModel) => decodeDigestModel(JSON.parse(JSON.stringify(encodeDigestModel(model))));

describe('the digest model codec', () => {
  const site = testSite();
  const model = weekModel(site, [
    meta('2014-05-09', { title: 'Rice <prices> & “markets” 🍚', related: [{ title: 'Background', url: 'https://news.example.com/bg' }], image: 'https://img.example.com/rice.jpg' }),
    meta('2014-05-05T09:00:00', { summary: 'Tariffs & <quotas>, again.', source: { name: 'No Link News' } }),
  ]);

  it('brings back a model that renders every file and the email byte for byte', () => {
    const back = roundTrip(model);
    expect(digestWeekFiles(back)).toEqual(digestWeekFiles(model));
    expect(renderDigestHtml(back, { variant: 'email' })).toBe(renderDigestHtml(model, { variant: 'email' }));
    expect(renderDigestText(back, { variant: 'email', unsubscribeUrl: 'https://u.example/' })).toBe(renderDigestText(model, { variant: 'email', unsubscribeUrl: 'https://u.example/' }));
  });

  it('carries an image’s alt, and still reads a model written before it had one (its image then decorative)', () => {
    const pictured = weekModel(site, [meta('2014-05-06', { image: 'https://img.example.com/fair.jpg', imageAlt: 'Stalls at the fair' })]);
    expect(roundTrip(pictured).entries[0]!.imageAlt).toBe('Stalls at the fair');
    expect(renderDigestHtml(roundTrip(pictured), { variant: 'email' })).toContain('alt="Stalls at the fair"');
    const encoded = JSON.parse(JSON.stringify(encodeDigestModel(pictured))) as EncodedDigestModel;
    const { imageAlt: _imageAlt, ...older } = encoded.entries[0]!;
    const back = decodeDigestModel({ ...encoded, entries: [older] });
    expect(back.entries[0]!.imageAlt).toBeUndefined();
    expect(renderDigestHtml(back, { variant: 'archive' })).toMatch(/<img [^>]*alt=""/);
    expect(() => decodeDigestModel({ ...encoded, entries: [{ ...older, imageAlt: 7 }] })).toThrow(/entries\[0\]\.imageAlt is not text/);
  });

  it('keeps each date-time’s instant, zone and locale', () => {
    const back = roundTrip(model);
    const encoded = JSON.parse(JSON.stringify(encodeDigestModel(model))) as EncodedDigestModel;
    model.entries.forEach((entry, i) => {
      expect(back.entries[i]!.date).toBe(entry.date);
      expect(back.entries[i]!.dateIso).toBe(entry.dateIso);
      // An entry's date travels in the site's zone and language (en-GB in testSite).
      expect(encoded.entries[i]!.date.zone).toBe('Asia/Seoul');
      expect(encoded.entries[i]!.date.locale).toBe('en-GB');
      expect(DateTime.fromISO(encoded.entries[i]!.date.iso).toMillis()).toBe(entry.date);
    });
    expect(back.week.start.toMillis()).toBe(model.week.start.toMillis());
    expect(back.week.end.zoneName).toBe('Asia/Seoul');
  });

  it('keeps a DST week 167 hours long in its zone (New York, 2014-W10: clocks go forward on 9 March)', () => {
    const york = weekModel(testSite({ timezone: 'America/New_York', language: 'en' }), [meta('2014-03-09T12:00:00-04:00')], '2014-W10');
    const back = roundTrip(york);
    expect(back.week.end.diff(back.week.start, 'hours').hours).toBe(167);
    expect(back.week.start.toISO()).toBe('2014-03-03T00:00:00.000-05:00');
    expect(back.week.end.toISO()).toBe('2014-03-10T00:00:00.000-04:00');
    expect(encodeDigestModel(back).entries[0]!.date.iso).toBe('2014-03-09T12:00:00.000-04:00');
    expect(back.entries[0]!.dateIso).toBe('2014-03-09');
  });

  it('is small: a week of 200 entries stays far under Lambda’s 6 MB response', () => {
    const many = Array.from({ length: 200 }, (_, i) => meta(`2014-05-0${5 + (i % 7)}T10:00:00`, { summary: 'A summary of a few sentences about trade and markets. '.repeat(4) }));
    expect(JSON.stringify(encodeDigestModel(weekModel(site, many))).length).toBeLessThan(1_000_000);
  });

  it('refuses another format or a broken date with a clear error', () => {
    const encoded = JSON.parse(JSON.stringify(encodeDigestModel(model)));
    expect(() => decodeDigestModel({ ...encoded, format: DIGEST_MODEL_FORMAT + 1 })).toThrow(ArchiveError);
    expect(() => decodeDigestModel({ ...encoded, format: DIGEST_MODEL_FORMAT + 1 })).toThrow(/deploy the publish and digest functions from the same version/);
    const badDate = { ...encoded, entries: [{ ...encoded.entries[0], date: { iso: 'yesterday', zone: 'Asia/Seoul', locale: 'en-GB' } }] };
    expect(() => decodeDigestModel(badDate)).toThrow(/entries\[0\]\.date/);
    expect(() => decodeDigestModel(null)).toThrow(ArchiveError);
  });
});
