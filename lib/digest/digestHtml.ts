import { archiveLinkLabel, digestFeedUrls, emptyWeekText, preheaderText, type DigestEntry, type DigestModel, type WeekLink } from './digestModel.js';
import { feedAutodiscovery } from '../shared/feedAutodiscovery.js';
import { digestByEmail } from '../content/digestByEmail.js';
import { RIGHT_TO_LEFT_CSS } from '../shared/rightToLeftCss.js';
import { SIGNUP_FORM_CSS } from '../subscribers/renderSignupForm.js';
import { siteSignupForm } from '../subscribers/siteSignupForm.js';
import { digestPanelLink } from './digestPanelLink.js';
import { commentaryLink } from '../pages/commentaryLink.js';
import { tagLink } from '../pages/tagLink.js';
import { neighbourNav } from '../pages/neighbourNav.js';
import { entryPageDir } from '../shared/entryPageDir.js';
import { publicUrl } from '../shared/urls.js';
import type { Tag } from '../content/entry.js';
import { bdi } from '../shared/bdi.js';
import { isEnglish, ownWords, type OwnWords } from '../shared/ownWords.js';
import { escapeHtml } from '../shared/xmlText.js';
import { countOf } from '../shared/countOf.js';
import { digestKeys, siteImages, tagDir } from '../shared/outputLayout.js';
import { koreanLineBreaks } from '../shared/koreanLineBreaks.js';
import { digestSubject } from './digestSubject.js';
import { digestName } from '../shared/digestName.js';
import { footerSentence } from './footerSentence.js';
import { previewMeta } from '../pages/previewMeta.js';

/** Stands for the unsubscribe link in a rendered email until it is filled in per recipient. Never an entry URL (those are http(s)). */
export const UNSUBSCRIBE_PLACEHOLDER = 'urn:broadsheet:unsubscribe';
/** Stands for the subscriber's preferences link (their topics); the link is removed where there is none (see fillUnsubscribe). */
export const PREFERENCES_PLACEHOLDER = 'urn:broadsheet:preferences';
/** Reserved for the per-recipient unsubscribe and preferences URLs, so that filling them in cannot push a message past the budget. */
const UNSUBSCRIBE_RESERVE = 1024;

/**
 * Inlines a document's <style> rules into style attributes and leaves only the media queries in it
 * (lib/digest/renderDigestHtml.ts does it from RULES; tests/unit/digest/inlineCss.test.ts checks it against juice).
 */
export type CssInliner = (html: string) => string;

/**
 * The bytes a part takes in the message as sent (lib/digest/sizeAsSent.ts), given to the email's renderers by
 * whoever mails it: the archive, which the publish function renders too, is never cut and needs no mail encoder.
 */
export type PartSize = (text: string) => number;

/** The archived copy, digests/YYYY-Www.html: a web page with one <style> element, so it needs no inliner. */
export function renderDigestArchiveHtml(model: DigestModel): string {
  return renderDigestDocument(model, { variant: 'archive' }, (html) => html).html;
}

/**
 * Where an email over its budget was cut: its first `full` entries in full, then the next `titles` by title, and the
 * rest counted ("… and N more"). An email within its budget holds every entry in full.
 */
export interface DigestCut {
  full: number;
  titles: number;
}

/** A rendered digest document and where it was cut, which the text part follows (renderDigestText's `cut`). */
export interface DigestDocument {
  html: string;
  cut: DigestCut;
}

export interface DigestHtmlOptions {
  /** `email`: the message body, with "view in browser" and unsubscribe links. `archive`: the copy in digests/. */
  variant: 'email' | 'archive';
  /** The unsubscribe href of the email. Default UNSUBSCRIBE_PLACEHOLDER (see fillUnsubscribe). */
  unsubscribeHref?: string;
  /** The email's size budget in bytes. Default digest.maxBytes (100000). The archive is never cut. */
  maxBytes?: number;
  /** How the budget counts the email's bytes; an email needs it (renderDigestEmail gives sizeAsSent). */
  sizeAsSent?: PartSize;
}

