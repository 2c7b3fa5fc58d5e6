/**
 * A site title that already names a digest, standing alone: the word "digest" (or "digests") not run on into a
 * longer word ("Weekly Digest", "The Digest", "Wochendigest"; not "Digestive Health"), or its loanword in Russian and
 * Ukrainian, Japanese and Korean (дайджест, ダイジェスト, 다이제스트). Titles that say it otherwise ("Résumé de la
 * semaine", "周报") are not recognised and read "Weekly digest of …" (README, "The weekly digest").
 */
const NAMES_A_DIGEST = /digests?(?![\p{L}\p{M}\p{N}])|дайджест|ダイジェスト|다이제스트/iu;

/** Whether the site's title already says it is a digest, so the digest goes by the title alone. */
export function titleNamesDigest(siteTitle: string): boolean {
  return NAMES_A_DIGEST.test(siteTitle);
}

/**
 * The digest's name wherever a label stands for it: the text part's and the `.txt` archive's heading, the HTML's
 * kicker, the digests' feeds' title (and the pages' links to them), digests/index.html's title and the phrase of every
 * email's List-Id: "Weekly digest of {title}", or the title alone when it says digest already ("Weekly Digest", not
 * "Weekly digest of Weekly Digest"). `title` writes the title into the result (escaped and linked in HTML, its
 * direction closed in text); the words around it are plain ASCII, the same in text and HTML.
 */
export function digestName(siteTitle: string, title: (text: string) => string = same): string {
  return titleNamesDigest(siteTitle) ? title(siteTitle) : `Weekly digest of ${title(siteTitle)}`;
}

/**
 * The digest named inside a sentence, as the digest's footers, the confirmation email, the subscription pages and the
 * pages' mail to the editors say it: "the weekly digest of {title}" ("The" at the sentence's start), or the title
 * alone, as digestName.
 */
export function digestInSentence(siteTitle: string, title: (text: string) => string = same, start = false): string {
  return `${digestWordsBefore(siteTitle, start)}${title(siteTitle)}`;
}

/**
 * The words digestInSentence puts before the title ("the weekly digest of "), or none: for a sentence that holds the
 * title as a part of its own (lib/subscribers/typedText.ts).
 */
export function digestWordsBefore(siteTitle: string, start = false): string {
  return titleNamesDigest(siteTitle) ? '' : `${start ? 'The' : 'the'} weekly digest of `;
}

const same = (text: string) => text;
