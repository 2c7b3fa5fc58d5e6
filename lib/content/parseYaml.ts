import { constructFromEvents, CORE_SCHEMA, EVENT_ID, parseEvents, YAMLException, type Event } from 'js-yaml';
import { trimSpaces } from '../shared/trimSpaces.js';
import { BoundedCache } from '../shared/boundedCache.js';
import type { Problem } from '../shared/errors.js';
import { quote } from '../shared/quote.js';
import { yamlLineIndex, yamlLines } from './yamlLines.js';
import { yamlTagProblem } from './yamlTagProblem.js';

export type YamlResult = { ok: true; value: unknown } | { ok: false; problem: Problem };

/**
 * Parses YAML with the core schema: no timestamps (dates stay strings, so the site's time zone applies),
 * no tags (yamlTagProblem), no anchors or aliases. `firstLine` is the file line the text starts on, so errors point into the file.
 */
export function parseYaml(text: string, file: string, firstLine = 1): YamlResult {
  try {
    const simple = parseSimpleYaml(text);
    if (simple !== undefined) return { ok: true, value: simple };
    // js-yaml's load is parseEvents then constructFromEvents: the events are checked in between.
    const events = parseEvents(text, { filename: file });
    const refused = anchorProblem(events, text, file, firstLine) ?? yamlTagProblem(events, text, file, firstLine);
    if (refused) return { ok: false, problem: refused };
    const documents = constructFromEvents(events, { schema: CORE_SCHEMA, filename: file, source: text });
    // Nothing but blank lines and comments: no value, which each caller names as an empty file or front matter.
    if (documents.length === 0) return { ok: true, value: null };
    if (documents.length > 1) throw new YAMLException('expected a single document in the stream, but found more');
    return { ok: true, value: documents[0] };
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const problem: Problem = {
      file,
      field: 'yaml',
      message: `malformed YAML: ${error.reason ?? error.message.split('\n')[0]}`,
      fix: 'check the indentation, quotes and colons on that line; quote values that contain ": " or start with a special character',
    };
    const line = (error as YAMLException & { mark?: { line?: number } }).mark?.line;
    if (typeof line === 'number') {
      problem.line = firstLine + line;
      // Name the field whose line broke, when the line is a `key: value` line.
      const key = /^([A-Za-z_][\w-]*)\s*:/.exec(yamlLines(text)[line] ?? '')?.[1];
      if (key) problem.field = key;
    }
    return { ok: false, problem };
  }
}

/**
 * The first anchor (`&name`) or alias (`*name`) in the events, as a problem. An alias repeats its anchor's whole
 * value, and aliases of aliases grow the value exponentially with the file's length (the "billion laughs"):
 * front matter and site.yml have no use for either, so both are refused before any value is built.
 */
function anchorProblem(events: readonly Event[], text: string, file: string, firstLine: number): Problem | undefined {
  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT || event.type === EVENT_ID.POP || event.anchorStart < 0) continue;
    const alias = event.type === EVENT_ID.ALIAS;
    const written = `${alias ? '*' : '&'}${text.slice(event.anchorStart, event.anchorEnd)}`;
    const lineIndex = yamlLineIndex(text, event.anchorStart);
    const lines = yamlLines(text);
    // The top-level field the anchor or alias sits under.
    let field = 'yaml';
    for (let index = lineIndex; index >= 0; index--) {
      const key = /^([A-Za-z_][\w-]*)\s*:/.exec(lines[index]!)?.[1];
      if (key) {
        field = key;
        break;
      }
    }
    return {
      file,
      line: firstLine + lineIndex,
      field,
      message: `uses a YAML ${alias ? 'alias' : 'anchor'} (${quote(written)}), which is not allowed`,
      fix: `write the value out in full where it is used; if ${alias ? '*' : '&'} is part of the text, quote it: "${alias ? '*' : '&'}..."`,
    };
  }
  return undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/*
 * The fast path. Nearly every front matter is the same few shapes: `key: plain or "quoted" scalar`,
 * `key: [flow, list]`, a nested mapping (`source:` then `  name: X`) and a block list of scalars or small
 * mappings (`related:`). parseSimpleYaml reads exactly that subset, faster than the full parser (docs/benchmarks.md),
 * and returns undefined for anything else (comments after values, block scalars, anchors, tags, escapes,
 * tabs, CRLF, duplicate keys, any doubt), which then goes to js-yaml, so errors and their line numbers
 * are js-yaml's. Plain scalars resolve through CORE_SCHEMA itself (null, bool, int, float, else string),
 * so the values are the ones js-yaml gives; tests/unit/content/simpleYaml.test.ts compares the two.
 */
type Value = unknown;
const FALLBACK = Symbol('fallback');
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]{0,127}):(?: +(.*))?$/;
// Outside YAML 1.2 §5.1 printable characters, or left to js-yaml anyway: tab, CR, controls, BOM, U+FFFE/F, lone surrogates.
const NOT_SIMPLE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// YAML 1.2 §7.3.3: a plain scalar may not start with an indicator.
const INDICATORS = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);
const STRING_TAG = 'tag:yaml.org,2002:str';