// Mail clients drop <link> and most <style> support: in the email every rule below is written into the style
// attributes of the elements it selects (lib/digest/renderDigestHtml.ts), and only the media queries (dark mode, narrow
// screens) stay in a <style> block for the clients that honour them. The archived copy is a web page and keeps
// all of it in one <style> element. No web fonts: system font stacks only.
// The selectors are the simple kinds the email's inliner understands: a tag, classes, and descendants of those.
/** The stylesheet, one rule a row, in source order: [selector, declarations]. */
export const RULES: readonly (readonly [selector: string, declarations: string])[] = [
  ['body', 'margin: 0; padding: 0; background-color: #f4f1ea; color: #1f2328; -webkit-text-size-adjust: 100%;'],
  ['.outer', 'width: 100%; border-collapse: collapse; background-color: #f4f1ea;'],
  ['.outer-cell', 'padding: 24px 8px;'],
  ['.container', 'width: 100%; max-width: 600px; margin: 0 auto; border-collapse: collapse; background-color: #ffffff;'],
  ['.cell', "word-wrap: break-word; overflow-wrap: anywhere; font-family: Georgia, 'Times New Roman', serif;"],
  // A Korean site's digest breaks lines between words, not inside them (koreanLineBreaks): a class on its container
  // rather than :lang(ko), since the rules are written into style attributes, and a webmail drops <html> and its lang.
  ['.keep-words', 'word-break: keep-all;'],
  ['.masthead', 'padding: 28px 24px 18px; border-bottom: 3px solid #1f2328;'],
  ['.kicker', 'margin: 0; font-family: Helvetica, Arial, sans-serif; font-size: 12px; line-height: 1.4; letter-spacing: 0.08em; text-transform: uppercase; color: #6b5e4a;'],
  // Underlined: the site's name is a link in a line of the same colour, told from it by more than colour (WCAG 1.4.1).
  ['.kicker a', 'color: #6b5e4a; text-decoration: underline;'],
  ['h1', 'margin: 6px 0 6px; font-size: 26px; line-height: 1.25; font-weight: bold; color: #1f2328;'],
  ['.lede', 'margin: 0; font-family: Helvetica, Arial, sans-serif; font-size: 14px; line-height: 1.5; color: #57606a;'],
  ['.entry', 'padding: 20px 24px; border-top: 1px solid #e5dfd3;'],
  ['.first', 'border-top: 0;'],
  ['.hero', 'display: block; width: 100%; max-width: 552px; height: auto; border: 0; margin: 0 0 12px;'],
  // Coloured itself, not by inheritance: "More this week" is an h2 without a link, and dark mode recolours it.
  ['h2', 'margin: 0 0 6px; font-size: 20px; line-height: 1.3; font-weight: bold; color: #1f2328;'],
  ['h2 a', 'color: #1a4f8b; text-decoration: none;'],
  ['.meta', 'margin: 0 0 10px; font-family: Helvetica, Arial, sans-serif; font-size: 13px; line-height: 1.4; color: #6e6e6e;'],
  ['.meta a', 'color: #6e6e6e;'],
  ['.summary', 'margin: 0 0 10px; font-size: 16px; line-height: 1.55; color: #1f2328;'],
  ['.related-label', 'margin: 0 0 4px; font-family: Helvetica, Arial, sans-serif; font-size: 13px; font-weight: bold; color: #57606a;'],
  // Padded on both sides: an item set right to left (dir="auto", an Arabic title) has its bullet on the right.
  ['.related', 'margin: 0 0 10px; padding: 0 20px; font-size: 15px; line-height: 1.6;'],
  ['.related a', 'color: #1a4f8b;'],
  ['.tags', 'margin: 0; font-family: Helvetica, Arial, sans-serif; font-size: 12px; line-height: 1.5; color: #6e6e6e;'],
  ['.more', 'margin: 0 0 12px; padding: 0 20px; font-size: 15px; line-height: 1.6;'],
  ['.more a', 'color: #1a4f8b;'],
  ['.button', 'display: inline-block; padding: 8px 14px; border-radius: 4px; background-color: #1a4f8b; color: #ffffff; font-family: Helvetica, Arial, sans-serif; font-size: 14px; font-weight: bold; text-decoration: none;'],
  ['.empty', 'margin: 0; font-size: 16px; line-height: 1.55; color: #57606a;'],
  // Lines 24 px apart (13 px × 1.85): the row of links wraps on a phone, and a link's 15 px line box would sit less
  // than 24 px from the one below (WCAG 2.2 2.5.8 Target Size, spacing).
  ['.footer', 'padding: 20px 24px 28px; border-top: 3px solid #1f2328; font-family: Helvetica, Arial, sans-serif; font-size: 13px; line-height: 1.85; color: #6e6e6e;'],
  ['.footer p', 'margin: 0 0 8px;'],
  ['.footer a', 'color: #1a4f8b;'],
];

