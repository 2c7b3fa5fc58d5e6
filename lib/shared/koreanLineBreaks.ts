/**
 * Korean puts spaces between its words, and its readers expect a line to break there, not between two syllables of a
 * word as a browser breaks Hangul by default (CSS Text 3 §5.2: `word-break: keep-all` is for this). A word longer
 * than the line still breaks, where the stylesheet's `overflow-wrap: anywhere` lets it, so nothing overflows at
 * 320 px. A rule for the pages' stylesheets, which a browser applies to whatever says `lang="ko"`, the page or a part.
 */
export const KOREAN_LINE_BREAKS = ':lang(ko){word-break:keep-all}';

/** Whether `language` (BCP 47) is Korean, `ko` or `ko-KR`: for an email, whose client may drop the `lang` of <html>. */
export function koreanLineBreaks(language: string): boolean {
  return /^ko(?:-|$)/i.test(language);
}
