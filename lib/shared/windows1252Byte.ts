// The Encoding Standard's index-windows-1252 for 0x80–0x9F (https://encoding.spec.whatwg.org/index-windows-1252.txt);
// a space stands for the five bytes it leaves unassigned. Node 20's TextDecoder reads these bytes as Latin-1.
const C1 = '€ ‚ƒ„…†‡ˆ‰Š‹Œ Ž  ‘’“”•–—˜™š›œ žŸ';

/**
 * The character a byte 0x80–0x9F is in Windows-1252 (Notepad's and Word's "ANSI"), where Latin-1 has a C1 control:
 * 0x92 is ’, 0x96 is –. Undefined outside that range and for an unassigned byte.
 */
export function windows1252Byte(byte: number): string | undefined {
  const char = byte >= 0x80 && byte <= 0x9f ? C1[byte - 0x80] : undefined;
  return char === ' ' ? undefined : char;
}
