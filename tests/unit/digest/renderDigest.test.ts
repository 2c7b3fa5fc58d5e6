import { DateTime } from 'luxon';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { preheaderText } from '../../../lib/digest/digestModel.js';
import { fillUnsubscribe, renderDigestArchiveHtml, UNSUBSCRIBE_PLACEHOLDER } from '../../../lib/digest/digestHtml.js';
import { renderDigestEmail, renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { renderDigestText } from '../../../lib/digest/renderDigestText.js';
import { renderDigestIndex } from '../../../lib/digest/digestIndexPage.js';
import { escapeHtml } from '../../../lib/shared/xmlText.js';
import { DIGEST, meta, testSite, weekModel } from '../../support/digestFixtures.js';
import { sizeAsSent } from '../../../lib/digest/sizeAsSent.js';

// The HTML standard as html-validate checks it; inline styles are the point of an email and MSO conditional
// comments are only comments to HTML, so those two style rules are off.
const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-inline-style': 'off', 'no-conditional-comment': 'off' } });

async function expectValid(html: string): Promise<void> {
  const report = await validator.validateString(html);
  const messages = report.results.flatMap((result) => result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`));
  expect(messages).toEqual([]);
}

const site = testSite();
const entries = [
  meta('2014-05-09', { title: 'Rice <prices> & “markets”', related: [{ title: 'Background', url: 'https://news.example.com/bg' }], image: 'https://img.example.com/rice.jpg' }),
  meta('2014-05-05T09:00:00'),
  meta('2014-05-11T23:59:00', { summary: 'Late on Sunday, still this week.' }),
  meta('2014-05-12T00:00:00', { title: 'Next Monday: next week' }),
  meta('2014-05-04T23:59:00', { title: 'The Sunday before: last week' }),
];
const model = weekModel(site, entries);

describe('the digest model', () => {
  it('holds the entries of the week in the site zone, oldest first', () => {
    expect(model.entries.map((e) => DateTime.fromMillis(e.date, { zone: 'Asia/Seoul' }).toISO())).toEqual(['2014-05-05T09:00:00.000+09:00', '2014-05-09T00:00:00.000+09:00', '2014-05-11T23:59:00.000+09:00']);
    expect(model.entries.map((e) => e.dateIso)).toEqual(['2014-05-05', '2014-05-09', '2014-05-11']);
  });

  it('gives the range in the site language: 5–11 May 2014 in en-GB', () => {
    expect(model.rangeText).toBe('5–11 May 2014');
  });

  it('dates each entry in the site zone and language', () => {
    expect(model.entries[1]!.dateText).toBe('Fri, 9 May 2014');
  });
});

describe('the digest email HTML', () => {
  const html = fillUnsubscribe(renderDigestHtml(model, { variant: 'email' }), 'https://watch.example.org/unsubscribe?email=a%40example.org');

  it('is valid HTML, as email and as archive', async () => {
    await expectValid(html);
    await expectValid(renderDigestHtml(model, { variant: 'archive' }));
    await expectValid(renderDigestHtml(weekModel(site, [], '2014-W30'), { variant: 'email' }));
  });

  it('has all CSS inlined: no stylesheet links, no class left to a stylesheet, only media queries in <style>', () => {
    expect(html).not.toMatch(/<link\b[^>]*\brel="?stylesheet/i);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/@font-face|@import|fonts\.googleapis/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    // Outside the media queries there is no rule: everything else is inline.
    expect(style.replace(/@media[^{]+\{(?:[^{}]*\{[^{}]*\})*\s*\}/g, '').trim()).toBe('');
    for (const tag of html.match(/<(table|td|p|h1|h2|a|ul|img)\b[^>]*\sclass="[^"]*"[^>]*>/g) ?? []) expect(tag).toMatch(/\sstyle="/);
  });

  it('is a table layout at most 600 px wide', () => {
    expect(html).toMatch(/<table class="container" role="presentation" lang="en-GB" style="[^"]*max-width: 600px/);
  });

  it('declares light and dark color schemes', () => {
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    expect(html).toMatch(/@media \(prefers-color-scheme: dark\)/);
  });

  it('starts the body with a hidden preheader naming the first entries', () => {
    const body = html.slice(html.indexOf('<body'));
    const preheader = /<body[^>]*>\s*<div style="([^"]*)">([^<]*)</.exec(body)!;
    expect(preheader[1]).toContain('display: none');
    expect(preheader[2]).toContain('3 entries: Entry');
    expect(preheaderText(model)).toMatch(/^3 entries: Entry \d+ · Rice <prices> & “markets” · Entry \d+$/);
  });

  it('gives images a width and the entry page’s alt: imageAlt, linked; without it decorative (alt=""), unlinked', async () => {
    const pictured = meta('2014-05-06', { title: 'Fair <opens>', image: 'https://img.example.com/fair.jpg', imageAlt: 'Stalls & <crowds> at the fair' });
    const plain = meta('2014-05-07', { title: 'Bridge opens', image: 'https://img.example.com/bridge.jpg' });
    const images = weekModel(site, [pictured, plain]);
    for (const page of [renderDigestHtml(images, { variant: 'email' }), renderDigestHtml(images, { variant: 'archive' })]) {
      const [described, decorative] = [...page.matchAll(/(<a [^>]*>)?<img [^>]*>/g)].map((match) => match[0]);
      expect(described).toMatch(new RegExp(`^<a href="${pictured.url}"[^>]*><img [^>]*alt="Stalls &amp; &lt;crowds&gt; at the fair"`));
      expect(decorative).toMatch(/^<img [^>]*src="https:\/\/img\.example\.com\/bridge\.jpg"[^>]* alt=""/);
      for (const img of [described!, decorative!]) expect(img).toContain('width="552"');
      expect(page).not.toMatch(/alt="(Fair|Bridge)/);
      await expectValid(page);
    }
    expect(/<img [^>]*>/.exec(html)![0]).toMatch(/style="[^"]*height: auto/);
  });

  it('shows each entry: linked title, source, date, summary, related links, tags; all escaped', () => {
    expect(html).toContain('<a href="https://news.example.com/');
    expect(html).toContain('Rice &lt;prices&gt; &amp; “markets”');
    expect(html).not.toContain('<prices>');
    expect(html).toContain('Fri, 9 May 2014');
    expect(html).toContain('Late on Sunday, still this week.');
    expect(html).toMatch(/<a href="https:\/\/news\.example\.com\/bg"[^>]*>Background<\/a>/);
    expect(html).toContain('Tags: <bdi>Trade</bdi> · <bdi>Markets</bdi>');
    expect(html).not.toContain('Next Monday');
    expect(html).not.toContain('The Sunday before');
  });

  it('has the week range in the header and view-in-browser and unsubscribe links in the footer', () => {
    expect(html).toMatch(/<h1[^>]*>5–11 May 2014<\/h1>/);
    expect(html).toMatch(/<a href="https:\/\/watch\.example\.org\/digests\/2014-W19\.html"[^>]*>View in browser<\/a>/);
    expect(html).toMatch(/<a href="https:\/\/watch\.example\.org\/unsubscribe\?email=a%40example\.org"[^>]*>Unsubscribe<\/a>/);
    expect(html).not.toContain(UNSUBSCRIBE_PLACEHOLDER);
  });

  it('stays under its byte budget by listing the later entries as titles only, with a link to the full digest', async () => {
    const long = 'A long summary sentence about trade and markets. '.repeat(60);
    const many = Array.from({ length: 80 }, (_, i) => meta(`2014-05-0${5 + (i % 7)}T${String(i % 24).padStart(2, '0')}:00:00`, { summary: long, title: `Long entry ${i}` }));
    const big = weekModel(site, many);
    const full = renderDigestHtml(big, { variant: 'archive' });
    expect(Buffer.byteLength(full)).toBeGreaterThan(100_000);
    const email = renderDigestHtml(big, { variant: 'email' });
    // As sent (quoted-printable, CRLF): within the budget, and as many entries in full as fit: one more would not.
    expect(sizeAsSent(email)).toBeLessThanOrEqual(100_000);
    expect(sizeAsSent(email)).toBeGreaterThan(100_000 - 8_000);
    expect(email).not.toContain('<!--broadsheet:');
    expect(email).toMatch(/<a class="button" href="https:\/\/watch\.example\.org\/digests\/2014-W19\.html"[^>]*>Read the full digest<\/a>/);
    // Every entry is still there: in full, or as a linked title.
    for (const entry of big.entries) expect(email).toContain(`>${entry.title}</a>`);
    const inFull = (email.match(/class="summary"/g) ?? []).length;
    expect(inFull).toBeGreaterThan(0);
    expect(inFull).toBeLessThan(80);
    await expectValid(email);
  });

  it('keeps a small email whole', () => {
    expect(html).not.toContain('Read the full digest');
  });

  it("has the email's subject (digest.subject) as its <title>, in the archive too", () => {
    const subjected = weekModel(testSite({}, { ...DIGEST, subject: '[{week}] {title}: {entries}' }), [meta('2014-05-08')]);
    for (const html of [renderDigestHtml(subjected, { variant: 'email' }), renderDigestArchiveHtml(subjected)]) expect(html).toContain('\n<title>[2014-W19] Test Watch: 1 entry</title>\n');
    // The default subject, {title}: {range}.
    expect(renderDigestHtml(model, { variant: 'email' })).toContain('\n<title>Test Watch: 5–11 May 2014</title>\n');
  });

  it('is deterministic', () => {
    expect(renderDigestHtml(model, { variant: 'email' })).toBe(renderDigestHtml(weekModel(site, entries), { variant: 'email' }));
  });
});

describe('the archived digest HTML (a web page, not an email)', () => {
  const archive = renderDigestHtml(model, { variant: 'archive' });

  it('keeps its CSS in exactly one <style> element, rules and media queries alike, and inlines nothing', async () => {
    const styles = archive.match(/<style\b[^>]*>([\s\S]*?)<\/style>/g) ?? [];
    expect(styles).toHaveLength(1);
    expect(styles[0]).toMatch(/\.container \{[^}]*max-width: 600px/);
    expect(styles[0]).toMatch(/@media \(prefers-color-scheme: dark\)/);
    expect(styles[0]).toMatch(/@media \(max-width: 620px\)/);
    // No style attribute: the layout comes from the stylesheet.
    expect(archive).not.toMatch(/\sstyle="/);
    expect(archive).toMatch(/<table class="container" role="presentation">/);
    await expectValid(archive);
  });

  it('has the same entries, links and footer as before, and no email-only links', () => {
    expect(archive).toContain('Rice &lt;prices&gt; &amp; “markets”');
    expect(archive).toContain('Late on Sunday, still this week.');
    expect(archive).toMatch(/<h1 dir="auto">5–11 May 2014<\/h1>/);
    expect(archive).toMatch(/<a href="https:\/\/watch\.example\.org\/digests\/2014-W19\.txt">Plain text<\/a>/);
    expect(archive).not.toContain('Unsubscribe');
    expect(archive).not.toContain('<!--broadsheet:');
  });

  it('has no preheader, which only an inbox shows, and so no mso-hide, which no CSS standard defines', () => {
    expect(archive).toMatch(/<body>\n<a class="skip" href="#digest">Skip to the digest<\/a>\n<header>\n<table class="outer"/);
    const shown = escapeHtml(preheaderText(model));
    // In the body: the head's meta description and link preview say the same words, which no reader sees on the page.
    expect(archive.slice(archive.indexOf('<body>'))).not.toContain(shown);
    expect(archive).not.toContain('mso-hide');
    expect(renderDigestHtml(model, { variant: 'email' })).toContain(shown);
  });

  it('is deterministic', () => {
    expect(renderDigestHtml(weekModel(site, entries), { variant: 'archive' })).toBe(archive);
  });
});

describe('right-to-left and mixed-direction text in the digest (HTML §3.2.6.4, dir=auto and <bdi>)', () => {
  const arabic = meta('2014-05-08', {
    title: 'ارتفاع أسعار الأرز (تقرير)',
    source: { name: 'صحيفة الاقتصاد', url: 'https://news.example.com/ar' },
    summary: 'ارتفعت الأسعار بنسبة 5٪.',
    related: [{ title: 'خلفية', url: 'https://news.example.com/ar-bg' }],
    tags: [{ name: 'تجارة', slug: 'tag-1' }],
  });
  const later = meta('2014-05-10', { title: 'مقال آخر', source: { name: 'وكالة', url: 'https://news.example.com/w' } });
  const rtl = weekModel(testSite({ title: 'مرصد الاقتصاد' }), [arabic, later]);

  for (const variant of ['email', 'archive'] as const) {
    it(`gives each block of typed text its own direction and isolates each typed piece in a line, in the ${variant}`, async () => {
      const html = renderDigestHtml(rtl, { variant });
      expect(html).toMatch(/<h2 dir="auto"[^>]*><a [^>]*>ارتفاع أسعار الأرز \(تقرير\)<\/a><\/h2>/);
      expect(html).toMatch(/<p class="summary" dir="auto"[^>]*>ارتفعت الأسعار بنسبة 5٪\.<\/p>/);
      expect(html).toMatch(/<li dir="auto"[^>]*><a [^>]*>خلفية<\/a><\/li>/);
      expect(html).toMatch(/<a [^>]*href="https:\/\/news\.example\.com\/ar"[^>]*><bdi>صحيفة الاقتصاد<\/bdi><\/a>/);
      // The archive links the tag's page (tagLink: the `#` isolated with the name).
      expect(html).toContain(variant === 'email' ? 'Tags: <bdi>تجارة</bdi>' : 'Tags: <a href="https://watch.example.org/tags/tag-1/"><bdi>#تجارة</bdi></a>');
      expect(html).toMatch(/Weekly digest of <a [^>]*><bdi>مرصد الاقتصاد<\/bdi><\/a><\/p>/);
      await expectValid(html);
    });
  }

  // A date in a right-to-left language reads in its own direction: "5–11 مايو 2014" in a left-to-right line is laid
  // out "5–11 2014 مايو" (the year joins the Arabic run). The digest's own words stay left to right.
  describe('on an Arabic site', () => {
    const arabicSite = weekModel(testSite({ language: 'ar' }), [meta('2014-05-08')]);
    const { rangeText } = arabicSite;
    const dateText = arabicSite.entries[0]!.dateText;

    it('writes its dates in Arabic (the premise)', () => {
      for (const date of [rangeText, dateText]) expect(date).toMatch(/[\u0600-\u06ff]/);
    });

    for (const variant of ['email', 'archive'] as const) {
      it(`gives the week's range and each entry's date their own direction, in the ${variant}`, async () => {
        const html = renderDigestHtml(arabicSite, { variant });
        expect(html).toMatch(new RegExp(`<h1 dir="auto"[^>]*>${rangeText}</h1>`));
        expect(html).toMatch(new RegExp(`<time datetime="2014-05-08" dir="auto"[^>]*>${dateText}</time>`));
        expect(html).toMatch(/<p class="lede" lang="en"[^>]*>1 entry · Week 19 of 2014<\/p>/);
        await expectValid(html);
      });
    }

    it("gives the range its own direction on the archive's page", () => {
      expect(renderDigestIndex(arabicSite.site, [arabicSite])).toContain(`<a href="2014-W19.html" dir="auto">${rangeText}</a>`);
    });

    it('leaves the plain text as it is: its lines as written, with no direction marks', () => {
      const text = renderDigestText(arabicSite, { variant: 'archive' });
      expect(text.split('\n')).toContain(rangeText);
      expect(text).toContain(`Example News · ${dateText}`);
      expect(text).not.toMatch(/[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/);
    });
  });

  it('isolates the source in the "More this week" list of an email over its budget', () => {
    const many = weekModel(testSite({ title: 'مرصد الاقتصاد' }), Array.from({ length: 60 }, (_, i) => meta('2014-05-08', { title: `مقال ${i} `.repeat(30), summary: 'نص '.repeat(400), source: { name: 'وكالة الأنباء', url: 'https://news.example.com/w' } })));
    const html = renderDigestHtml(many, { variant: 'email' });
    expect(html).toContain('More this week');
    expect(html).toMatch(/<li dir="auto"[^>]*><a [^>]*>مقال \d+ [^<]*<\/a> <span class="meta"[^>]*><bdi>وكالة الأنباء<\/bdi><\/span><\/li>/);
  });
});

