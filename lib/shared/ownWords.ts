import { languageDirection } from './languageDirection.js';
import { escapeHtml } from './xmlText.js';

/**
 * Broadsheet's own words on a page (navigation, headings, labels, buttons, the footer) are English, whatever the
 * site's language. WCAG 2.2 3.1.2 (Language of Parts): on a page whose `lang` names another language, each element
 * holding them says `lang="en"`, and typed text inside one says the site's language again, so that a screen reader
 * speaks each in its own voice. On a page in a right-to-left language (`dir="rtl"` on <html>: HTML "The dir
 * attribute") they also say `dir="ltr"`, so that an English line keeps its order. On an English site `en` and
 * `typed` are '' and the pages are as they were. A <title> holds text only, in the page's language: where it has
 * English words ("Page not found · <site title>") they stay first, naming the page (WCAG 2.4.2), untranslated.
 */
export interface OwnWords {
  /** The direction the site's language is written in (languageDirection), for the page's style. */
  direction: 'ltr' | 'rtl';
  /** The attributes of <html> (WCAG 3.1.1): ` lang="<site language>"`, and ` dir="rtl"` when it is written right to left. */
  page: string;
  /** The attribute for an element of Broadsheet's own words: ` lang="en"` (and ` dir="ltr"` on a right-to-left page), or ''. */
  en: string;
  /**
   * The attribute for typed text inline inside such an element, which takes its own direction (a <bdi>, or an
   * element with `dir="auto"`): ` lang="<site language>"`, or ''.
   */
  typed: string;
  /** The attributes for a block of typed text inside such an element: `typed`, and ` dir="rtl"` on a right-to-left page. */
  typedBlock: string;
  /** The arrow of a link back up to the site's home: it points towards the line's start, ← or, right to left, →. */
  back: '←' | '→';
}

/** Whether a BCP 47 tag names English (its primary subtag is `en`: RFC 5646 §2.2.1). */
export function isEnglish(language: string): boolean {
  return language.split('-')[0]!.toLowerCase() === 'en';
}

export function ownWords(language: string): OwnWords {
  const lang = ` lang="${escapeHtml(language)}"`;
  const direction = languageDirection(language);
  const rtl = direction === 'rtl';
  const page = rtl ? `${lang} dir="rtl"` : lang;
  const back = rtl ? '→' : '←';
  if (isEnglish(language)) return { direction, page, en: '', typed: '', typedBlock: '', back };
  return { direction, page, en: rtl ? ' lang="en" dir="ltr"' : ' lang="en"', typed: lang, typedBlock: page, back };
}
