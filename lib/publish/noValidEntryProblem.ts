import { ENTRIES_PREFIX } from '../content/contentKeys.js';
import { countOf } from '../shared/countOf.js';
import type { Problem } from '../shared/errors.js';

/**
 * Every entry invalid where the last publish had some public: a publish with --skip-invalid would leave them all out
 * and put a site with no entry in place of the live one, as content without an entry file would (refused too, README
 * "Content"); a mass edit gone wrong (a search and replace over every file) is the likely cause, not a site meant to
 * be emptied.
 */
export function noValidEntryProblem(invalid: number): Problem {
  return {
    file: ENTRIES_PREFIX,
    field: 'file',
    message: `holds no valid entry (${countOf(invalid, 'entry is', 'entries are')} invalid): skipping the invalid entries would replace the published site with one of no entry`,
    fix: 'fix the problems listed (broadsheet check lists them): --skip-invalid leaves some entries out, never every one',
  };
}
