import type { Problem } from '../shared/errors.js';
import { openDirectionControls } from '../shared/directionControls.js';

/** The Unicode names of the directional formatting characters that open an embedding, override or isolate. */
const OPENERS: Record<string, string> = {
  '\u202A': 'U+202A LEFT-TO-RIGHT EMBEDDING',
  '\u202B': 'U+202B RIGHT-TO-LEFT EMBEDDING',
  '\u202D': 'U+202D LEFT-TO-RIGHT OVERRIDE',
  '\u202E': 'U+202E RIGHT-TO-LEFT OVERRIDE',
  '\u2066': 'U+2066 LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'U+2067 RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'U+2068 FIRST STRONG ISOLATE',
};
// Any of OPENERS: most text holds none, and a scan for one is cheaper than the walk over every character.
const OPENER = /[\u202A\u202B\u202D\u202E\u2066-\u2068]/;

/**
 * The first directional formatting character in `text` that is never closed (lib/shared/directionControls.ts), or
 * undefined. A field is shown inside a line of other text (a feed reader's list, a mail client's subject, a page's
 * <title>), where an unclosed one turns around or reorders what follows it.
 */
export function unclosedDirectionControl(text: string): string | undefined {
  if (!OPENER.test(text)) return undefined;
  const open = openDirectionControls(text);
  return open.length > 0 ? OPENERS[open[0]!] : undefined;
}

/** The warning for a field holding a direction control it never closes; the text is published as typed. */
export function unclosedDirectionWarning(file: string, field: string, value: string | undefined): Problem | undefined {
  const control = value === undefined ? undefined : unclosedDirectionControl(value);
  if (control === undefined) return undefined;
  return { file, field, message: `holds ${control} and never closes it, so feed readers and mail clients show the text after it reordered or backwards`, fix: 'remove it, or close it where it should end: U+202C after an embedding or override, U+2069 after an isolate' };
}
