import { MEDIA, renderDigestDocument, RULES, STYLE_ELEMENT, type DigestDocument, type DigestHtmlOptions } from './digestHtml.js';
import type { DigestModel } from './digestModel.js';
import { VOID_ELEMENTS as VOID } from '../shared/voidElements.js';
import { sizeAsSent } from './sizeAsSent.js';

/** The digest as an HTML email with every CSS rule inlined (see renderDigestDocument), or its archived copy. */
export function renderDigestHtml(model: DigestModel, options: DigestHtmlOptions): string {
  return renderDigestEmail(model, options).html;
}

/** renderDigestHtml's document and where it cut the entries, for the text part to hold the same (DigestMessageInput's `cut`). */
export function renderDigestEmail(model: DigestModel, options: DigestHtmlOptions): DigestDocument {
  return renderDigestDocument(model, { sizeAsSent, ...options }, inlineDigestCss);
}

// The email's CSS inliner. The template and its stylesheet (digestHtml.ts RULES) are ours, so this is not a
// general one: selectors are a tag and/or classes, joined by the descendant combinator; the document is the
// template's own well-formed markup, whose text and attribute values are escaped (no `<` or `"` inside them).
// It writes what juice writes (tests/unit/digest/inlineCss.test.ts compares the two element by element):
// for each property the declaration of the most specific matching rule, the later one among equals, with an
// existing style attribute winning over every rule; the declarations ordered by specificity, then by source
// order; elements no rule matches are left untouched. Only the media queries stay in the <style> element.

interface Compound {
  tag?: string;
  classes: string[];
}

interface Declaration {
  property: string;
  value: string;
  /** [ids, classes and attributes, tags, rule index, declaration index]: CSS cascade order, as juice sorts it. */
  rank: readonly number[];
}

interface Rule {
  /** Compounds from the element outwards: [subject, parent-or-ancestor, ...]. */
  compounds: Compound[];
  declarations: Declaration[];
}

const COMPOUND = /^([a-z][a-z0-9]*)?((?:\.[A-Za-z_][\w-]*)*)$/;

function parseSelector(selector: string): Compound[] {
  return selector
    .trim()
    .split(/\s+/)
    .map((part) => {
      const match = COMPOUND.exec(part);
      if (!match || part === '') throw new Error(`digest stylesheet: the email inliner does not support the selector ${JSON.stringify(selector)}`);
      return { ...(match[1] ? { tag: match[1] } : {}), classes: match[2] ? match[2].slice(1).split('.') : [] };
    })
    .reverse();
}

function parseDeclarations(text: string): { property: string; value: string }[] {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const colon = part.indexOf(':');
      if (colon <= 0) throw new Error(`digest stylesheet: ${JSON.stringify(part)} is not a declaration`);
      return { property: part.slice(0, colon).trim().toLowerCase(), value: part.slice(colon + 1).trim() };
    });
}

const rules: Rule[] = RULES.map(([selector, text], ruleIndex) => {
  const compounds = parseSelector(selector);
  const classes = compounds.reduce((sum, c) => sum + c.classes.length, 0);
  const tags = compounds.filter((c) => c.tag).length;
  // `!important` outranks specificity (juice adds 2 to the first column); the stylesheet has none outside @media.
  const declarations = parseDeclarations(text).map(({ property, value }, i) => ({ property, value, rank: [/!important$/.test(value) ? 2 : 0, classes, tags, ruleIndex, i] }));
  return { compounds, declarations };
});

interface OpenElement {
  tag: string;
  classes: ReadonlySet<string>;
}

const matchesCompound = (compound: Compound, element: OpenElement) => (!compound.tag || compound.tag === element.tag) && compound.classes.every((name) => element.classes.has(name));