const CSS = `\n${RULES.map(([selector, declarations]) => `${selector} { ${declarations} }`).join('\n')}\n`;

/** The media queries, kept in a <style> block in the email too (with !important, to beat the inline styles). */
export const MEDIA = `
@media (prefers-color-scheme: dark) {
  body, .outer { background-color: #121212 !important; }
  .container { background-color: #1e1e1e !important; }
  body, h1, h2, .summary, .related, .more { color: #ececec !important; }
  h2 a, .related a, .more a, .footer a { color: #8ab4f8 !important; }
  .kicker, .kicker a, .lede, .meta, .meta a, .tags, .empty, .footer, .related-label { color: #b0b0b0 !important; }
  .masthead, .footer { border-color: #ececec !important; }
  .entry { border-color: #333333 !important; }
}
@media (max-width: 620px) {
  .outer-cell { padding: 0 !important; }
  .masthead, .entry, .footer { padding-left: 16px !important; padding-right: 16px !important; }
  h1 { font-size: 22px !important; }
}
`;

/** The document's one <style> element, as rendered before the email's inliner (see CssInliner) takes the rules out of it. */
export const STYLE_ELEMENT = `<style>${CSS}${MEDIA}</style>`;

/**
 * The archived copy is a page of the site, reached from its pages by keyboard too: its links get their focus ring
 * (WCAG 2.4.7), in the digest's link colours, 3:1 or more against the digest's backgrounds in each scheme (1.4.11).
 * A rule the email's inliner could not write into style attributes, and no mail client needs.
 */
const archiveFocus = (selectors: string) => `${selectors} { outline: 3px solid #1a4f8b; outline-offset: 2px; }
@media (prefers-color-scheme: dark) {
  ${selectors} { outline-color: #8ab4f8; }
}
`;

/**
 * The archived copy is the page an email's "View in browser" opens, a forwarded digest's too: it offers the digest by
 * email there, with the site's own signup form when the site takes signups (siteSignupForm), the form's field and
 * button given the links' focus ring; else, when the site offers it by email another way (an outside signup page, a
 * mail to the editors: digestByEmail), a link to the home page's digest section, which says how.
 */
function archiveSignup(model: DigestModel, words: OwnWords): { html: string; css: string } {
  const { site } = model;
  const form = siteSignupForm(site, model.keys.html, `/${model.keys.html}`, words);
  if (form !== undefined) {
    // On paper, which cannot send the form (SIGNUP_FORM_CSS hides it), its words before it go too: the whole cell.
    return { html: `\n<p${words.en}>Get the weekly digest by email:</p>\n${form}`, css: `${archiveFocus('a:focus-visible, button:focus-visible, input:focus-visible')}${SIGNUP_FORM_CSS}\n@media print { .join:has(> .signup) { display: none; } }\n` };
  }
  const how = digestByEmail(site) ? `\n${digestPanelLink(site.url, words)}` : '';
  return { html: how, css: archiveFocus('a:focus-visible') };
}

/**
 * The archived copy, a page of the site, names the site's icon as every page does: without a <link rel="icon">, a
 * browser asks for /favicon.ico at the host's root, outside a site under a path. An email has no use for one.
 */
function archiveIcon(site: DigestModel['site']): string {
  return `<link rel="icon" href="${escapeHtml(siteImages(site).icon)}">\n`;
}

/**
 * The digest feed for discovery (HTML Living Standard §4.6.7.1, rel=alternate with a feed type), absolute as every
 * link of the digest. The archived copy is a page of the site and names all three formats, as every page does
 * (feedAutodiscovery); the email names the RSS feed alone, since no mail client discovers feeds, and every byte
 * counts against its budget.
 */
function feedLinks(model: DigestModel, variant: DigestHtmlOptions['variant']): string {
  const title = digestName(model.site.title);
  if (variant === 'archive') return feedAutodiscovery(title, digestFeedUrls(model.site.url));
  return `<link rel="alternate" type="application/rss+xml" title="${escapeHtml(title)} (RSS)" href="${escapeHtml(model.urls.feed)}">`;
}

