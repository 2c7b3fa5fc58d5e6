// The first image candidate's URL in a srcset (WHATWG HTML §4.8.4.3.10, parse a srcset attribute): past white space
// and commas, the characters up to the next white space, less any commas it ends with.
const FIRST_CANDIDATE = /^[\t\n\f\r ,]*([^\t\n\f\r ]*)/;

/**
 * The URL of the image an img shows: its src, or where it has none, a candidate of its srcset (a browser picks
 * one for the screen, WHATWG HTML §4.8.4.3; the author's first is taken, as the output carries no srcset);
 * undefined where it has neither.
 */
export function imageSource(attributes: Readonly<Record<string, string | undefined>>): string | undefined {
  if (attributes.src !== undefined || attributes.srcset === undefined) return attributes.src;
  const url = FIRST_CANDIDATE.exec(attributes.srcset)![1]!.replace(/,+$/, '');
  return url === '' ? undefined : url;
}

/**
 * The text an img with neither src nor srcset shows: its alt, which a browser draws as text in its place, whatever
 * its size (WHATWG HTML §15.4.4, an img that represents some text); undefined for any other, or a blank alt.
 */
export function altShownAsText(attributes: Readonly<Record<string, string | undefined>>): string | undefined {
  return imageSource(attributes) === undefined && attributes.alt?.trim() ? attributes.alt : undefined;
}
