import { parseEntry } from '../../lib/content/entry.js';
import type { Problem } from '../../lib/shared/errors.js';
import { entry, entryText } from './content.js';

/** The file's line (1-based) of the first line of `body` that holds `text`, as the entry file is written. */
export function bodyLineOf(body: string, text: string): number {
  return entryText(entry({}), body).split('\n').findIndex((line) => line.includes(text)) + 1;
}

/** The body's warnings whose message `kind` matches (each kind of drop has its own), as `check` gives them for entries/2014/a.md. */
export function bodyWarnings(body: string, kind: RegExp): Problem[] {
  const parsed = parseEntry(entryText(entry({}), body), 'entries/2014/a.md', { timezone: 'Asia/Seoul', url: 'https://watch.example.org/' });
  return parsed.warnings.filter((warning) => warning.field === 'body' && kind.test(warning.message));
}
