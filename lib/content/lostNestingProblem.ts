import { markdown, type LostNesting } from './markdownParser.js';

// Each level markdown-it counts needs a part at the start of the line that opens it: a quote's `>`, a list item's
// marker with the space or tab after it (CommonMark §5.2: a `-` or `1.` without one is text, so a rule of dashes or a
// long number is no run), its indentation (a tab stands for at most four columns, two list levels of two each), or a
// footnote's `[^label]:`. Each part gives at most four levels; a body none of whose lines starts with a run of that many
// can reach no deep level, and is not parsed again.
const LEVELS_PER_PART = 4;
const deepLine = (levels: number) => new RegExp(`^(?:[ \\t>]|[*+\\-][ \\t]|\\d{1,9}[.)][ \\t]|\\[\\^[^\\]\\n]*\\]:){${Math.floor(levels / LEVELS_PER_PART)}}`, 'm');
const MAY_NEST_PAST_LIMIT = deepLine(markdown.options.maxNesting);

/**
 * The problem of a body that nests lists, quotes or footnotes deeper than markdown-it reads (its maxNesting levels, two
 * a list level, one a quote): markdown-it skips the rest of what it was reading there (markdownParser lists where):
 * a deep list's item, the body to its end; a deep quote, the rest of the quote. `line` is the body's (0-based) where the
 * skipped part starts. The body is parsed only when a line could start so deep (MAY_NEST_PAST_LIMIT).
 */
export function lostNestingProblem(body: string): { line: number; message: string; fix: string } | undefined {
  if (!MAY_NEST_PAST_LIMIT.test(body)) return undefined;
  const env = { lostNesting: [] as LostNesting[] };
  markdown.parse(body, env);
  const [lost] = env.lostNesting;
  if (lost === undefined) return undefined;
  const levels = markdown.options.maxNesting;
  const lines = lost.end - lost.line;
  // A deep quote loses only its own rest; a deep list, the body from there on.
  const what = lost.textAfter ? `its nested part from this line on (${lines} line${lines === 1 ? '' : 's'}; the text after it is kept)` : 'the body from this line on, the text after the nested part included';
  return {
    line: lost.line,
    message: `nests lists or quotes deeper than Markdown is read (${levels} levels: each list level takes two, each quote one): every feed and page would lose ${what}`,
    fix: `nest lists fewer than ${levels / 2} deep and quotes fewer than ${levels} (a list of a few levels, headings for the rest)`,
  };
}
