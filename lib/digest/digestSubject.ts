import { countOf } from '../shared/countOf.js';
import { cleanText } from '../shared/xmlText.js';

/**
 * Fills the subject template (digest.subject): one line, cleaned as every output is (cleanText). `{entries}` is the
 * count with its noun ("1 entry", "3 entries"): a subscriber who chose one topic often gets a week of one. The
 * email's subject and its HTML's <title> both.
 */
export function digestSubject(template: string, fields: { title: string; range: string; week: string; count: number }): string {
  const values: Record<string, string> = { ...fields, count: String(fields.count), entries: countOf(fields.count, 'entry', 'entries') };
  return cleanText(template.replace(/\{(title|range|week|count|entries)\}/g, (_m, name: string) => values[name]!).replace(/[\r\n]+/g, ' '));
}