/**
 * The digest as an HTML email (or its archived copy): a 600 px table layout that Outlook, Gmail and Apple Mail
 * render alike, with all CSS inlined. An email over its budget lists the later entries as titles only, with a
 * "read the full digest" link, since Gmail clips messages past 102 KB and hides the rest, unsubscribe link included.
 */
export function renderDigestDocument(model: DigestModel, options: DigestHtmlOptions, inlineCss: CssInliner): DigestDocument {
  const count = model.entries.length;
  const whole = { full: count, titles: 0 };
  const full = renderDocument(model, options, count, inlineCss);
  // The archive is never cut, so it is written without markers (see renderDocument).
  if (options.variant === 'archive') return { html: full, cut: whole };
  const sizeAsSent = options.sizeAsSent;
  if (sizeAsSent === undefined) throw new TypeError('an email is cut to its budget as sent: give renderDigestDocument sizeAsSent');
  if (sizeAsSent(unmark(full)) <= (options.maxBytes ?? model.site.digest.maxBytes) - UNSUBSCRIBE_RESERVE) return { html: unmark(full), cut: whole };
  // Too big. Inlining is the slow part, so it runs twice only: every entry in full, and every entry as a title.
  // The email is then put together from the inlined pieces (split at the markers), with as many entries in
  // full as fit the budget.
  const budget = (options.maxBytes ?? model.site.digest.maxBytes) - UNSUBSCRIBE_RESERVE;
  const [prefix, masthead, ...fullRest] = full.split(ROW);
  const fullRows = fullRest.slice(0, count);
  const [footer, suffix] = fullRest.slice(count);
  const titlesOnly = renderDocument(model, options, 0, inlineCss).split(ROW)[2]!;
  const [moreHead, ...moreRest] = titlesOnly.split(ITEM);
  const items = moreRest.slice(0, count);
  const moreTail = moreRest[count]!;
  const assemble = (fullCount: number) =>
    unmark([prefix, masthead, ...fullRows.slice(0, fullCount), [moreHead, ...items.slice(fullCount), moreTail].join(ITEM), footer, suffix].join(ROW));
  const fits = (html: string) => sizeAsSent(html) <= budget;
  if (!fits(assemble(0))) {
    // Even every title is too much: as many as fit, then how many more the full digest holds.
    const titles = (shown: number) =>
      unmark([prefix, masthead, [moreHead, ...items.slice(0, shown), `<li${ownWords(model.site.language).en}>… and ${items.length - shown} more in the full digest.</li>`, moreTail].join(ITEM), footer, suffix].join(ROW));
    const shown = largest(items.length - 1, titles, fits) ?? 0;
    return { html: titles(shown), cut: { full: 0, titles: shown } };
  }
  const fullCount = largest(count - 1, assemble, fits) ?? 0;
  return { html: assemble(fullCount), cut: { full: fullCount, titles: count - fullCount } };
}

