/** How many leading bytes are looked at: enough for a line or two of text. */
const SAMPLE = 256;

/**
 * Whether `bytes` look like UTF-16, the encoding Windows Notepad (before 2019) and PowerShell's `>` save as
 * "Unicode": a byte-order mark (FF FE little-endian, FE FF big-endian: RFC 2781 §3.2), or, without one, text in
 * which every other byte is zero, as ASCII characters are in UTF-16 (a zero byte never appears in UTF-8 text). The
 * byte order named, else undefined.
 */
export function utf16Encoding(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  const length = Math.min(bytes.length, SAMPLE) & ~1;
  if (length < 8) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = length / 2;
  // Most characters of a Latin-script entry (its front matter above all) are ASCII: at least half the pairs.
  if (zeroOdd * 2 >= pairs && zeroEven === 0) return 'UTF-16LE';
  if (zeroEven * 2 >= pairs && zeroOdd === 0) return 'UTF-16BE';
  return undefined;
}

/** The problem text and fix for a file in UTF-16, whose byte order `encoding` names. */
export function utf16Problem(encoding: 'UTF-16LE' | 'UTF-16BE'): { message: string; fix: string } {
  return {
    message: `is in UTF-16 (${encoding === 'UTF-16LE' ? 'little' : 'big'}-endian), as Notepad's "Unicode" and PowerShell's > save text, not UTF-8`,
    fix: 'save the file as UTF-8: in Notepad, Save As with the encoding UTF-8; in PowerShell, Out-File -Encoding utf8',
  };
}
