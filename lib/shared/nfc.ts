// Every character below U+0300 is its own NFC and none combines with a neighbour (UAX #15 §9: NFC_Quick_Check Yes and
// canonical combining class 0): text made only of them is in NFC already, as Latin-1 text and most ASCII Markdown is.
const MAY_CHANGE_IN_NFC = /[^\u0000-\u02ff]/;

/**
 * Text as readers get it: Unicode Normalization Form C (UAX #15), as the W3C Character Model for the World Wide Web
 * (Character Model: String Matching, §2.2) expects of content. Text typed decomposed (NFD, as some Mac tools save
 * Hangul) looks the same but compares unequal, so one tag would have two spellings in a feed's categories, and some
 * clients show the separated jamo. NFC is canonically equivalent: nothing a reader sees changes.
 */
export function nfc<T extends string | undefined>(text: T): T {
  return (text === undefined || !MAY_CHANGE_IN_NFC.test(text) ? text : text.normalize('NFC')) as T;
}
