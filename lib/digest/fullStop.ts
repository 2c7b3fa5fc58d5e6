/**
 * Typed text (a title, a tag name) ending in a mark that ends a sentence, format characters after it aside: an
 * abbreviation's full stop ("Watch Inc."), "!", "?", an ellipsis, an ideographic full stop.
 */
const ENDS_A_SENTENCE = /[.!?…。！？]\p{Cf}*$/u;

/**
 * The full stop after a sentence of the digest's own words that ends in typed text `last`: none where `last` ends in
 * its own, which "." after it would double ("subscribed to the weekly digest of Watch Inc..").
 */
export function fullStop(last: string): string {
  return ENDS_A_SENTENCE.test(last) ? '' : '.';
}
