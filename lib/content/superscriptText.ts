// The characters Unicode has a superscript or subscript form of (¹²³ in Latin-1, the rest in Superscripts and
// Subscripts, U+2070–U+209F), for the figures and signs a raised or lowered part of a number holds, and the letters
// that block has (a lowered index: "Vₘₐₓ", "Yₜ").
const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
  '+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', 'n': 'ⁿ', 'i': 'ⁱ',
};
const SUBSCRIPTS: Readonly<Record<string, string>> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
  '+': '₊', '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎',
  'a': 'ₐ', 'e': 'ₑ', 'o': 'ₒ', 'x': 'ₓ', 'ə': 'ₔ', 'h': 'ₕ', 'k': 'ₖ', 'l': 'ₗ', 'm': 'ₘ', 'n': 'ₙ', 'p': 'ₚ', 's': 'ₛ', 't': 'ₜ',
};

// Letters alone: an ordinal's or an abbreviation's ending (`1<sup>st</sup>`, `M<sup>me</sup>`), which no reader takes
// for part of a figure.
const LETTERS = /^\p{L}+$/u;

/**
 * Raised text (`<sup>`) as plain text that cannot be misread as part of the figure before it (`$300<sup>2</sup>` is
 * not "$3002"): in Unicode superscript characters when each of its characters has one ("$300²", "10⁶"), as written
 * when it is letters alone ("1st"), else after a `^` ("x^2a"). `formula`: a script in a formula (MathML's msup),
 * where letters are raised too ("x^a") and a script of more than one character is bracketed ("e^(-x)").
 * Empty stays empty.
 */
export function superscriptText(text: string, formula = false): string {
  return scripted(text, SUPERSCRIPTS, '^', formula, true);
}

/**
 * Lowered text (`<sub>`) likewise: in subscript characters when each of its characters has one ("H₂O", "x₁"), else
 * after a `_` ("x_ij"), letters too (no ordinal is lowered). `formula`: in MathML's msub, where a script of more than
 * one character is bracketed ("x_(ij)").
 */
export function subscriptText(text: string, formula = false): string {
  return scripted(text, SUBSCRIPTS, '_', formula, false);
}

function scripted(text: string, forms: Readonly<Record<string, string>>, mark: string, formula: boolean, lettersAsWritten: boolean): string {
  if (text === '') return '';
  const characters = [...text];
  if (characters.every((character) => forms[character] !== undefined)) return characters.map((character) => forms[character]).join('');
  if (!formula) return lettersAsWritten && LETTERS.test(text) ? text : `${mark}${text}`;
  return characters.length === 1 ? `${mark}${text}` : `${mark}(${text})`;
}
