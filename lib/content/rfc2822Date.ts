import { createRequire } from 'node:module';
import type * as Luxon from 'luxon';
import { onFirstCall } from '../shared/onFirstCall.js';
import { quote } from '../shared/quote.js';
import { parseEntryInstant } from '../time/entryInstant.js';

// Loaded only for a date that fails the entry's own parse: `check` of ordinary content loads no luxon.
const luxon = onFirstCall(() => (typeof require === 'function' ? require('luxon') : createRequire(import.meta.url)('luxon')) as typeof Luxon);

// The shape of an RFC 2822 §3.3 date-time (a day, a month's name, a year, a time): a quick look before luxon loads.
const LOOKS_RFC2822 = /^(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{4}\s+\d{2}:\d{2}/i;

/**
 * The problem of a `field:` date pasted from an RSS feed or an email (`Tue, 03 Jun 2014 10:00:00 +0000`: RFC 822 as
 * RSS 2.0's pubDate writes it, RFC 2822 §3.3 as mail does), with the RFC 3339 date-time it reads as, in the offset
 * typed (`+0000` as `+00:00`, a zone's name as its offset, RFC 2822 §4.3). Undefined for other text, a weekday that
 * date was not on, or a date an entry cannot have.
 */
export function rfc2822Date(field: string, raw: unknown): { message: string; fix: string } | undefined {
  if (typeof raw !== 'string' || !LOOKS_RFC2822.test(raw.trim())) return undefined;
  const parsed = luxon().DateTime.fromRFC2822(raw.trim(), { setZone: true });
  if (!parsed.isValid) return undefined;
  // RFC 3339 §5.6's time-numoffset rather than Z, as the offset was typed as numbers.
  const iso = parsed.toISO({ suppressMilliseconds: true }).replace(/Z$/, '+00:00');
  if (!parseEntryInstant(iso, 'UTC').ok) return undefined;
  return { message: `${quote(raw)} is an RSS or email date (RFC 822), not one in the form YYYY-MM-DD or an RFC 3339 date-time`, fix: `write ${field}: ${iso}` };
}
