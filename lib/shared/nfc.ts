/**
 * Text as readers get it: Unicode Normalization Form C (UAX #15), as the W3C Character Model for the World Wide Web
 * (Character Model: String Matching, §2.2) expects of content. Text typed decomposed (NFD, as some Mac tools save
 * Hangul) looks the same but compares unequal, so one tag would have two spellings in a feed's categories, and some
 * clients show the separated jamo. NFC is canonically equivalent: nothing a reader sees changes.
 */
export function nfc<T extends string | undefined>(text: T): T {
  return (text === undefined ? text : text.normalize('NFC')) as T;
}
