import { defaultTreeAdapter, type DefaultTreeAdapterMap } from 'parse5';
import { parseBodyHtml } from './parseBodyHtml.js';

type ParentNode = DefaultTreeAdapterMap['parentNode'];

// A comment HTML ends where the sanitiser's parser (htmlparser2, which ends one only at `-->`) does not: at `--!>`
// (WHATWG HTML §13.2.5.52, comment end bang state), or at once in `<!-->` and `<!--->` (§13.2.5.44–45, abrupt
// closing of an empty comment).
const EARLY_END = /--!>|<!---?>/;
const ENDED_EARLY = /^<!--(?:-?>|[\s\S]*--!>)$/;

/**
 * Body HTML with each comment that HTML ends early written with `-->` (its text kept), so that the sanitiser reads as
 * text what a browser shows after it, as on the path where parse5 reads the body first: `a <!-- x --!> shown --> b`
 * shows "shown -->". HTML without such an end is returned as it is.
 */
export function withHtmlCommentEnds(html: string): string {
  if (!EARLY_END.test(html)) return html;
  const comments: { start: number; end: number; data: string }[] = [];
  const visit = (parent: ParentNode): void => {
    for (const node of parent.childNodes) {
      if (defaultTreeAdapter.isCommentNode(node)) {
        const at = node.sourceCodeLocation;
        if (at && ENDED_EARLY.test(html.slice(at.startOffset, at.endOffset))) comments.push({ start: at.startOffset, end: at.endOffset, data: node.data });
      } else if ('childNodes' in node) visit(node);
      if (node.nodeName === 'template' && 'content' in node) visit(node.content);
    }
  };
  visit(parseBodyHtml(html, true));
  comments.sort((a, b) => a.start - b.start);
  let written = '';
  let from = 0;
  for (const { start, end, data } of comments) {
    written += `${html.slice(from, start)}<!--${data}-->`;
    from = end;
  }
  return written + html.slice(from);
}
