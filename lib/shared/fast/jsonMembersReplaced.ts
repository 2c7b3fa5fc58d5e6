import { valueEnd } from './jsonMembers.js';

/** What to change in a document: members of one top-level object given new values or added, and a top-level member left out. */
export interface MemberChanges {
  /** The top-level member whose object's members change. */
  object: string;
  /** Members already in that object, each given a new value where it stands, in the order the text holds them. */
  replaced: readonly (readonly [string, unknown])[];
  /** Members it does not hold, added at its end in this order (none may be an array index: JSON.stringify puts those first). */
  appended: readonly (readonly [string, unknown])[];
  /** The top-level member left out, when the text has it: it must be the last one. */
  dropped: string;
  /** A top-level member the text does not hold, added as the document's last. */
  added?: readonly [string, unknown];
}

/**
 * The bytes `writeJson(out, changed, 1, 2)` (lib/shared/writeJson.ts) gives for the document whose text that call
 * gave as `text`, changed as `changes` says: the text copied but for the members changed, found with `indexOf`, so
 * it costs a fraction of serialising the document again. One space of indentation puts each member of a top-level
 * object on a line of its own, two spaces in, and a raw line break is never inside a string (JSON.stringify escapes
 * it): `\n  "key": ` is that member and nothing else. Undefined, so that the caller serialises the document whole,
 * when the text is not laid out so: the object missing or empty, a member to replace not found after the one before
 * it, the member to drop not the last, the member to add already there.
 */
export function jsonMembersReplaced(text: Buffer, changes: MemberChanges): Buffer[] | undefined {
  if (changes.appended.some(([key]) => ARRAY_INDEX.test(key))) return undefined;
  const opening = `\n ${JSON.stringify(changes.object)}: {\n  "`;
  const objectAt = text.indexOf(opening);
  if (objectAt === -1) return undefined;
  // Its last line: the only line of one space and a closing brace after it (its members' lines are two spaces in).
  const objectEnd = text.indexOf('\n }', objectAt);
  if (objectEnd === -1 || text.indexOf(opening, objectAt + 1) !== -1) return undefined;
  const chunks: Buffer[] = [];
  let copied = 0;
  let from = objectAt;
  for (const [key, value] of changes.replaced) {
    const needle = `\n  ${JSON.stringify(key)}: `;
    const at = text.indexOf(needle, from);
    if (at === -1 || at > objectEnd) return undefined;
    const start = at + Buffer.byteLength(needle);
    const end = valueEnd(text, start);
    if (end > objectEnd || (end !== objectEnd && text[end] !== 0x2c)) return undefined;
    chunks.push(text.subarray(copied, start), Buffer.from(memberValue(value)));
    copied = end;
    from = end;
  }
  chunks.push(text.subarray(copied, objectEnd));
  if (changes.appended.length > 0) chunks.push(Buffer.from(changes.appended.map(([key, value]) => `,\n  ${JSON.stringify(key)}: ${memberValue(value)}`).join('')));
  copied = objectEnd;
  const droppedNeedle = `\n ${JSON.stringify(changes.dropped)}: `;
  const dropped = text.lastIndexOf(droppedNeedle);
  if (dropped !== -1) {
    // The one member of that name, the last of the document: its closing line follows the member's value.
    if (dropped < objectEnd || text[dropped - 1] !== 0x2c || text.indexOf(droppedNeedle) !== dropped) return undefined;
    const end = valueEnd(text, dropped + Buffer.byteLength(droppedNeedle));
    const rest = text.toString('utf8', end);
    if (rest !== '\n}' && rest !== '\n}\n') return undefined;
    chunks.push(text.subarray(copied, dropped - 1));
    copied = end;
  }
  const tail = text.subarray(copied);
  if (changes.added === undefined) return [...chunks, tail];
  const [name, value] = changes.added;
  const closing = tail.toString('latin1', tail.length - 3) === '\n}\n' ? 3 : tail.toString('latin1', tail.length - 2) === '\n}' ? 2 : 0;
  if (closing === 0 || text.indexOf(`\n ${JSON.stringify(name)}: `) !== -1) return undefined;
  const member = `,\n ${JSON.stringify(name)}: ${JSON.stringify(value, null, 1).replaceAll('\n', '\n ')}`;
  return [...chunks, tail.subarray(0, tail.length - closing), Buffer.from(member), tail.subarray(tail.length - closing)];
}

/** A key JSON.stringify writes before the others (ECMA-262 OrdinaryOwnPropertyKeys): an array index, up to 2^32 - 2. */
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

/** A member's value as writeJson writes it two levels in: JSON.stringify with one space, each line moved in by two. */
function memberValue(value: unknown): string {
  return JSON.stringify(value, null, 1).replaceAll('\n', '\n  ');
}
