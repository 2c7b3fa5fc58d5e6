import { rfc2822Date } from './rfc2822Date.js';
import { slashedDate } from './slashedDate.js';
import { spelledDate } from './spelledDate.js';

/**
 * The problem of a `field:` value that is not a date in the entry's form but reads as one written otherwise (slashedDate,
 * spelledDate, rfc2822Date), with the fix that writes the one meant; undefined for other text. `flag`: for a
 * command-line flag that takes a day (`--date 2014-05-12`): the fix writes `--date 2014-05-12`, and an RSS or email
 * date-time is not read, as the flag takes no time.
 */
export function dateMeant(field: string, raw: unknown, flag = false): { message: string; fix: string } | undefined {
  const separator = flag ? ' ' : ': ';
  return slashedDate(field, raw, separator) ?? spelledDate(field, raw, separator) ?? (flag ? undefined : rfc2822Date(field, raw));
}