describe('the digest plain text', () => {
  const text = renderDigestText(model, { variant: 'email', unsubscribeUrl: 'https://watch.example.org/unsubscribe?email=a%40example.org' });

  it('carries the same entries in the same order, with their URLs, sources, dates, summaries, related links and tags', () => {
    const titles = model.entries.map((entry) => text.indexOf(entry.title));
    expect(titles.every((at) => at >= 0)).toBe(true);
    expect([...titles].sort((a, b) => a - b)).toEqual(titles);
    for (const entry of model.entries) expect(text).toContain(entry.url);
    expect(text).toContain('Example News · Fri, 9 May 2014');
    expect(text).toContain('Late on Sunday, still this week.');
    expect(text).toContain('https://news.example.com/bg');
    expect(text).toContain('Tags: Trade, Markets');
    expect(text).toContain('5–11 May 2014');
  });

  it('ends with the view-in-browser and unsubscribe links, and keeps lines to 78 columns', () => {
    expect(text).toContain('View in browser: https://watch.example.org/digests/2014-W19.html');
    expect(text).toContain('Unsubscribe: https://watch.example.org/unsubscribe?email=a%40example.org');
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(78);
  });

  it("puts every URL at the end of a line of its own, the footer's site link too, so no punctuation touches it (RFC 3986 Appendix C)", () => {
    const archive = renderDigestText(model, { variant: 'archive' });
    for (const part of [text, archive]) {
      const footer = part.slice(part.indexOf('\n-- \n'));
      expect(footer).toContain('\nSite: https://watch.example.org/\n');
      for (const line of part.split('\n').filter((line) => line.includes('://'))) expect(line, line).toMatch(/^(\s*|\d+\. |[A-Z][a-z ]+: )https:\/\/\S+$/);
    }
    expect(text).toContain('\nYou receive this email because you subscribed to the weekly digest of\nTest Watch.\nSite: ');
  });
});

