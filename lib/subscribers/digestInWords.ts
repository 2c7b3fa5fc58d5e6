import { digestWordsBefore } from '../shared/digestName.js';
import { siteName, typedText, type TypedText } from './typedText.js';

/**
 * The digest named in a sentence of the subscription pages or the confirmation email, as digestInSentence names it
 * ("the weekly digest of {title}", "The" at the sentence's start; a title that says digest already alone), the title
 * a name of its own.
 */
export function digestInWords(siteTitle: string, start = false): TypedText {
  return typedText`${digestWordsBefore(siteTitle, start)}${siteName(siteTitle)}`;
}
