import type { Problem } from '../lib/shared/errors.js';
import { countOf } from '../lib/shared/countOf.js';
import { problemLines } from '../lib/shared/problemLines.js';
import { escapeHtml } from '../lib/shared/xmlText.js';

/**
 * A page of the last good build, served while the content's latest save does not build, with a line at the top of its
 * body saying so and naming the first problem: reloaded in the browser, the page looked as before, with nothing to
 * say the save had been refused but the terminal. Plain elements (the pages' Content-Security-Policy allows no inline
 * style); a page with no `<body>` tag is served as built.
 */
export function previewFailureNotice(page: Buffer, problems: readonly Problem[], message: string): Buffer {
  const html = page.toString('utf8');
  const body = /<body\b[^>]*>/i.exec(html);
  if (!body) return page;
  const said = problems.length === 0 ? message : `${countOf(problems.length, 'problem', 'problems')}${problems.length > 1 ? ', the first' : ''}: ${problemLines(problems, 1)[0]!}`;
  const notice = `<p role="alert"><strong>The last save does not build; this is the last good build.</strong> ${escapeHtml(said)}. The terminal lists every problem: fix them and reload.</p>`;
  const at = body.index + body[0].length;
  return Buffer.from(`${html.slice(0, at)}${notice}${html.slice(at)}`, 'utf8');
}
