import type { Problem } from '../shared/errors.js';
import { yamlNonPrintable } from './yamlNonPrintable.js';
import { yamlLines } from './yamlLines.js';

// What a comment may hold that no editor shows: what YAML does not read in a file (NON_PRINTABLE in
// yamlNonPrintable.ts), and two characters YAML counts as printable (YAML 1.2 §5.1) but invisible all the same: NEL
// (U+0085, a C1 control) and U+FEFF (a byte-order mark, which YAML takes as one only at a stream's start).
const UNSEEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFEFF\uFFFE\uFFFF]/;
const UNSEEN_ALL = new RegExp(UNSEEN.source, 'g');
// A comment's `#`: at a line's start or after white space (YAML 1.2 §6.6).
const COMMENT_START = /(?:^|[ \t])#/;

/**
 * A warning for each line of YAML that read without error but holds, in a comment, a character no editor shows
 * (UNSEEN): one YAML does not read in a file (a control character pasted from a PDF or a terminal, U+FFFE, U+FFFF),
 * which js-yaml refuses in a key or value (explainYamlProblem names it) but passes over in a comment, or NEL or U+FEFF.
 * No output holds a comment, but the file holds the character: the first on each line, at its column. `firstLine` is the file line the YAML starts on;
 * `field` names where the comment is (an entry's front matter, or site.yml's own YAML).
 */
export function commentControlCharacters(yaml: string, file: string, firstLine = 1, field = 'front matter comment'): Problem[] {
  if (!UNSEEN.test(yaml)) return [];
  const warnings: Problem[] = [];
  for (const [index, line] of yamlLines(yaml).entries()) {
    const found = [...line.matchAll(UNSEEN_ALL)];
    const [first] = found;
    if (first === undefined || !COMMENT_START.test(line.slice(0, first.index))) continue;
    const more = found.length === 1 ? '' : ` and ${found.length - 1} more after it`;
    warnings.push({
      file,
      line: firstLine + index,
      field,
      message: `holds ${yamlNonPrintable(line, first[0], first.index)}${more}, which no editor shows: YAML leaves the comment out, so nothing is published, but the file holds it`,
      fix: 'delete it',
    });
  }
  return warnings;
}
