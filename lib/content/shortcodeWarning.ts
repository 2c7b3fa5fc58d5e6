import { quote } from '../shared/quote.js';
import { proseText } from './proseText.js';

const WRITE_IT = 'write what it stands for in Markdown or HTML (an image with its caption, a link), or remove it';

// What another tool expands in a post's body and Broadsheet shows as typed, as an export leaves it:
// a WordPress shortcode (`[caption …]…[/caption]`, `[embed]…[/embed]`; https://codex.wordpress.org/Shortcode),
// a Hugo shortcode (`{{< figure … >}}`, `{{% … %}}`; https://gohugo.io/content-management/shortcodes/), and a
// Liquid tag or a page variable Jekyll fills in (`{% include … %}`, `{{ page.title }}`; https://shopify.github.io/liquid/).
// Each with the text its pattern starts with (`needs`): most bodies hold no `{`, and a scan for it is cheaper than the pattern's.
const KINDS: { needs: string; pattern: RegExp; what: string; fix: (found: string) => string }[] = [
  { needs: '[', pattern: /\[\/?(?:caption|embed|gallery|video|audio|playlist|youtube|vimeo|wp_caption)(?=[\s\]])[^\]\n]*\]/, what: 'WordPress shortcode', fix: () => WRITE_IT },
  { needs: '{{', pattern: /\{\{[<%][ \t]*\/?[ \t]*[\w./-]+[^\n]*?[>%]\}\}/, what: 'Hugo shortcode', fix: () => WRITE_IT },
  {
    needs: '{%',
    pattern: /\{%-?[ \t]*[a-z_]+\b[^\n]*?-?%\}/,
    what: 'Liquid tag (Jekyll)',
    // `{% raw %}` only kept Jekyll from reading the text up to `{% endraw %}`, which is shown as typed here anyway.
    fix: (found) => (/^\{%-?\s*(?:end)?raw\b/.test(found) ? 'remove {% raw %} and {% endraw %}: the text between them is shown as typed' : `${WRITE_IT}: only Jekyll reads Liquid`),
  },
  { needs: '{{', pattern: /\{\{-?[ \t]*(?:page|site|post|include|paginator|layout|jekyll|content)\b[^\n]*?-?\}\}/, what: 'Liquid variable (Jekyll)', fix: () => `${WRITE_IT}: only Jekyll fills it in` },
];

/**
 * The warning for the first shortcode or template tag in an entry's body, which readers would be shown as typed; one
 * in code (proseText) is shown as code, on purpose. The body is parsed only when its text holds one somewhere.
 * `plain` is a text field (a title, a summary), which no Markdown is read in: every one there is shown as typed.
 */
export function shortcodeWarning(body: string, plain?: 'plain'): { message: string; fix: string } | undefined {
  if (firstShortcode(body) === undefined) return undefined;
  const first = firstShortcode(plain ? body : proseText(body));
  if (!first) return undefined;
  const fix = plain ? 'write the words it stands for, or remove it: this field is plain text' : first.kind.fix(first.found);
  return { message: `holds the ${first.kind.what} ${quote(first.found)}, which readers are shown as typed`, fix };
}

function firstShortcode(text: string): { index: number; found: string; kind: (typeof KINDS)[number] } | undefined {
  let first: { index: number; found: string; kind: (typeof KINDS)[number] } | undefined;
  for (const kind of KINDS) {
    if (!text.includes(kind.needs)) continue;
    const match = kind.pattern.exec(text);
    if (match && (first === undefined || match.index < first.index)) first = { index: match.index, found: match[0], kind };
  }
  return first;
}
