import { nfc } from '../shared/nfc.js';
import { MAX_TEXT_CHARS } from './limits.js';

/** What to do with each field when it is too long. */
const FIX: Record<keyof typeof MAX_TEXT_CHARS, string> = {
  title: 'shorten it to the headline: feed readers and mail clients show a line or two of it',
  'source.name': "write the publisher's name alone",
  summary: 'shorten it to a sentence or two: feed readers show a few lines of it under the title',
  imageAlt: 'say what the image shows in a few words; a longer description belongs in the commentary',
  tags: "name the topic in a word or a few: it heads the tag page and names its feeds; if the tag was published, a shorter name moves its feeds to another address, and the next publish's warning gives the tagSlugs line that keeps the old one",
  'related.title': "shorten it to the linked article's headline",
};

/**
 * The problem of an entry's text field longer than MAX_TEXT_CHARS allows it, counted in characters (code points) of
 * the text as published, in NFC (nfc), or undefined: normalising may lengthen a text (U+FB2C is three characters in
 * NFC) or shorten it (`e` and a combining acute, typed apart, are one `é`). `field` is the limit's; the problem names
 * the field as `shown` (a list item with its index).
 */
export function textTooLong(field: keyof typeof MAX_TEXT_CHARS, value: string): { message: string; fix: string } | undefined {
  const max = MAX_TEXT_CHARS[field];
  const published = nfc(value);
  // A character is one or two UTF-16 code units: a text of no more units is within the limit.
  if (published.length <= max) return undefined;
  const length = [...published].length;
  if (length <= max) return undefined;
  const typed = [...value].length;
  const asPublished = typed === length ? '' : ` as published (in Unicode NFC; ${typed} as typed)`;
  return { message: `is ${length} characters long${asPublished}, more than the ${max} ${field === 'tags' ? 'a tag' : 'the field'} may have`, fix: FIX[field] };
}
