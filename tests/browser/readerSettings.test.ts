import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ARTIFACTS, chromiumAvailable, screenshotIfFailed, sharedChromium } from '../support/browser.js';
import { REPO } from '../support/cli.js';
import { publishedOnce } from '../support/publishedOnce.js';
import { serveFolder, type StaticServer } from '../support/staticServer.js';

/**
 * The sample site's pages as readers who change their browser's settings read them: a phone 320 px wide with the
 * browser's text size doubled (WCAG 1.4.4 Resize Text), dark mode with the keyboard, pages printed (from dark mode
 * too), in Debian's Chromium.
 */
const NOW = '2014-06-01T00:00:00Z';
/** How far the page scrolls sideways. */
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
const available = chromiumAvailable('tests/browser/readerSettings.test.ts');
/** The focused element's tag and the ring drawn around it: "input solid 3px rgb(…)". */
const FOCUS_RING = `(() => {
  const style = getComputedStyle(document.activeElement);
  return document.activeElement.tagName.toLowerCase() + ' ' + style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor;
})()`;
/** An entry page's link to its article: its text, and what the page adds after it (CSS generated content). */
const ARTICLE_LINK = `(() => {
  const link = [...document.querySelectorAll('main a')].find((a) => a.textContent.startsWith('Read the article'));
  return { text: link.textContent, after: getComputedStyle(link, '::after').content };
})()`;
/** Each link in the entry page's main: its text, its href as written, and what the page adds after it. */
const MAIN_LINKS = `[...document.querySelectorAll('main a')].map((a) => ({ text: a.textContent, href: a.getAttribute('href'), after: getComputedStyle(a, '::after').content }))`;
/** The colours of the index's text, its first entry's date line and title link, and the page's colour scheme. */
const PRINTED_COLOURS = `(() => {
  const colour = (selector) => getComputedStyle(document.querySelector(selector)).color;
  return { text: colour('body'), date: colour('p.meta'), link: colour('h3 a'), scheme: getComputedStyle(document.documentElement).colorScheme };
})()`;

