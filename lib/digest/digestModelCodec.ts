import { DateTime } from 'luxon';
import type { DigestConfig } from '../content/digestConfig.js';
import type { DigestEntry, DigestModel, WeekLink, WeekNeighbours } from './digestModel.js';
import { ArchiveError } from '../shared/errors.js';
import type { IsoWeek } from '../time/isoWeek.js';
import type { Site } from '../content/site.js';

/**
 * A DigestModel as JSON, for the publish function to hand the digest function the week it has just archived
 * (a Lambda response is JSON, with a size limit). Everything is plain data but the dates, which travel as an
 * ISO 8601 instant with their zone and locale: the week's DateTimes, and each entry's date (epoch milliseconds
 * in the model) in the site's zone and language; its `dateIso` is not sent, since it follows from the date.
 * The site's digest settings travel as `config` beside the rest of the site, where format 1 has them.
 */
export const DIGEST_MODEL_FORMAT = 1;

export interface EncodedDateTime {
  /** With the offset, e.g. `2014-05-09T00:00:00.000+09:00`: the instant, whatever the zone's rules. */
  iso: string;
  /** IANA zone, e.g. `Asia/Seoul`. */
  zone: string;
  locale: string;
}

export interface EncodedDigestModel {
  format: typeof DIGEST_MODEL_FORMAT;
  site: Omit<Site, 'digest'>;
  config: DigestConfig;
  week: Omit<IsoWeek, 'start' | 'end'> & { start: EncodedDateTime; end: EncodedDateTime };
  rangeText: string;
  entries: (Omit<DigestEntry, 'date' | 'dateIso'> & { date: EncodedDateTime })[];
  keys: DigestModel['keys'];
  urls: DigestModel['urls'];
  /** The archived weeks next to it, which its archived page links: plain data. */
  around?: WeekNeighbours;
}

function encodeDateTime(date: DateTime): EncodedDateTime {
  return { iso: date.toISO() ?? '', zone: date.zoneName ?? 'UTC', locale: date.locale ?? 'en-US' };
}

function decodeDateTime(value: unknown, field: string): DateTime {
  const encoded = value as Partial<EncodedDateTime> | null;
  if (!encoded || typeof encoded.iso !== 'string' || typeof encoded.zone !== 'string' || typeof encoded.locale !== 'string') throw invalid(`${field} is not a date`);
  const date = DateTime.fromISO(encoded.iso, { zone: encoded.zone, locale: encoded.locale });
  if (!date.isValid) throw invalid(`${field}: ${date.invalidExplanation ?? date.invalidReason}`);
  return date;
}

export function encodeDigestModel(model: DigestModel): EncodedDigestModel {
  const { week } = model;
  const { digest, ...site } = model.site;
  return {
    format: DIGEST_MODEL_FORMAT,
    site,
    config: digest,
    week: { name: week.name, weekYear: week.weekYear, weekNumber: week.weekNumber, start: encodeDateTime(week.start), end: encodeDateTime(week.end) },
    rangeText: model.rangeText,
    entries: model.entries.map(({ dateIso: _dateIso, ...entry }) => ({ ...entry, date: encodeDateTime(DateTime.fromMillis(entry.date, { zone: model.site.timezone, locale: model.site.language })) })),
    keys: model.keys,
    urls: model.urls,
    ...(model.around ? { around: model.around } : {}),
  };
}

/**
 * The model back from its JSON. Checks the shape, not the meaning: the digest function then renders the
 * week's archive files from it and sends only if they are the bytes the manifest holds.
 */
export function decodeDigestModel(value: unknown): DigestModel {
  const encoded = value as Partial<EncodedDigestModel> | null;
  if (!encoded || typeof encoded !== 'object') throw invalid('it is not an object');
  if (encoded.format !== DIGEST_MODEL_FORMAT) throw invalid(`format ${JSON.stringify(encoded.format)}, not ${DIGEST_MODEL_FORMAT}: deploy the publish and digest functions from the same version`);
  const { site, config, week, keys, urls } = encoded;
  if (!site || typeof site.title !== 'string' || typeof site.url !== 'string' || typeof site.timezone !== 'string') throw invalid('site is missing');
  if (!config || typeof config.subject !== 'string') throw invalid('config is missing');
  if (!week || typeof week.name !== 'string' || typeof week.weekYear !== 'number' || typeof week.weekNumber !== 'number') throw invalid('week is missing');
  if (typeof encoded.rangeText !== 'string') throw invalid('rangeText is missing');
  if (!Array.isArray(encoded.entries)) throw invalid('entries is not a list');
  if (!keys || typeof keys.html !== 'string' || typeof keys.text !== 'string') throw invalid('keys are missing');
  if (!urls || typeof urls.html !== 'string' || typeof urls.index !== 'string') throw invalid('urls are missing');
  const entries = encoded.entries.map((entry, i): DigestEntry => {
    if (!entry || typeof entry.title !== 'string' || typeof entry.url !== 'string' || !Array.isArray(entry.tags) || !Array.isArray(entry.related)) throw invalid(`entries[${i}] is not an entry`);
    // imageAlt came later: a model without it (the image then decorative) still reads.
    if (entry.imageAlt !== undefined && typeof entry.imageAlt !== 'string') throw invalid(`entries[${i}].imageAlt is not text`);
    const date = decodeDateTime(entry.date, `entries[${i}].date`);
    return { ...entry, date: date.toMillis(), dateIso: date.toISODate() ?? '' };
  });
  const around = decodeNeighbours(encoded.around);
  return {
    ...(around ? { around } : {}),
    site: { ...site, digest: config },
    week: { name: week.name, weekYear: week.weekYear, weekNumber: week.weekNumber, start: decodeDateTime(week.start, 'week.start'), end: decodeDateTime(week.end, 'week.end') },
    rangeText: encoded.rangeText,
    entries,
    keys,
    urls,
  };
}

function decodeNeighbours(value: unknown): WeekNeighbours | undefined {
  if (value === undefined) return undefined;
  const around = value as Record<string, unknown> | null;
  if (!around || typeof around !== 'object') throw invalid('around is not an object');
  const link = (side: 'newer' | 'older'): WeekLink | undefined => {
    const week = around[side] as Partial<WeekLink> | null | undefined;
    if (week === undefined) return undefined;
    if (!week || typeof week.name !== 'string' || typeof week.rangeText !== 'string') throw invalid(`around.${side} is not a week`);
    return { name: week.name, rangeText: week.rangeText };
  };
  const newer = link('newer');
  const older = link('older');
  return { ...(newer ? { newer } : {}), ...(older ? { older } : {}) };
}

const invalid = (why: string) => new ArchiveError(`the digest model from the publish function is not usable: ${why}`);
