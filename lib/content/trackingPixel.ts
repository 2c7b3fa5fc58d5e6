// A dimension attribute's value as HTML reads it (WHATWG HTML §2.3.4.4, rules for parsing dimension values): white
// space, digits, a fraction, and `%` for a share of the container; anything after is ignored ("1px" is 1).
const DIMENSION = /^[\t\n\f\r ]*(\d+(?:\.\d+)?)(%?)/;

/** A width or height of at most one pixel (not a percentage); false when the value is missing or not a number. */
function atMostOnePixel(value: string | undefined): boolean {
  const match = value === undefined ? null : DIMENSION.exec(value);
  return match !== null && match[2] === '' && Number(match[1]) <= 1;
}

/**
 * Whether an img's attributes make it a tracking pixel: a width and a height both of at most one pixel (1×1, 0×0),
 * which shows a reader nothing and tells the sender each time the page, the feed item or the mail is opened.
 */
export function trackingPixel(attributes: Readonly<Record<string, string | undefined>>): boolean {
  return atMostOnePixel(attributes.width) && atMostOnePixel(attributes.height);
}
