import { quote } from '../shared/quote.js';
import { MAY_HOLD_DROPPED_REFERENCE } from './controlReference.js';
import { markdown, type DroppedReference, type LostAddress } from './markdownParser.js';

/**
 * The warning for the references to a control character a body's text, raw HTML or Markdown link addresses hold
 * (CONTROL_REFERENCE, or UNASSIGNED_C1_REFERENCE: a C1 one Windows-1252 leaves unassigned), which are dropped from
 * the output: those the Markdown parser drops (markdownParser), so one in code, shown as typed, is not named. `line`
 * is the first one's line in the body (0-based). The body is parsed only when it holds one somewhere.
 */
export function controlReferenceWarning(body: string): { line: number; message: string; fix: string } | undefined {
  // Every such reference starts so, and most bodies hold none; one holding only references that stay (`&#146;`) is not parsed.
  if (!body.includes('&#') || !MAY_HOLD_DROPPED_REFERENCE.test(body)) return undefined;
  const env = { controlReferences: [] as DroppedReference[], lostAddresses: [] as LostAddress[] };
  markdown.parse(body, env);
  const [first, ...others] = env.controlReferences;
  if (first === undefined) return undefined;
  const found = first.reference;
  const hex = /[xX]/.test(found);
  const code = hex ? parseInt(found.slice(3), 16) : Number(found.slice(2).replace(';', ''));
  const codePoint = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const read = code === 0 ? ': HTML reads it as U+FFFD (\uFFFD), and' : code >= 0x80 ? ' (Windows-1252 has no character for it):' : ', which no feed can carry (XML 1.0 §2.2):';
  const more = others.length === 0 ? '' : `; and ${others.length} more such reference${others.length === 1 ? '' : 's'}`;
  // Dropped from an address, one may leave a scheme the sanitiser refuses (`java&#129;script:`), and so lose a link or an image.
  const [lost] = env.lostAddresses;
  const loss = lost === undefined ? '' : `; without ${others.length === 0 ? 'it' : 'them'} ${lost.image ? 'an image' : 'a link'}'s address reads ${quote(lost.address)}, which every feed and page refuses: ${lost.image ? 'the image is dropped with its alt text' : 'the link is published as its text alone'}`;
  return {
    line: referenceLine(body, first),
    message: `holds ${quote(found)}, a reference to ${codePoint}, a control character${read} every feed and page drops it${more}${loss}`,
    fix: `${others.length === 0 ? `delete ${found}` : `delete ${found} and the others`}${lost === undefined ? '' : ', and write the address meant'}`,
  };
}

/**
 * The line of the body (0-based) where a dropped reference is written: the first that holds it from its block's first
 * line on, else from the body's (a link's address may come from a reference definition above its block).
 */
function referenceLine(body: string, { reference, blockLine }: DroppedReference): number {
  const lines = body.split('\n');
  for (const start of [blockLine, 0]) {
    const index = lines.findIndex((text, line) => line >= start && text.includes(reference));
    if (index >= 0) return index;
  }
  return blockLine;
}
