/** An entry file split into its YAML front matter and its Markdown body. */
export interface FrontMatterSplit {
  yaml: string;
  body: string;
  /** The file line (1-based) on which the YAML starts. */
  yamlLine: number;
}

export type SplitResult = { ok: true; value: FrontMatterSplit } | { ok: false; message: string; fix: string };

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

/** Splits `---\nYAML\n---\nBODY`. Tolerates a byte-order mark and CRLF line ends. */
export function splitFrontMatter(text: string): SplitResult {
  if (text.trim() === '') return { ok: false, message: 'the file is empty', fix: 'start it with front matter between two --- lines, then the commentary' };
  const opening = OPENING.exec(text);
  if (!opening) return { ok: false, message: 'no front matter', fix: 'start the file with a line ---, then title, url, source and date, then another line ---' };
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) return { ok: false, message: 'the front matter is not closed', fix: 'add a line --- after the last front-matter field' };
  // A copy, not a slice: every value parsed out of a slice would keep the whole file alive (V8 substrings point
  // into their parent), and the parsed entries would hold all of the site's Markdown. Concatenating flattens.
  const yaml = (' ' + rest.slice(0, closing.index)).slice(1);
  const afterClosing = rest.slice(closing.index + closing[0].length).replace(/^\r?\n/, '');
  return { ok: true, value: { yaml, body: afterClosing, yamlLine: 2 } };
}