describe('the week range', () => {
  it('closes up a range of day numbers and spaces one across months', () => {
    expect(weekModel(testSite({ language: 'en' }), []).rangeText).toBe('May 5–11, 2014');
    // 2014-W18 is 28 April to 4 May.
    expect(weekModel(site, [], '2014-W18').rangeText).toBe('28 April – 4 May 2014');
  });
});

describe('the plain-text part keeps the email budget (digest.maxBytes), as the HTML part does', () => {
  it('leaves room for the footer it writes, however long the site title it repeats (a Hangul one of 190 characters)', () => {
    const title = '북한 경제 소식'.repeat(27).slice(0, 190);
    const model = weekModel(testSite({ title }), Array.from({ length: 200 }, () => meta('2014-05-08T10:00', { summary: 'Markets held steady and prices moved little. '.repeat(6) })));
    const text = renderDigestText(model, { variant: 'email', unsubscribeUrl: 'https://watch.example.org/u?t=1', maxBytes: 20_000, sizeAsSent });
    expect(text).toContain('More this week');
    expect(text.endsWith('Unsubscribe: https://watch.example.org/u?t=1\n')).toBe(true);
    expect(sizeAsSent(text)).toBeLessThanOrEqual(20_000);
  });

  const long = (n: number) => `Entry ${n} summary. ${'Markets held steady and prices moved little. '.repeat(40)}`;
  const many = Array.from({ length: 300 }, (_, i) => meta('2014-05-08T10:00', { summary: long(i) }));
  const model = weekModel(site, many);
  const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

  it('an email over budget lists the later entries by title and link, after the full digest link, and stays within it', () => {
    const text = renderDigestText(model, { variant: 'email', unsubscribeUrl: 'https://watch.example.org/u?t=1', maxBytes: 100_000, sizeAsSent });
    expect(bytes(text)).toBeLessThanOrEqual(100_000);
    expect(text).toContain(`More this week`);
    expect(text).toContain(model.urls.html);
    // The first entry in full, the last by title and link only (in the digest's reading order).
    expect(text).toContain(model.entries[0]!.summary!.slice(0, 28));
    expect(text).not.toContain(model.entries[299]!.summary!.slice(0, 28));
    // Under its title, indented by the width of "300. ".
    expect(text).toContain(`300. ${model.entries[299]!.title}\n     ${model.entries[299]!.url}\n`);
    // The unsubscribe link is never cut off.
    expect(text).toContain('Unsubscribe: https://watch.example.org/u?t=1');
  });

  it('when even the titles overflow, says how many more the full digest holds', () => {
    const text = renderDigestText(model, { variant: 'email', maxBytes: 12_000, sizeAsSent });
    expect(bytes(text)).toBeLessThanOrEqual(12_000);
    const listed = [...text.matchAll(/^(\d+)\. /gm)].map((match) => Number(match[1]));
    const last = Math.max(...listed);
    expect(text).toContain(`… and ${300 - last} more in the full digest.`);
  });

  // The message is sent with CRLF line ends (RFC 5322 §2.3, lib/delivery/message.ts): a line costs its bytes and two
  // more. Entries of short lines (a title, a link, a source, five related links) make about 18 lines of 600 bytes:
  // at 100,000 bytes some 2,900 lines, whose second byte alone passes the 1,024 bytes kept for the footer.
  it('counts each line as sent, ending in CRLF', () => {
    const related = Array.from({ length: 5 }, (_, i) => ({ title: `Background ${i}`, url: `https://news.example.com/bg/${i}` }));
    const short = weekModel(site, Array.from({ length: 300 }, () => meta('2014-05-08T10:00', { summary: 'Prices held.', related })));
    const text = renderDigestText(short, { variant: 'email', unsubscribeUrl: 'https://watch.example.org/u?t=1', maxBytes: 100_000, sizeAsSent });
    expect(text).toContain('More this week');
    const lines = text.split('\n').length - 1;
    expect(lines).toBeGreaterThan(2_000);
    expect(bytes(text.replaceAll('\n', '\r\n'))).toBe(bytes(text) + lines);
    expect(bytes(text.replaceAll('\n', '\r\n'))).toBeLessThanOrEqual(100_000);
  });

  it('the archive is never cut, and an email within budget is what it was without one', () => {
    expect(renderDigestText(model, { variant: 'archive', maxBytes: 12_000 })).toContain(model.entries[299]!.summary!.slice(0, 28));
    const small = weekModel(site, many.slice(0, 3));
    expect(renderDigestText(small, { variant: 'email', maxBytes: 100_000, sizeAsSent })).toBe(renderDigestText(small, { variant: 'email' }));
  });
});

