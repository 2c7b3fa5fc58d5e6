/** Where one member of an object lies in a JSON text's bytes: `"key":value`, from the key's opening quote to the value's last byte. */
export interface MemberSpan {
  start: number;
  end: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * For each of `names`, a member of the top-level object of `bytes` (a text JSON.parse has already accepted, RFC
 * 8259) whose value is an object: the span of each of that object's members, by key. Only members written as
 * JSON.stringify writes them are given: the key without an escape, and exactly `colon` (':', or ': ' when indented)
 * between key and value, so that a span is the text a serialisation would give the member when it gives the same
 * value. A scan of the structure only: strings are skipped with indexOf, never decoded, so it costs a fraction of
 * the parse.
 */
export function memberSpans(bytes: Buffer, names: readonly string[], colon: string): Map<string, Map<string, MemberSpan>> {
  const scan = new Scanner(bytes, colon.length);
  const found = new Map<string, Map<string, MemberSpan>>();
  let at = scan.skipSpace(0);
  if (bytes[at] !== OPEN_BRACE) return found;
  at = scan.skipSpace(at + 1);
  while (bytes[at] === QUOTE) {
    const keyEnd = scan.stringEnd(at);
    const name = bytes.toString('utf8', at + 1, keyEnd - 1);
    at = scan.skipSpace(keyEnd);
    at = scan.skipSpace(at + 1); // the colon
    // JSON.parse keeps the last of two members of one name: so does this.
    let end: number;
    if (names.includes(name) && bytes[at] === OPEN_BRACE) {
      const members = scan.members(at);
      found.set(name, members.spans);
      end = members.end;
    } else end = scan.valueEnd(at);
    at = scan.skipSpace(end);
    if (bytes[at] === COMMA) at = scan.skipSpace(at + 1);
  }
  return found;
}

/** Just past the JSON value that starts at `at` in `bytes` (a text JSON.parse has accepted). */
export function valueEnd(bytes: Buffer, at: number): number {
  return new Scanner(bytes, 0).valueEnd(at);
}

class Scanner {
  constructor(
    private readonly bytes: Buffer,
    /** The length of what a serialisation writes between a key and its value: the colon, and a space when indented. */
    private readonly colonLength: number,
  ) {}

  /** The spans of the members of the object that starts at `at`, and where it ends. */
  members(from: number): { spans: Map<string, MemberSpan>; end: number } {
    const { bytes } = this;
    const spans = new Map<string, MemberSpan>();
    let at = this.skipSpace(from + 1);
    while (bytes[at] === QUOTE) {
      const start = at;
      const keyEnd = this.stringEnd(at);
      const raw = !this.holds(BACKSLASH, start + 1, keyEnd - 1);
      const key = bytes.toString('utf8', start + 1, keyEnd - 1);
      at = this.skipSpace(keyEnd);
      if (bytes[at] !== COLON) return { spans, end: this.valueEnd(from) };
      const valueStart = this.skipSpace(at + 1);
      const end = this.valueEnd(valueStart);
      // Only a member with no more than the colon (and its space) between key and value, and a key whose bytes are
      // its JSON.stringify (no escape; no U+FFFD from bytes that were not UTF-8), can be copied as the member's text.
      if (raw && valueStart === keyEnd + this.colonLength && !key.includes('\uFFFD')) spans.set(key, { start, end });
      else spans.delete(key);
      at = this.skipSpace(end);
      if (bytes[at] !== COMMA) break;
      at = this.skipSpace(at + 1);
    }
    return { spans, end: bytes[at] === CLOSE_BRACE ? at + 1 : this.valueEnd(from) };
  }

  private holds(byte: number, from: number, to: number): boolean {
    for (let at = from; at < to; at++) if (this.bytes[at] === byte) return true;
    return false;
  }

  /** Just past the string whose opening quote is at `at`. */
  stringEnd(at: number): number {
    const { bytes } = this;
    let quote = bytes.indexOf(QUOTE, at + 1);
    for (;;) {
      if (quote === -1) return bytes.length;
      // A quote after an odd number of backslashes is escaped.
      let slashes = 0;
      while (bytes[quote - 1 - slashes] === BACKSLASH) slashes++;
      if (slashes % 2 === 0) return quote + 1;
      quote = bytes.indexOf(QUOTE, quote + 1);
    }
  }

  /** Just past the value that starts at `at`. */
  valueEnd(at: number): number {
    const { bytes } = this;
    const first = bytes[at];
    if (first === QUOTE) return this.stringEnd(at);
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
      // A number, true, false or null: up to the next delimiter.
      while (at < bytes.length && !isDelimiter(bytes[at]!)) at++;
      return at;
    }
    let depth = 0;
    while (at < bytes.length) {
      const byte = bytes[at]!;
      if (byte === QUOTE) {
        at = this.stringEnd(at);
        continue;
      }
      if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
      else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return at + 1;
      }
      at++;
    }
    return at;
  }

  skipSpace(at: number): number {
    const { bytes } = this;
    while (at < bytes.length && isSpace(bytes[at]!)) at++;
    return at;
  }
}

const isSpace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
const isDelimiter = (byte: number) => byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || isSpace(byte);
