/**
 * The digest's name where a label stands for it: the digests' feeds' title (and the pages' links to them) and the
 * phrase of every email's List-Id. In the words its footer and the confirmation email use ("the weekly digest of
 * {title}"): "{title} digest" and "{title}: weekly digest" read "Weekly Digest digest" and "Weekly Digest: weekly
 * digest" for a title that ends in the word.
 */
export function digestName(siteTitle: string): string {
  return `Weekly digest of ${siteTitle}`;
}
