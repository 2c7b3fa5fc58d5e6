/**
 * The scripts written right to left: those whose letters are Bidi_Class R or AL (Unicode UAX #9, UCD
 * DerivedBidiClass.txt), by their ISO 15924 codes.
 */
const RIGHT_TO_LEFT_SCRIPTS = new Set([
  'Adlm', 'Arab', 'Aran', 'Armi', 'Avst', 'Chrs', 'Cprt', 'Elym', 'Hatr', 'Hebr', 'Hung', 'Khar', 'Lydi', 'Mand', 'Mani', 'Mend', 'Merc', 'Mero',
  'Narb', 'Nbat', 'Nkoo', 'Orkh', 'Ougr', 'Palm', 'Phli', 'Phlp', 'Phnx', 'Prti', 'Rohg', 'Samr', 'Sarb', 'Sogd', 'Sogo', 'Syrc', 'Thaa', 'Yezi',
]);

/**
 * The direction a BCP 47 language tag's text is written in, from its script: the one it names (az-Arab), else its
 * likely one (CLDR likely subtags, through Intl.Locale's maximize: ar → Arab, dv → Thaa, ko → Kore). Not from
 * Intl.Locale's textInfo, which Node versions answer differently (dv ltr in Node 20). A tag Intl cannot read is
 * taken as left to right, the HTML default.
 */
export function languageDirection(language: string): 'ltr' | 'rtl' {
  let direction = directions.get(language);
  if (direction === undefined) directions.set(language, (direction = directionOf(language)));
  return direction;
}

/** Each page asks, and a site has one language: Intl's answer is kept. */
const directions = new Map<string, 'ltr' | 'rtl'>();

function directionOf(language: string): 'ltr' | 'rtl' {
  let script: string | undefined;
  try {
    script = new Intl.Locale(language).maximize().script;
  } catch {
    return 'ltr';
  }
  return script !== undefined && RIGHT_TO_LEFT_SCRIPTS.has(script) ? 'rtl' : 'ltr';
}
