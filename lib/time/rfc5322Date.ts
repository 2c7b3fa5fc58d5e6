import type { DateTime } from 'luxon';

/** RFC 5322 §3.3 date-time in `zone`: "Mon, 12 May 2014 08:00:00 +0900" (English names, whatever the locale). */
export function rfc5322Date(date: DateTime, zone: string): string {
  return date.setZone(zone).toRFC2822()!;
}
