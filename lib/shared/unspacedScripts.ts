/**
 * Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese): a run of them breaks
 * between the words ICU's dictionary finds in it (WORDS), where any other run breaks only at white space.
 */
export const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

// ICU finds the words of these scripts alike whatever the locale named: one segmenter, the same breaks everywhere.
export const WORDS = new Intl.Segmenter('und', { granularity: 'word' });