describe.skipIf(!available)('the published pages under a reader’s own settings', () => {
  let context: BrowserContext;
  let server: StaticServer;
  let page: Page;

  beforeAll(async () => {
    const [{ out, run }, browser] = await Promise.all([publishedOnce('content', NOW), sharedChromium()]);
    expect(run.code, run.stderr).toBe(0);
    server = await serveFolder(out);
    context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  it('keeps the index within a 320 px phone at twice the default text size: the email field narrows, no line scrolls sideways', async () => {
    // The browser's own text size setting (Chromium's "Font size"), 32 px where the default is 16 px: unlike zoom it
    // leaves the viewport 320 px wide and the media queries as they are, and the page's rem grow with it. The setting
    // lasts as long as the session that made it: the session stays open with the tab.
    const session = await context.newCDPSession(page);
    await session.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
    screenshotIfFailed(page, `${ARTIFACTS}large-text-320.png`, { fullPage: true });
    await page.goto(server.url);
    const shown = await page.evaluate<{ overflow: number; rootFont: string; field: number; main: number }>(
      `({ overflow: ${OVERFLOW}, rootFont: getComputedStyle(document.documentElement).fontSize, field: document.querySelector('#signup-email').getBoundingClientRect().right, main: document.querySelector('main').getBoundingClientRect().right })`,
    );
    expect(shown.rootFont).toBe('32px');
    expect(shown).toMatchObject({ overflow: 0 });
    expect(shown.field).toBeLessThanOrEqual(320);
    expect(shown.main).toBeLessThanOrEqual(320);
  });

  it('rings the signup field and button in dark mode as it rings a link: 3 px of the dark accent (WCAG 2.4.7)', async () => {
    const dark = await context.newPage();
    onTestFinished(() => dark.close());
    await dark.setViewportSize({ width: 1280, height: 800 });
    await dark.emulateMedia({ colorScheme: 'dark' });
    screenshotIfFailed(dark, `${ARTIFACTS}signup-focus-dark.png`);
    await dark.goto(server.url);
    const ring = () => dark.evaluate<string>(FOCUS_RING);
    // The link after the form, then the button and the field, reached by the keyboard as a reader reaches them.
    await dark.getByRole('link', { name: 'Read past digests in the archive', exact: true }).focus();
    await dark.keyboard.press('Shift+Tab');
    await dark.keyboard.press('Tab');
    const link = await ring();
    await dark.keyboard.press('Shift+Tab');
    const button = await ring();
    await dark.keyboard.press('Shift+Tab');
    const field = await ring();
    // The dark palette's accent, #8cb8ff (lib/shared/pagePalette.ts).
    const accent = 'solid 3px rgb(140, 184, 255)';
    expect([link, field, button]).toEqual([`a ${accent}`, `input ${accent}`, `button ${accent}`]);
  });

  it('prints a page in the light palette from a browser in dark mode: dark text, and the light mode’s grey and blue', async () => {
    const printed = await context.newPage();
    onTestFinished(() => printed.close());
    await printed.emulateMedia({ media: 'print', colorScheme: 'dark' });
    screenshotIfFailed(printed, `${ARTIFACTS}print-from-dark.png`);
    await printed.goto(server.url);
    const colours = await printed.evaluate(PRINTED_COLOURS);
    // The light palette (lib/shared/pagePalette.ts): text #1b1b1b, muted #595959, link #0a4fb4.
    expect(colours).toEqual({ text: 'rgb(27, 27, 27)', date: 'rgb(89, 89, 89)', link: 'rgb(10, 79, 180)', scheme: 'light' });
  });

  it('prints the article’s address after its link on an entry’s page, where paper has no link to follow, and not on screen', async () => {
    const entry = await context.newPage();
    onTestFinished(() => entry.close());
    screenshotIfFailed(entry, `${ARTIFACTS}print-entry.png`);
    const url = /^url: (.+)$/m.exec(await readFile(join(REPO, 'content/entries/2014/kaesong-wages.md'), 'utf8'))![1]!;
    await entry.emulateMedia({ media: 'print' });
    await entry.goto(`${server.url}entries/2014/kaesong-wages/`);
    const printed = await entry.evaluate<{ text: string; after: string }>(ARTICLE_LINK);
    await entry.emulateMedia({ media: 'screen' });
    const onScreen = await entry.evaluate<{ text: string; after: string }>(ARTICLE_LINK);
    expect(printed).toEqual({ text: 'Read the article at Yonhap', after: JSON.stringify(` ${url}`) });
    expect(onScreen).toEqual({ text: 'Read the article at Yonhap', after: 'none' });
  });

  it('prints the address after each link out of the site on an entry’s page, the related link’s too, but the title’s and the site’s own links', async () => {
    const entry = await context.newPage();
    onTestFinished(() => entry.close());
    screenshotIfFailed(entry, `${ARTIFACTS}print-entry-links.png`);
    const file = await readFile(join(REPO, 'content/entries/2014/dprk-russia-exchanges-expand.md'), 'utf8');
    const [article, source, related] = [/^url: (.+)$/m, /^ {2}url: (.+)$/m, /^ {4}url: (.+)$/m].map((pattern) => pattern.exec(file)![1]!);
    await entry.emulateMedia({ media: 'print' });
    await entry.goto(`${server.url}entries/2014/dprk-russia-exchanges-expand/`);
    const links = await entry.evaluate<{ text: string; href: string; after: string }[]>(MAIN_LINKS);
    const after = (href: string) => links.filter((link) => link.href === href).map((link) => link.after);
    // The title's link and "Read the article" both go to the article: its address is printed once, after the second.
    expect(after(article!)).toEqual(['none', JSON.stringify(` ${article}`)]);
    expect(after(source!)).toEqual([JSON.stringify(` ${source}`)]);
    expect(after(related!)).toEqual([JSON.stringify(` ${related}`)]);
    // The tag links are the site's own, relative: nothing is printed after them.
    const own = links.filter((link) => !link.href.startsWith('http'));
    expect(own.length).toBeGreaterThan(0);
    expect(own.map((link) => link.after)).toEqual(own.map(() => 'none'));
  });
});