describe('the HTML email counts its size as sent, each line ending in CRLF', () => {
  // Entries of short lines (five related links each) make the most line ends per byte.
  it('stays within its budget, less the unsubscribe reserve, with its line ends as CRLF', () => {
    const related = Array.from({ length: 5 }, (_, i) => ({ title: `Background ${i}`, url: `https://news.example.com/bg/${i}` }));
    const model = weekModel(site, Array.from({ length: 300 }, () => meta('2014-05-08T10:00', { summary: 'Prices held.', related })));
    const html = renderDigestHtml(model, { variant: 'email' });
    expect(html).toContain('More this week');
    const sent = Buffer.byteLength(html.replaceAll('\n', '\r\n'), 'utf8');
    expect(sent).toBeLessThanOrEqual(site.digest.maxBytes - 1024);
  });
});

describe('the HTML email keeps its budget when even the titles of the rest overflow it', () => {
  it('1,000 entries: as many titles as fit, then how many more the full digest holds, the same in the text part; the archive keeps all', async () => {
    const title = (n: number) => `Entry ${n}: ${'a long headline about markets and prices '.repeat(3)}`;
    const model = weekModel(site, Array.from({ length: 1000 }, (_, n) => meta('2014-05-08T10:00', { title: title(n) })));
    const email = renderDigestEmail(model, { variant: 'email' });
    const html = email.html;
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThanOrEqual(site.digest.maxBytes);
    const listed = (html.match(/<li[^>]*><a /g) ?? []).length;
    expect(listed).toBeGreaterThan(0);
    expect(listed).toBeLessThan(1000);
    expect(html).toContain(`… and ${1000 - listed} more in the full digest.`);
    await expectValid(html);
    expect(html).toContain(model.urls.html);
    expect(renderDigestHtml(model, { variant: 'archive' })).toContain(model.entries[999]!.title);
    // The text part (RFC 2046 §5.1.4: the same content) lists the same entries, by their place in the reading
    // order, and counts the same rest, though its titles are smaller; within its budget as sent.
    const text = renderDigestText(model, { variant: 'email', unsubscribeUrl: 'https://watch.example.org/u?t=1', maxBytes: site.digest.maxBytes, sizeAsSent, cut: email.cut });
    const listedIn = (part: string) => model.entries.flatMap((entry, place) => (part.includes(`${entry.title.slice(0, entry.title.indexOf(':') + 1)} `) ? [place] : []));
    expect(listedIn(html)).toEqual(Array.from({ length: listed }, (_, place) => place));
    expect(listedIn(text)).toEqual(listedIn(html));
    expect(text).toContain(`… and ${1000 - listed} more in the full digest.`);
    expect(sizeAsSent(text)).toBeLessThanOrEqual(site.digest.maxBytes);
  });
});

