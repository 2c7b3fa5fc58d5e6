import { CORE_SCHEMA, dump } from 'js-yaml';
import type { Problem } from '../shared/errors.js';
import { QUOTE_MAX_CHARS, quote } from '../shared/quote.js';
import { characterReferences } from './characterReferences.js';
import { noCharacterReference } from './noCharacterReference.js';
import { titleMarkup } from './titleMarkup.js';

/**
 * The warning for HTML in a plain-text field (a title, a name, a description), as an editor used to a CMS types it
 * (`AT&amp;T`, `<b>Breaking</b>`, `Kim&#8217;s`): every feed and page shows the field as text, so readers would see
 * the markup as typed. The fix is the line to write, `key: text` as YAML reads it back; without a key (a list item),
 * the text alone; a text longer than a quote (QUOTE_MAX_CHARS) is quoted, cut, as every message quotes a value.
 * Reading the HTML costs up to the square of the text's length: each caller reads a field within its limit alone.
 */
export function htmlInPlainText(file: string, field: string, value: string | undefined, key?: string): Problem | undefined {
  if (value === undefined) return undefined;
  const markup = titleMarkup(value);
  if (markup) {
    const line = markup.text.length > QUOTE_MAX_CHARS
      ? `${key === undefined ? '' : `${key}: `}${quote(markup.text)}`
      : dump(key === undefined ? markup.text : { [key]: markup.text }, { schema: CORE_SCHEMA, lineWidth: -1 }).trimEnd();
    return { file, field, message: `holds the HTML ${markup.found.startsWith('<') ? 'tag' : 'character reference'} ${quote(markup.found)}, which readers are shown as typed: ${key === 'title' ? 'titles are' : 'the field is'} plain text`, fix: noCharacterFix(value) ?? `write it as plain text: ${line}` };
  }
  const found = characterReferences(value);
  return found && { file, field, message: `holds the HTML character reference ${quote(found.reference)}, which readers are shown as typed: the field is plain text`, fix: noCharacterFix(value) ?? `write the characters themselves: ${quote(found.text)}` };
}

// The text as HTML reads it would hold U+FFFD or a character no reader can read (and YAML refuses in a file).
function noCharacterFix(value: string): string | undefined {
  const reference = noCharacterReference(value);
  return reference && `delete ${reference}, which stands for no character a reader can read, and write the rest as plain text`;
}
