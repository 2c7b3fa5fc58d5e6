/**
 * Decodes the RFC 2047 encoded words of a header value as a mail client does (§6.1, §6.2: white space between two
 * encoded words is dropped), for header fields mailparser leaves encoded (List-Id's name).
 */
export function decodeWords(value: string): string {
  return value.replace(/(=\?[^?\s]+\?[QqBb]\?[^?\s]*\?=)(?:\s+(?==\?[^?\s]+\?[QqBb]\?))?/g, '$1').replace(/(?:=\?[^?\s]+\?[QqBb]\?[^?\s]*\?=)+/g, (run) => {
    const bytes: number[] = [];
    for (const [, encoding, text] of run.matchAll(/=\?[^?\s]+\?([QqBb])\?([^?\s]*)\?=/g)) {
      if (encoding!.toUpperCase() === 'B') bytes.push(...Buffer.from(text!, 'base64'));
      else bytes.push(...Buffer.from(text!.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1'));
    }
    return Buffer.from(bytes).toString('utf8');
  });
}

/** The text of each RFC 2047 encoded word of a header value, each decoded on its own, with the word's length. */
export function encodedWordTexts(value: string): { text: string; length: number }[] {
  return Array.from(value.matchAll(/=\?[^?\s]+\?[QqBb]\?[^?\s]*\?=/g), ([word]) => ({ text: decodeWords(word), length: word.length }));
}
