import { escapeHtml as h } from '../shared/xmlText.js';
import { ownWords, type OwnWords } from '../shared/ownWords.js';
import { paletteCss } from '../shared/pagePalette.js';
import { KOREAN_LINE_BREAKS } from '../shared/koreanLineBreaks.js';
import { typedHtml, type TypedText } from './typedText.js';

export interface SubscriptionPageForm {
  /** Root-relative: the endpoints are served at the root of the site's own origin. */
  action: string;
  hidden: Record<string, string>;
  /** Checkboxes named `tags`; `gone`: a chosen tag that no entry carries any more, said so beside its name. */
  tags?: { slug: string; name: string; checked: boolean; gone?: boolean }[];
  button: string;
  /** Shown above the button: for a consent form, the wording that is recorded. */
  note?: string;
}

export interface SubscriptionPage {
  siteTitle: string;
  language: string;
  heading: string;
  /** Broadsheet's words; where they name the site, a topic or an address, as a TypedText, each name a part of its own. */
  paragraphs: (string | TypedText)[];
  form?: SubscriptionPageForm;
  /** Links shown under the text. */
  links?: { href: string; text: string }[];
  /** The site's home page, root-relative (its url's path): default `/`. */
  home?: string;
}

// A subscriber comes from the site's pages and goes back to them: the same colours, in the same scheme, and the
// same focus ring, on the links and on the form's controls.
const STYLE = paletteCss('a:focus-visible, button:focus-visible, input:focus-visible');

/**
 * A subscription page (check your inbox, confirm, preferences, unsubscribe, a bad link): valid HTML5, no script. As
 * the site's pages do, a long word breaks anywhere, so that no page scrolls sideways on a phone, and the site's and
 * the topics' names, in any direction, are isolated from the English around them.
 */
export function renderSubscriptionPage(page: SubscriptionPage): string {
  // The page's words are English; on a site in another language its main says so, and the site's and the topics'
  // names in it are in the site's language (WCAG 3.1.2).
  const words = ownWords(page.language);
  const paragraphs = page.paragraphs.map((text) => `<p>${typeof text === 'string' ? h(text) : typedHtml(text, words.typed)}</p>`).join('\n');
  const links = (page.links ?? []).map((link) => `<p><a href="${h(link.href)}">${h(link.text)}</a></p>`).join('\n');
  return `<!DOCTYPE html>
<html${words.page}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="color-scheme" content="light dark">
<title>${h(page.heading)} · ${h(page.siteTitle)}</title>
<style>
body { font: 1.05rem/1.5 system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; overflow-wrap: anywhere; }
${KOREAN_LINE_BREAKS}
button { font: inherit; padding: .4rem 1rem; }
fieldset { border: 1px solid #ccc; min-width: 0; }
${STYLE}
</style>
</head>
<body>
<main${words.en}>
<h1>${h(page.heading)}</h1>
${paragraphs}${page.form ? `\n${renderForm(page.form, words)}` : ''}${links ? `\n${links}` : ''}
<p><a href="${h(page.home ?? '/')}"${words.typed}><bdi>${h(page.siteTitle)}</bdi></a></p>
</main>
</body>
</html>
`;
}

function renderForm(form: SubscriptionPageForm, words: OwnWords): string {
  const hidden = Object.entries(form.hidden).map(([name, value]) => `<input type="hidden" name="${h(name)}" value="${h(value)}">`);
  const tags = form.tags && form.tags.length > 0
    ? [`<fieldset>\n<legend>Topics (none ticked: every entry)</legend>`, ...form.tags.map((tag) => `<label><input type="checkbox" name="tags" value="${h(tag.slug)}"${tag.checked ? ' checked' : ''}> <bdi${words.typed}>${h(tag.name)}</bdi>${tag.gone ? ' (no entry has this topic now)' : ''}</label><br>`), '</fieldset>']
    : [];
  const note = form.note ? [`<p>${h(form.note)}</p>`] : [];
  return [`<form method="post" action="${h(form.action)}">`, ...hidden, ...tags, ...note, `<button type="submit">${h(form.button)}</button>`, '</form>'].join('\n');
}
