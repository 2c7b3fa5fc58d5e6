import { quote } from '../shared/quote.js';
import { BLOCK_CONTAINERS, PUBLISHED_TAGS } from './htmlElementSets.js';
import { markdown } from './markdownParser.js';

// The tags the output would show as elements, and those it makes into them (an h1 is an h2, a section a div).
const HTML_TAGS = new Set([...PUBLISHED_TAGS, ...BLOCK_CONTAINERS, 'h1']);
// A start or end tag at the start of a line's text; its name is checked against HTML_TAGS.
const TAG_AT_START = /^[ \t]*<\/?([A-Za-z][A-Za-z0-9]*)(?=[\s/>])/;
// A line indented as a code block's is (CommonMark §4.4: four spaces or a tab) whose text starts with a tag.
const INDENTED_TAG = /^(?: {4}|\t|[ ]{1,3}\t)[ \t]*<\/?[A-Za-z]/m;

/**
 * The warning for a body's indented code block whose text starts with an HTML tag the output keeps (`<p>`, `<td>`),
 * just before or after raw HTML: HTML pasted with its indentation, after a blank line, which CommonMark reads as a
 * code block (§4.4) and every output shows as code, tags and all. `line` is the block's first line in the body (0-based). The body is parsed only
 * when a line indented so starts with a tag.
 */
export function indentedHtmlWarning(body: string): { line: number; message: string; fix: string } | undefined {
  // INDENTED_TAG needs a `<`, which most Markdown bodies do not hold: a scan for it first.
  if (!body.includes('<') || !INDENTED_TAG.test(body)) return undefined;
  const tokens = markdown.parse(body, {});
  for (const [index, token] of tokens.entries()) {
    if (token.type !== 'code_block' || token.map === null) continue;
    // Pasted HTML: the block lies beside raw HTML (a table's start tag, its end tag). One among prose shows code.
    if (tokens[index - 1]?.type !== 'html_block' && tokens[index + 1]?.type !== 'html_block') continue;
    const tag = TAG_AT_START.exec(token.content);
    if (tag === null || !HTML_TAGS.has(tag[1]!.toLowerCase())) continue;
    const first = token.content.trimStart().split('\n', 1)[0]!.trimEnd();
    return {
      line: token.map[0],
      message: `holds HTML indented by four spaces or a tab after a blank line (${quote(first)}), which Markdown shows as a code block of the tags as typed (CommonMark §4.4)`,
      fix: 'remove the indentation of those lines to have the HTML read as HTML, or fence them with ``` if they are meant as code',
    };
  }
  return undefined;
}
