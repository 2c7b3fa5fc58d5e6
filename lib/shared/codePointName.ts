/** A character's Unicode name as the standard writes it in text: `U+` and at least four uppercase hex digits (`U+200B`, `U+1F680`). */
export function codePointName(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