/** The front matter as js-yaml's core schema reads it, or undefined when it is not in the simple subset. */
export function parseSimpleYaml(text: string): Record<string, unknown> | undefined {
  if (NOT_SIMPLE.test(text)) return undefined;
  const lines = text.split('\n');
  const root: Record<string, unknown> = {};
  let i = 0;
  let keys = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlankOrComment(line)) {
      i++;
      continue;
    }
    const match = KEY_LINE.exec(line);
    if (!match || !isSimpleKey(match[1]!) || Object.hasOwn(root, match[1]!)) return undefined;
    const inline = trimSpaces(match[2] ?? '');
    i++;
    keys++;
    if (inline !== '') {
      const value = scalarOrFlow(inline);
      // An indented line after an inline value continues a multi-line scalar: leave it to js-yaml.
      if (value === FALLBACK || (i < lines.length && lines[i]!.startsWith(' '))) return undefined;
      root[match[1]!] = value;
      continue;
    }
    const block: string[] = [];
    while (i < lines.length && (lines[i]!.startsWith(' ') || lines[i]!.startsWith('-'))) block.push(lines[i++]!);
    const value = block.length === 0 ? null : blockCollection(block);
    if (value === FALLBACK) return undefined;
    root[match[1]!] = value;
  }
  return keys > 0 ? root : undefined;
}

function isBlankOrComment(line: string): boolean {
  const trimmed = line.trimStart();
  return trimmed === '' ? line === '' : trimmed.startsWith('#') && line === trimmed;
}

function isSimpleKey(key: string): boolean {
  // The same dozen keys in every entry: each is resolved once.
  return simpleKeys.get(key, (name) => name !== '__proto__' && CORE_SCHEMA.resolveImplicitScalarTag(name).tag.tagName === STRING_TAG);
}

const simpleKeys = new BoundedCache<string, boolean>(1_000);

function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

/** A nested mapping of inline values, or a list of scalars or of such mappings, all at one indentation. */
function blockCollection(lines: string[]): Value | typeof FALLBACK {
  const indent = indentOf(lines[0]!);
  const first = lines[0]!.slice(indent);
  if (first.startsWith('- ')) {
    const list: unknown[] = [];
    let item: Record<string, unknown> | undefined;
    for (const line of lines) {
      const n = indentOf(line);
      const rest = line.slice(n);
      if (n === indent && rest.startsWith('- ') && rest[2] !== ' ') {
        const body = rest.slice(2);
        const pair = KEY_LINE.exec(body);
        if (pair) {
          item = {};
          if (addPair(item, pair) === FALLBACK) return FALLBACK;
          list.push(item);
        } else {
          item = undefined;
          const value = scalarOrFlow(trimSpaces(body));
          if (value === FALLBACK) return FALLBACK;
          list.push(value);
        }
      } else if (n === indent + 2 && item && trimSpaces(rest) !== '') {
        const pair = KEY_LINE.exec(rest);
        if (!pair || addPair(item, pair) === FALLBACK) return FALLBACK;
      } else return FALLBACK;
    }
    return list;
  }
  if (indent === 0) return FALLBACK;
  const mapping: Record<string, unknown> = {};
  for (const line of lines) {
    if (indentOf(line) !== indent) return FALLBACK;
    const pair = KEY_LINE.exec(line.slice(indent));
    if (!pair || addPair(mapping, pair) === FALLBACK) return FALLBACK;
  }
  return mapping;
}

function addPair(mapping: Record<string, unknown>, pair: RegExpExecArray): void | typeof FALLBACK {
  const key = pair[1]!;
  const inline = trimSpaces(pair[2] ?? '');
  if (inline === '' || !isSimpleKey(key) || Object.hasOwn(mapping, key)) return FALLBACK;
  const value = scalarOrFlow(inline);
  if (value === FALLBACK) return FALLBACK;
  mapping[key] = value;
}

/** A one-line value: a plain scalar, a quoted string without escapes, or a flow list of plain scalars. */
function scalarOrFlow(text: string): Value | typeof FALLBACK {
  if (text.includes(' #')) return FALLBACK;
  const first = text[0];
  if (first === '"' || first === "'") {
    const inner = text.slice(1, -1);
    if (text.length < 2 || !text.endsWith(first) || inner.includes(first) || (first === '"' && inner.includes('\\'))) return FALLBACK;
    return inner;
  }
  if (first === '[') {
    if (!text.endsWith(']')) return FALLBACK;
    const inner = text.slice(1, -1);
    if (/[[\]{}"'#:]/.test(inner)) return FALLBACK;
    if (trimSpaces(inner) === '') return [];
    const items: unknown[] = [];
    for (const raw of inner.split(',')) {
      const item = trimSpaces(raw);
      if (!isPlain(item)) return FALLBACK;
      items.push(CORE_SCHEMA.resolveImplicitScalarTag(item).value);
    }
    return items;
  }
  if (!isPlain(text) || text.includes(': ') || text.endsWith(':')) return FALLBACK;
  return CORE_SCHEMA.resolveImplicitScalarTag(text).value;
}

function isPlain(text: string): boolean {
  return text !== '' && !INDICATORS.has(text[0]!);
}
