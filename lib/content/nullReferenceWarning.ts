import { quote } from '../shared/quote.js';
import { NULL_REFERENCE } from './nullReference.js';
import { proseText } from './proseText.js';

// A noncharacter, which no output holds either, standing in for each reference while proseText reads the body (it would read it as U+FFFD).
const MARK = '\uFDD0';

/**
 * The warning for a reference to U+0000 in a body's text or raw HTML (NULL_REFERENCE), which is dropped from the output;
 * one in code is shown as typed. The body is parsed only when it holds one somewhere.
 */
export function nullReferenceWarning(body: string): { message: string; fix: string } | undefined {
  const found = new RegExp(NULL_REFERENCE.source).exec(body)?.[0];
  if (found === undefined || !proseText(body.replace(NULL_REFERENCE, MARK)).includes(MARK)) return undefined;
  return { message: `holds ${quote(found)}, a reference to U+0000, a control character: HTML reads it as U+FFFD (\uFFFD), and every feed and page drops it`, fix: `delete ${found}` };
}
