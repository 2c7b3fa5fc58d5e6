import { KOREAN_LINE_BREAKS } from '../shared/koreanLineBreaks.js';
import { PAGE_PALETTE } from '../shared/pagePalette.js';
import { RIGHT_TO_LEFT_CSS } from '../shared/rightToLeftCss.js';

/**
 * On paper a scroll region is no longer a box: code wraps its lines, a table's cells break their words where they
 * must (a word cut is better than a column lost), and nothing is clipped. Only on the pages that have one, so that
 * the other pages' bytes stay as they were.
 */
const PRINTED_REGIONS = '@media print{.commentary [role=region]{overflow:visible}.commentary pre{white-space:pre-wrap}.commentary .scroll{width:auto}.commentary :is(th,td){overflow-wrap:anywhere}}';

/**
 * The stylesheet every reader page shares (in a <style> element: the pages run no script and load nothing). Long
 * words break anywhere so that no page scrolls sideways, except in a table of the commentary: there a column would
 * shrink to a letter, so its cells break at spaces only and the table scrolls in its own box (the region
 * scrollRegions wraps it in), as a code block does. No image is wider than its column: the entry's image, above the
 * commentary, no more than those in it. Code reads left to right even in a right-to-left commentary (`dir="auto"`),
 * which would otherwise reorder its punctuation and align its lines to the right, their starts cut off. Korean breaks
 * between words (KOREAN_LINE_BREAKS). An entry's footnotes have a rule above them (footnoteSection). A right-to-left
 * page (`direction`) keeps its hidden text off screen on its right. The signup form's field and button have the
 * links' focus ring, as on the subscription pages, not the browser's own thin one. The one column of a narrow page is
 * the screen's width, never its widest content's (a grid's own column is `auto`): the email field, as wide as twenty
 * letters, would otherwise widen every line of the page in a reader's large text. The dark palette is the screen's:
 * a page printed from a browser in dark mode is printed light, since paper is white and a browser prints no
 * background by default (Chromium only darkens the text it would print pale, leaving grey dates and sources at 3:1).
 * On paper a link cannot be followed: each link out of the site (`a[href^="http"]`: the article's, the source's,
 * the related and the commentary's links; the site's own links are relative) has its address printed after it, but
 * for an entry page's title, whose article "Read the article" gives just below. Nor can paper send a form or go back
 * to a footnote's reference: the signup form and each note's ↩︎ (footnoteSection) are left off it.
 * Nor can a box be scrolled on paper: a page with a commentary's code block or table (`scrollRegions`) prints it
 * whole (PRINTED_REGIONS), where the paper's edge would cut off a long line and the columns past it.
 */
export function pageCss(direction: 'ltr' | 'rtl' = 'ltr', options: { scrollRegions?: boolean } = {}): string {
  const { light, dark } = PAGE_PALETTE;
  return `:root{color-scheme:light dark;--bg:${light.background};--text:${light.text};--muted:${light.muted};--link:${light.link};--accent:${light.accent};--panel:${light.panel}}
@media screen and (prefers-color-scheme:dark){:root{--bg:${dark.background};--text:${dark.text};--muted:${dark.muted};--link:${dark.link};--accent:${dark.accent};--panel:${dark.panel}}}
@media print{:root{color-scheme:light}a[href^="http"]::after{content:" " attr(href)}h1 a[href]::after{content:none}.signup,.notes a[href^="#fnref-"]{display:none}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK KR",sans-serif;overflow-wrap:anywhere}
${KOREAN_LINE_BREAKS}
a{color:var(--link)}
:is(a,button,input,[tabindex]):focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999rem}
.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem}
.wrap{max-width:72rem;margin:0 auto;padding:1rem 1.25rem 3rem}
header p{margin:.25rem 0 0;color:var(--muted)}
header nav{margin-top:.75rem;font-weight:600}
h1{font-size:2rem;line-height:1.2;margin:.5rem 0 0}
h2{font-size:1.3rem;margin:0 0 .75rem}
h3{font-size:1.1rem;line-height:1.35;margin:0 0 .25rem}
.layout{display:grid;grid-template-columns:minmax(0,1fr);gap:2rem;margin-top:1.5rem}
@media (min-width:56rem){.layout{grid-template-columns:minmax(0,2fr) minmax(0,1fr)}}
.panel{background:var(--panel);border-radius:.5rem;padding:1rem 1.25rem;margin-bottom:1.5rem}
ol.entries{list-style:none;margin:0;padding:0}
ol.entries>li{padding:1rem 0;border-top:1px solid var(--muted)}
ol.entries>li:first-child{border-top:0;padding-top:0}
.meta{color:var(--muted);font-size:.9rem;margin:0 0 .35rem}
.summary{margin:.25rem 0}
.more,nav[aria-label=Months]{margin-top:1.5rem;font-weight:600}
ul.tags{list-style:none;padding:0;margin:.25rem 0 0;display:flex;flex-wrap:wrap;gap:.25rem .75rem;font-size:.9rem}
dl.feeds{margin:0}
dl.feeds dt{font-weight:600;margin-top:.5rem}
dl.feeds dd{margin:0}
code.url{display:block;user-select:all;-webkit-user-select:all;font-size:.8rem;background:var(--bg);border:1px solid var(--muted);border-radius:.25rem;padding:.25rem .4rem;margin-top:.15rem;overflow-wrap:anywhere}
ul.taglist{padding-left:1.1rem;margin:0}
ul.taglist li{margin:.35rem 0}
ul.taglist .formats{font-size:.85rem}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.signup input[type=email]{font:inherit;padding:.3rem;max-width:100%}
.signup button{font:inherit}
footer{color:var(--muted);font-size:.85rem;margin-top:2rem}
.entry{max-width:44rem}
img{max-width:100%;height:auto}
.commentary pre{text-align:left}
.commentary :is(pre,code,kbd,samp){direction:ltr;unicode-bidi:isolate}
.commentary [role=region]{max-width:100%;overflow-x:auto}
.commentary .scroll{width:max-content}
.commentary :is(th,td){overflow-wrap:normal}
.commentary .notes{border-top:1px solid var(--muted);margin-top:1.5rem;font-size:.9rem}${options.scrollRegions ? `\n${PRINTED_REGIONS}` : ''}${direction === 'rtl' ? `\n${RIGHT_TO_LEFT_CSS}` : ''}`;
}

