import { codePointName } from './codePointName.js';

// The characters an editor types or pastes without seeing them, by the names their tools give them (Unicode's names,
// lowercased), so that a message says what to look for.
const NAMES: Record<string, string> = {
  '\t': 'a tab',
  '\u00A0': 'a no-break space',
  '\u00AD': 'a soft hyphen',
  '\u1680': 'an Ogham space mark',
  '\u2000': 'an en quad',
  '\u2001': 'an em quad',
  '\u2002': 'an en space',
  '\u2003': 'an em space',
  '\u2004': 'a three-per-em space',
  '\u2005': 'a four-per-em space',
  '\u2006': 'a six-per-em space',
  '\u2007': 'a figure space',
  '\u2008': 'a punctuation space',
  '\u2009': 'a thin space',
  '\u200A': 'a hair space',
  '\u200B': 'a zero-width space',
  '\u200C': 'a zero-width non-joiner',
  '\u200D': 'a zero-width joiner',
  '\u202F': 'a narrow no-break space',
  '\u205F': 'a medium mathematical space',
  '\u2060': 'a word joiner',
  '\u3000': 'an ideographic space',
  '\uFEFF': 'a zero-width no-break space',
};

/** A character as a message names it: `a no-break space (U+00A0)`, `a tab`; one without a name here by its number alone. */
export function characterName(char: string): string {
  const name = NAMES[char];
  if (char === '\t') return name!;
  return name === undefined ? codePointName(char) : `${name} (${codePointName(char)})`;
}