/** Descendant combinators only: matching the ancestors greedily, nearest first, is exact. */
function matches(rule: Rule, element: OpenElement, ancestors: readonly OpenElement[]): boolean {
  if (!matchesCompound(rule.compounds[0]!, element)) return false;
  let at = ancestors.length - 1;
  for (const compound of rule.compounds.slice(1)) {
    while (at >= 0 && !matchesCompound(compound, ancestors[at]!)) at--;
    if (at < 0) return false;
    at--;
  }
  return true;
}

const compareRank = (a: readonly number[], b: readonly number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
};

// Elements that never render (juice's nonVisualElements) and void elements (no end tag, never an ancestor).
const NON_VISUAL = new Set(['head', 'title', 'base', 'link', 'style', 'meta', 'script', 'noscript']);
// A comment (MSO conditional comments included: markup inside them is not an element), a doctype, an end tag, or a start tag.
const TOKEN = /<!--[\s\S]*?-->|<![^>]*>|<\/([a-z][a-z0-9]*)\s*>|<([a-z][a-z0-9]*)((?:\s+[^\s"'>\/=]+(?:="[^"]*")?)*)\s*(\/?)>/g;
const ATTRIBUTE = /\s+([^\s"'>\/=]+)(?:="([^"]*)")?/g;

/** The style attribute for an element, or undefined when no rule selects it. */
function styleFor(element: OpenElement, ancestors: readonly OpenElement[], existing: string | undefined): string | undefined {
  const winners = new Map<string, Declaration>();
  let matched = false;
  for (const rule of rules) {
    if (!matches(rule, element, ancestors)) continue;
    matched = true;
    for (const declaration of rule.declarations) {
      const before = winners.get(declaration.property);
      if (!before || compareRank(declaration.rank, before.rank) > 0) winners.set(declaration.property, declaration);
    }
  }
  if (!matched) return undefined;
  // A style the template wrote itself outranks every rule (juice gives it the top specificity).
  if (existing) parseDeclarations(existing).forEach(({ property, value }, i) => winners.set(property, { property, value, rank: [/!important$/.test(value) ? 3 : 1, 0, 0, 0, i] }));
  const declarations = [...winners.values()].sort((a, b) => compareRank(a.rank, b.rank));
  return declarations.map(({ property, value }) => `${property}: ${value.replace(/"/g, "'")};`).join(' ');
}

/** Inlines RULES into the elements they select, and leaves only the media queries in the <style> element. */
export function inlineDigestCss(html: string): string {
  if (!html.includes(STYLE_ELEMENT)) throw new Error('inlineDigestCss: the document does not hold the digest stylesheet');
  const document = html.replace(STYLE_ELEMENT, () => `<style>${MEDIA}</style>`);
  const open: OpenElement[] = [];
  return document.replace(TOKEN, (token, endTag: string | undefined, tag: string | undefined, attributes: string | undefined, selfClosing: string) => {
    if (endTag) {
      // The template closes what it opens; an end tag closes the nearest open element of its name.
      const at = open.map((element) => element.tag).lastIndexOf(endTag.toLowerCase());
      if (at >= 0) open.length = at;
      return token;
    }
    if (!tag) return token;
    const name = tag.toLowerCase();
    let classes: string[] = [];
    let existing: string | undefined;
    for (const [, attribute, value] of (attributes ?? '').matchAll(ATTRIBUTE)) {
      if (attribute!.toLowerCase() === 'class') classes = (value ?? '').split(/\s+/).filter(Boolean);
      else if (attribute!.toLowerCase() === 'style') existing = value;
    }
    const element: OpenElement = { tag: name, classes: new Set(classes) };
    const style = NON_VISUAL.has(name) ? undefined : styleFor(element, open, existing);
    if (!VOID.has(name) && !selfClosing) open.push(element);
    if (style === undefined || style === '') return token;
    // A new attribute goes last; an existing one keeps its place (as cheerio's attr() does for juice).
    if (existing === undefined) return `<${tag}${attributes} style="${style}"${selfClosing ? ' /' : ''}>`;
    return token.replace(/(\sstyle=")[^"]*"/i, (_all, start: string) => `${start}${style}"`);
  });
}
