/**
 * The fix for a key that is not a known field: when it is one in another case (`Title:`), the key to write, since
 * YAML keys are case-sensitive; otherwise the known fields to check its spelling against.
 */
export function unknownFieldFix(key: string, known: Iterable<string>): string {
  const fields = [...known];
  const meant = fields.find((field) => field.toLowerCase() === key.toLowerCase());
  if (meant !== undefined) return `${meant === meant.toLowerCase() ? 'keys are lowercase' : 'keys are case-sensitive'}: write ${meant}:`;
  return `remove it, or check its spelling against: ${fields.join(', ')}`;
}