/** The largest count in 1..`most` whose candidate fits (counts fit up to some point), or undefined. */
function largest(most: number, candidate: (count: number) => string, fits: (html: string) => boolean): number | undefined {
  let low = 1;
  let high = most;
  let best: number | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (fits(candidate(middle))) {
      best = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return best;
}

// Markers between the rows, and between the titles of the "More this week" list, so that inlined documents can
// be cut into pieces. Entry text is escaped, so it can never contain one.
const ROW = '\n<!--broadsheet:row-->\n';
const ITEM = '\n<!--broadsheet:item-->\n';

function unmark(html: string): string {
  return html.replaceAll(ROW, '\n').replaceAll(ITEM, '\n');
}

// The footer's preferences link and the separator after it, as inlined (the inliner adds a style attribute).
const PREFERENCES_LINK = new RegExp(`<a href="${PREFERENCES_PLACEHOLDER}"[^>]*>Your topics</a> · `, 'g');

/** Puts a recipient's unsubscribe URL where its placeholder is, and their preferences URL where its is (or, without one, removes that link). */
export function fillUnsubscribe(html: string, href: string, preferencesHref?: string): string {
  const filled = html.replaceAll(`href="${UNSUBSCRIBE_PLACEHOLDER}"`, `href="${escapeHtml(href)}"`);
  return preferencesHref === undefined ? filled.replace(PREFERENCES_LINK, '') : filled.replaceAll(`href="${PREFERENCES_PLACEHOLDER}"`, `href="${escapeHtml(preferencesHref)}"`);
}

function renderDocument(model: DigestModel, options: DigestHtmlOptions, fullCount: number, inlineCss: CssInliner): string {
  const { site, entries } = model;
  const e = escapeHtml;
  // The digest's own words are English: on a site in another language they say so, and the typed text among them
  // says the site's language (WCAG 3.1.2). The week's dates are in the site's language already, and take its
  // direction (dir="auto"): "12–18 مايو 2014" in a left-to-right line read "12–18 2014 مايو" (HTML §3.2.6.4).
  const words = ownWords(site.language);
  // The archive is never cut: its rows are joined by what unmark would leave of the markers (a line break).
  const [rowBreak, itemBreak] = options.variant === 'archive' ? ['\n', '\n'] : [ROW, ITEM];
  // The page's title is the email's subject, so the archived copy, a browser tab and a saved file say what the inbox did.
  const title = digestSubject(site.digest.subject, { title: site.title, range: model.rangeText, week: model.week.name, count: entries.length });
  const count = entries.length;
  const rows: string[] = [];
  rows.push(`<tr><td class="cell masthead">
<p class="kicker"${words.en}>${digestName(site.title, (title) => `<a href="${e(site.url)}">${bdi(title, words.typed)}</a>`)}</p>
<h1 dir="auto">${e(model.rangeText)}</h1>
<p class="lede"${words.en}>${count === 0 ? 'No new entries this week' : countOf(count, 'entry', 'entries')} · Week ${model.week.weekNumber} of ${model.week.weekYear}</p>
</td></tr>`);
  if (count === 0) rows.push(`<tr><td class="cell entry first"><p class="empty"${words.en}>${e(emptyWeekText(site))}</p></td></tr>`);
  entries.slice(0, fullCount).forEach((entry, index) => rows.push(entryRow(entry, index === 0, words, options.variant === 'archive' ? site.url : undefined)));
  const rest = entries.slice(fullCount);
  if (rest.length > 0) {
    const items = rest.map((entry) => `<li dir="auto"><a href="${e(entry.url)}">${e(entry.title)}</a> <span class="meta">${bdi(entry.source.name)}</span></li>`);
    rows.push(`<tr><td class="cell entry">
<h2${words.en}>More this week</h2>
<ul class="more">${itemBreak}${items.join(itemBreak)}${itemBreak}</ul>
<p${words.en}><a class="button" href="${e(model.urls.html)}">Read the full digest</a></p>
</td></tr>`);
  }
  // Only the archived copy, a page of the site, takes signups: a form in an email would post from the mail client. It
  // is the last row of the page's main landmark, before the footer's.
  const signup = options.variant === 'archive' ? archiveSignup(model, words) : undefined;
  if (options.variant === 'archive') rows.push(`<tr><td class="cell entry join">\n${weeksNav(model, words)}\n</td></tr>`);
  if (signup?.html) rows.push(`<tr><td class="cell entry join">${signup.html}\n</td></tr>`);
  rows.push(footerRow(model, options, words));
  const container = `class="container${koreanLineBreaks(site.language) ? ' keep-words' : ''}" role="presentation"`;

  // A webmail drops <html> and its lang and dir: the email's container says them again. The email has no landmarks,
  // since a webmail shows it inside its own page's main; the archived page has the site's pages' (archiveBody).
  const html = `<!DOCTYPE html>
<html${words.page}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${e(title)}</title>
${options.variant === 'archive' ? `${archivePreview(model)}\n` : ''}${feedLinks(model, options.variant)}
${signup ? `${archiveIcon(site)}<style>${CSS}${signup.css}${archiveCss(words.direction)}${MEDIA}</style>` : STYLE_ELEMENT}
</head>
<body>
${
  options.variant === 'email'
    ? `${preheader(model)}<table class="outer" role="presentation"><tbody><tr><td class="outer-cell">
<!--[if mso]><table role="presentation" width="600" align="center"><tbody><tr><td><![endif]-->
<table ${container}${words.page}><tbody>${rowBreak}${rows.join(rowBreak)}${rowBreak}</tbody></table>
<!--[if mso]></td></tr></tbody></table><![endif]-->
</td></tr></tbody></table>`
    : archiveBody(rows, container, words)
}
</body>
</html>
`;
  // The archive is a web page: browsers apply the <style> element as it is, so it is not inlined.
  if (options.variant === 'archive') return html;
  return inlineCss(html);
}

/**
 * The archived copy's description, canonical link and link preview, as the site's pages have (previewMeta): a link to
 * it shared from "View in browser" shows a card. Its title is the feed item's, without the site's name (og:site_name
 * gives it), on an English site; its description is the preheader the inbox shows. The email has none: it has no address of its own.
 */
function archivePreview(model: DigestModel): string {
  const { site } = model;
  const description = preheaderText(model);
  // A meta's content cannot say lang="en" as the page's English words do (WCAG 3.1.2): on a site in another
  // language the card names the week by its range alone, in the site's language, as a month's page is named by its
  // month (the page's h1, as the site's pages' og:title is).
  const title = isEnglish(site.language) ? `Weekly digest: ${model.rangeText}` : model.rangeText;
  return `<meta name="description" content="${escapeHtml(description)}">
${previewMeta({ type: 'website', language: site.language, siteTitle: site.title, title, description, canonicalUrl: model.urls.html })}`;
}

/**
 * The way on from an archived week's page after its entries, as a month's page has (neighbourNav): the newer and the
 * older archived week, none past either end, and the list of all, with rel=next and prev.
 */
function weeksNav(model: DigestModel, words: OwnWords): string {
  const link = (week: WeekLink) => ({ href: publicUrl(model.site.url, digestKeys(week.name).html), name: week.rangeText });
  const { newer, older } = model.around ?? {};
  return neighbourNav('Weeks', { ...(newer ? { newer: link(newer) } : {}), all: { href: model.urls.index, text: 'All digests' }, ...(older ? { older: link(older) } : {}) }, words, true);
}

/**
 * The archived copy's body, laid out as the site's pages are (renderSitePage): a skip link first, then the masthead
 * as the page's header (banner), the entries as its main and the footer's row as its footer (contentinfo), each a
 * landmark of the body (WCAG 1.3.1, 2.4.1; HTML §4.3.3, §4.3.8 and §4.4.14 map them). Each holds a part of the
 * email's table layout, so that the page still looks like the email its "View in browser" link opens.
 */
function archiveBody(rows: readonly string[], container: string, words: OwnWords): string {
  const table = (inner: readonly string[]) => `<table class="outer" role="presentation"><tbody><tr><td class="outer-cell">
<table ${container}><tbody>
${inner.join('\n')}
</tbody></table>
</td></tr></tbody></table>`;
  return `<a class="skip" href="#digest"${words.en}>Skip to the digest</a>
<header>
${table(rows.slice(0, 1))}
</header>
<main id="digest">
${table(rows.slice(1, -1))}
</main>
<footer>
${table(rows.slice(-1))}
</footer>`;
}

/**
 * The archived copy's own rules: its three landmarks' tables join up as the email's one table (no gap between them),
 * its skip link shows where it is on focus, as on the site's pages, and its tag links and the signup's row (`join`)
 * take the digest's link colours, contrasting (WCAG 1.4.3) with its backgrounds in either scheme, as its other links do. A right-to-left page keeps
 * its hidden text (the skip link, the honeypot) off screen on its right, where it makes no page scroll sideways.
 */
const archiveCss = (direction: OwnWords['direction']) => `header .outer-cell { padding-bottom: 0; }
main .outer-cell { padding-top: 0; padding-bottom: 0; }
footer .outer-cell { padding-top: 0; }
.skip { position: absolute; left: -999rem; color: #1a4f8b; }
.skip:focus { left: 1rem; top: 1rem; padding: .5rem; background-color: #ffffff; }
.tags a, .join a { color: #1a4f8b; }
@media (prefers-color-scheme: dark) {
  .skip, .tags a, .join a { color: #8ab4f8; }
  .skip:focus { background-color: #1e1e1e; }
}
${direction === 'rtl' ? `${RIGHT_TO_LEFT_CSS}\n` : ''}`;

/**
 * The line an inbox shows after the subject, hidden in the message itself; the padding keeps the client from
 * filling the rest of the preview with the body. `mso-hide: all` hides it in Outlook for Windows (its Word engine
 * ignores `display: none`), a property no CSS standard has: the archived web page has no preheader, so it keeps none.
 */
function preheader(model: DigestModel): string {
  return `<div style="display: none; max-height: 0; overflow: hidden; opacity: 0; mso-hide: all;">${escapeHtml(preheaderText(model))}${'&#8199;&#847; '.repeat(40)}</div>\n`;
}

/** `archiveSite`: the site's URL, on the archived copy only. */
function entryRow(entry: DigestEntry, first: boolean, words: OwnWords, archiveSite?: string): string {
  const e = escapeHtml;
  const parts: string[] = [];
  // A fixed width with height:auto keeps the layout while the image loads, at any aspect ratio.
  // The alt follows the entry page's rule: imageAlt, else decorative (alt="", the title below names the entry). A
  // decorative image is not linked, since a link holding only it would have no name (WCAG 2.4.4). A described one's
  // link is named by where it goes, the title, then what the image shows (a link's aria-label is all a screen reader
  // says of it); the alt stays the description, which a client blocking images shows in its place.
  if (entry.image && entry.imageAlt) parts.push(`<a href="${e(entry.url)}" aria-label="${e(`${entry.title}: ${entry.imageAlt}`)}"><img class="hero" src="${e(entry.image)}" alt="${e(entry.imageAlt)}" width="552"></a>`);
  else if (entry.image) parts.push(`<img class="hero" src="${e(entry.image)}" alt="" width="552">`);
  // Typed text takes its own direction: a block by its first strong character (dir=auto), an inline piece as a
  // bidi isolate (<bdi>), so a right-to-left title or source keeps its punctuation and the line its order (HTML §3.2.6.4).
  parts.push(`<h2 dir="auto"><a href="${e(entry.url)}">${e(entry.title)}</a></h2>`);
  const source = entry.source.url ? `<a href="${e(entry.source.url)}">${bdi(entry.source.name)}</a>` : `${bdi(entry.source.name)}`;
  // The archived copy, a page of the site, links each entry's own page and its tags' pages, as the site's index does;
  // the email keeps to the article, its every byte counting against the budget.
  const commentary = archiveSite !== undefined ? ` · ${commentaryLink(publicUrl(archiveSite, entryPageDir(entry.id)), entry.title, words)}` : '';
  parts.push(`<p class="meta">${source} · <time datetime="${e(entry.dateIso)}" dir="auto">${e(entry.dateText)}</time>${commentary}</p>`);
  if (entry.summary) parts.push(`<p class="summary" dir="auto">${e(entry.summary)}</p>`);
  if (entry.related.length > 0) {
    parts.push(`<p class="related-label"${words.en}>Related</p>`);
    parts.push(`<ul class="related">\n${entry.related.map((link) => `<li dir="auto"><a href="${e(link.url)}">${e(link.title)}</a></li>`).join('\n')}\n</ul>`);
  }
  if (entry.tags.length > 0) {
    const tag = (tag: Tag) => (archiveSite !== undefined ? tagLink({ name: tag.name, href: publicUrl(archiveSite, tagDir(tag.slug)) }, words.typed) : bdi(tag.name, words.typed));
    parts.push(`<p class="tags"${words.en}>Tags: ${entry.tags.map(tag).join(' · ')}</p>`);
  }
  return `<tr><td class="cell entry${first ? ' first' : ''}">\n${parts.join('\n')}\n</td></tr>`;
}

function footerRow(model: DigestModel, options: DigestHtmlOptions, words: OwnWords): string {
  const e = escapeHtml;
  const { site } = model;
  const names = { title: (title: string) => `<a href="${e(site.url)}">${bdi(title, words.typed)}</a>`, topic: (name: string) => bdi(name, words.typed) };
  if (options.variant === 'archive') {
    return `<tr><td class="cell footer">
<p${words.en}>${footerSentence(model, 'archive', names)} ${bdi(site.description, words.typed)}</p>
<p${words.en}><a href="${e(model.urls.index)}">All digests</a> · <a href="${e(model.urls.feed)}">Digest feed</a> · <a href="${e(model.urls.text)}">Plain text</a></p>
</td></tr>`;
  }
  const unsubscribe = options.unsubscribeHref ?? UNSUBSCRIBE_PLACEHOLDER;
  return `<tr><td class="cell footer">
<p${words.en}>${footerSentence(model, 'email', names)}</p>
<p${words.en}><a href="${e(model.urls.html)}">${archiveLinkLabel(model)}</a> · <a href="${e(model.urls.index)}">All digests</a> · <a href="${PREFERENCES_PLACEHOLDER}">Your topics</a> · <a href="${e(unsubscribe)}">Unsubscribe</a></p>
</td></tr>`;
}
