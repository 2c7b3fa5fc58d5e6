import { checkEntryDate } from '../time/entryInstant.js';
import { keyFileName } from '../shared/keyFileName.js';

// Jekyll's post name, YEAR-MONTH-DAY-title.md, whose date Jekyll takes as the post's (https://jekyllrb.com/docs/posts/).
const DATED_NAME = /^(\d{4}-\d{2}-\d{2})-[^/]*$/;

/** The date a file's name begins with, as Jekyll names a post (`2014-05-12-some-title.md` → `2014-05-12`), when it is a real date. */
export function fileNameDate(key: string): string | undefined {
  const date = DATED_NAME.exec(keyFileName(key))?.[1];
  return date !== undefined && checkEntryDate(date).ok ? date : undefined;
}
