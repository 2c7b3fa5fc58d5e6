// WHATWG HTML §2.3.4.1, the rules for parsing integers: leading ASCII white space skipped, a sign, then the digits up
// to the first that is not one; anything after them is ignored.
const LEADING_INTEGER = /^[\t\n\f\r ]*([-+]?)(\d+)/;
// A browser keeps a list's numbers in a 32-bit integer (Chromium and Gecko clamp past it).
const LARGEST = 2 ** 31 - 1;

/**
 * The integer a browser reads from an attribute such as `ol start` or `li value` (WHATWG HTML §2.3.4.1), where it reads
 * one in the range it keeps; else undefined, the attribute being ignored.
 */
export function htmlInteger(value: string): number | undefined {
  const match = LEADING_INTEGER.exec(value);
  if (match === null) return undefined;
  const integer = Number(`${match[1] === '-' ? '-' : ''}${match[2]}`);
  return Math.abs(integer) <= LARGEST ? integer + 0 : undefined;
}
