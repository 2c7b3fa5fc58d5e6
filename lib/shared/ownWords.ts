import { escapeHtml } from './xmlText.js';

/**
 * Broadsheet's own words on a page (navigation, headings, labels, buttons, the footer) are English, whatever the
 * site's language. WCAG 2.2 3.1.2 (Language of Parts): on a page whose `lang` names another language, each element
 * holding them says `lang="en"`, and typed text inside one says the site's language again, so that a screen reader
 * speaks each in its own voice. On an English site both are '' and the pages are as they were.
 */
export interface OwnWords {
  /** The attribute for an element of Broadsheet's own words: ` lang="en"`, or ''. */
  en: string;
  /** The attribute for typed text inside such an element: ` lang="<site language>"`, or ''. */
  typed: string;
}

/** Whether a BCP 47 tag names English (its primary subtag is `en`: RFC 5646 §2.2.1). */
export function isEnglish(language: string): boolean {
  return language.split('-')[0]!.toLowerCase() === 'en';
}

export function ownWords(language: string): OwnWords {
  return isEnglish(language) ? { en: '', typed: '' } : { en: ' lang="en"', typed: ` lang="${escapeHtml(language)}"` };
}
