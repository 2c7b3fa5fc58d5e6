import { EVENT_ID, getScalarValue, SCALAR_STYLE, type Event } from 'js-yaml';
import type { Problem } from '../shared/errors.js';
import { QUOTE_MAX_CHARS, quote } from '../shared/quote.js';
import { yamlLines } from './yamlLines.js';

// Where the parser is: a mapping (whose next node is a key or the value of `key`), a list (its next item), the document.
type Frame = { kind: 'mapping'; path: string; key: string | undefined; atKey: boolean } | { kind: 'list'; path: string; index: number } | { kind: 'document' };

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

/** The field a node names in messages (`title`, `source.name`, `related[0].url`), and moves the frame past it. */
function nodePath(frame: Frame | undefined, key: string | undefined): string {
  if (frame === undefined || frame.kind === 'document') return '';
  if (frame.kind === 'list') return `${frame.path}[${frame.index++}]`;
  if (frame.atKey) {
    frame.key = key ?? '?';
    frame.atKey = false;
    return join(frame.path, frame.key);
  }
  frame.atKey = true;
  return join(frame.path, frame.key ?? '?');
}

/**
 * The first YAML tag (`! y`, `!foo bar`, `!!binary …`; YAML 1.2 §6.9.1) in the events, as a problem. A tag names a type
 * and is no part of the text: `title: ! y` loads as "y" without a word. Front matter and site.yml are text, numbers and
 * lists, which YAML tells apart untagged, so an editor who typed a leading ! meant it as text: the fix is the quoted line.
 */
export function yamlTagProblem(events: readonly Event[], text: string, file: string, firstLine: number): Problem | undefined {
  const stack: Frame[] = [];
  for (const event of events) {
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    if (event.type === EVENT_ID.DOCUMENT) {
      stack.push({ kind: 'document' });
      continue;
    }
    const frame = stack.at(-1);
    // A key's text is read only for a scalar in a key's place.
    const key = event.type === EVENT_ID.SCALAR && frame?.kind === 'mapping' && frame.atKey ? getScalarValue(text, event) : undefined;
    const path = nodePath(frame, key);
    if (event.type !== EVENT_ID.ALIAS && event.tagStart >= 0) {
      const tag = text.slice(event.tagStart, event.tagEnd);
      const before = yamlLines(text.slice(0, event.tagStart));
      const lineIndex = before.length - 1;
      const line = yamlLines(text)[lineIndex]!;
      const lineStart = event.tagStart - before[lineIndex]!.length;
      // A one-line plain value: the text the editor typed, tag included, is the value quoted.
      const end = event.type === EVENT_ID.SCALAR && event.valueEnd >= 0 ? event.valueEnd : event.tagEnd;
      const typed = text.slice(event.tagStart, end);
      const quoted = JSON.stringify(typed);
      const plain = event.type === EVENT_ID.SCALAR && event.style === SCALAR_STYLE.PLAIN && !typed.includes('\n');
      const fix = !plain
        ? `remove ${quote(tag)}; if it is part of the text, put the whole value in double quotes`
        : quoted.length <= QUOTE_MAX_CHARS
          ? `quote the value: ${`${line.slice(0, event.tagStart - lineStart)}${quoted}${line.slice(end - lineStart)}`.trim()}`
          : `put the whole value, its ${tag} included, in double quotes`;
      return {
        file,
        line: firstLine + lineIndex,
        field: path === '' ? 'yaml' : path,
        message: `a value beginning with "!" is read by YAML as a tag (the name of a type${tag === '!' ? '' : `, here ${quote(tag)}`}), not as text`,
        fix,
      };
    }
    if (event.type === EVENT_ID.MAPPING) stack.push({ kind: 'mapping', path, key: undefined, atKey: true });
    else if (event.type === EVENT_ID.SEQUENCE) stack.push({ kind: 'list', path, index: 0 });
  }
  return undefined;
}
