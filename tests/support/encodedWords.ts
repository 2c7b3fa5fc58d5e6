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
