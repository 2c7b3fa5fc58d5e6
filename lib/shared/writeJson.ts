import type { Utf8Chunks } from './utf8Chunks.js';

/** Members of an object at the last streamed depth stringified together. */
const BATCH = 100;

/**
 * Writes the text of `JSON.stringify(value, null, indent)` into `out` a member at a time down to `streamDepth`
 * (the top value is depth 0); the values below are stringified whole, an object's members a batch at a time, so a
 * document of many small records never exists as one string (see Utf8Chunks). Only plain objects are streamed;
 * anything else (an array, an object with `toJSON`) is stringified whole, as JSON.stringify would.
 */
export function writeJson(out: Utf8Chunks, value: unknown, indent = 0, streamDepth = 1): void {
  if (!writeValue(out, value, 0, indent, streamDepth)) throw new TypeError('writeJson: the value has no JSON text');
}

/** Writes the value's text; false, writing nothing, for what JSON.stringify gives no text for (undefined, a function, a symbol). */
function writeValue(out: Utf8Chunks, value: unknown, depth: number, indent: number, streamDepth: number): boolean {
  if (depth < streamDepth && isPlainObject(value)) {
    writeObject(out, value, depth, indent, streamDepth);
    return true;
  }
  const text = JSON.stringify(value, null, indent) as string | undefined;
  if (text === undefined) return false;
  // Whole at this depth: its own lines are indented from column 0, so they move in by this depth's indentation.
  // A newline inside a string is escaped by JSON.stringify: every raw one is between tokens.
  out.push(indent > 0 && depth > 0 ? text.replaceAll('\n', `\n${' '.repeat(indent * depth)}`) : text);
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  return Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null;
}

function writeObject(out: Utf8Chunks, value: Record<string, unknown>, depth: number, indent: number, streamDepth: number): void {
  const keys = Object.keys(value);
  let first = true;
  out.push('{');
  if (depth + 1 < streamDepth) {
    const inner = indent > 0 ? `\n${' '.repeat(indent * (depth + 1))}` : '';
    // Object.keys gives JSON.stringify's order (integer-like keys first, ascending, then insertion order).
    for (const key of keys) {
      const member = value[key];
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      out.push(`${first ? '' : ','}${inner}${JSON.stringify(key)}${indent > 0 ? ': ' : ':'}`);
      writeValue(out, member, depth + 1, indent, streamDepth);
      first = false;
    }
  } else {
    // Members written whole go BATCH at a time through one JSON.stringify, which is faster than one call each.
    // A batch keeps their order: integer-like keys lead the whole order, so they lead any run of it too.
    for (let start = 0; start < keys.length; start += BATCH) {
      const batch = Object.create(null) as Record<string, unknown>;
      for (const key of keys.slice(start, start + BATCH)) batch[key] = value[key];
      const text = JSON.stringify(batch, null, indent);
      if (text === '{}') continue;
      // Without the batch's braces: its members, one level in, to move in by this depth's indentation.
      const members = indent > 0 ? text.slice(1, -2) : text.slice(1, -1);
      out.push(`${first ? '' : ','}${indent > 0 && depth > 0 ? members.replaceAll('\n', `\n${' '.repeat(indent * depth)}`) : members}`);
      first = false;
    }
  }
  out.push(first || indent === 0 ? '}' : `\n${' '.repeat(indent * depth)}}`);
}