// The archived page is a web page laid out as the site's pages are (renderSitePage): a skip link, then a header, a
// main and a footer landmark (WCAG 1.3.1, 2.4.1; axe's landmark-one-main and region in
// tests/browser/accessibility.test.ts). The email has none: a webmail shows it inside its own page's main.
describe("the digest's landmarks", () => {
  const site = testSite();
  const model = weekModel(site, [meta('2014-05-06', { title: 'The one entry' })]);

  it('opens the archived page with a skip link to its main, between a header with its masthead and a footer with its links', () => {
    const html = renderDigestArchiveHtml(model);
    const body = /<body>\n([\s\S]*)\n<\/body>/.exec(html)![1]!;
    const parts = /^<a class="skip" href="#digest">Skip to the digest<\/a>\n<header>\n([\s\S]*)\n<\/header>\n<main id="digest">\n([\s\S]*)\n<\/main>\n<footer>\n([\s\S]*)\n<\/footer>$/.exec(body);
    expect(parts).not.toBeNull();
    const [, header, main, footer] = parts!;
    for (const landmark of [header, main, footer]) expect(landmark).not.toMatch(/<\/?(header|main|footer)\b/);
    expect(header).toContain(`<h1 dir="auto">${model.rangeText}</h1>`);
    expect(main).toContain('>The one entry</a></h2>');
    expect(footer).toContain(`<a href="${model.urls.index}">All digests</a>`);
    // Off screen until it has the focus, as on the site's pages.
    expect(html).toMatch(/\n\.skip \{ position: absolute; left: -999rem;/);
    expect(html).toMatch(/\n\.skip:focus \{ left: 1rem; top: 1rem;/);
  });

  it("keeps a right-to-left archived page's skip link off screen on its right", () => {
    expect(renderDigestArchiveHtml(weekModel(testSite({ language: 'ar' }, {}), [meta('2014-05-06')]))).toContain('.skip{left:auto;right:-999rem}');
  });

  it('leaves the email without one', () => {
    expect(renderDigestHtml(model, { variant: 'email' })).not.toContain('<main');
  });
});
