// YAML 1.2 §5.4: a line break is CRLF, CR or LF (js-yaml counts its marks' lines so); a byte-order mark is no text.
const LINE_BREAK = /\r\n?|\n/;

/**
 * The lines of YAML text as YAML counts them, without their line breaks and without a leading byte-order mark, so that
 * a line's text and its number read the same in an LF, a CRLF and a CR file: index i is the text's line i + 1.
 */
export function yamlLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(LINE_BREAK);
}

/** The index in yamlLines(text) of the line holding the character at `offset`. */
export function yamlLineIndex(text: string, offset: number): number {
  return yamlLines(text.slice(0, offset)).length - 1;
}
