import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { entryPageArtifacts } from '../../../lib/pages/entryPageArtifacts.js';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { monthPageArtifacts } from '../../../lib/pages/monthPageArtifacts.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { scrollRegions } from '../../../lib/pages/scrollRegions.js';
import { publish } from '../../../lib/publish/publish.js';
import { ownWords } from '../../../lib/shared/ownWords.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { languagesOf, textLanguages } from '../../support/textLanguages.js';

// WCAG 2.2 3.1.2 (Language of Parts): on a Korean site the pages' own words are English inside <html lang="ko">,
// and are marked lang="en"; what the editors typed (titles, tags, the site's title, a month's name) stays Korean,
// also where it sits inside one of those English pieces.
const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00');
const TITLE = '북한 무역 동향';
const TAG = '경제';
const SITE_TITLE = '테스트 워치';

async function build(language: string): Promise<MemoryStore> {
  const output = new MemoryStore();
  const entries = {
    '2014/a.md': entryText(entry({ title: TITLE, source: '연합뉴스', date: '2014-05-01', updated: '2014-05-03', tags: [TAG], related: [{ title: '관련 기사', url: 'https://news.example.com/r' }] })),
    '2014/b.md': entryText(entry({ title: '두 번째', date: '2014-04-02', tags: [TAG] })),
  };
  const site = { ...SITE, title: SITE_TITLE, language, digest: { from: 'Eds <eds@watch.example.org>' } };
  await publish({ content: memoryContent({ site, entries }), output, now: NOW, builders: [feedArtifacts, pageArtifacts, entryPageArtifacts, monthPageArtifacts] });
  return output;
}

const en = ['en'];
const ko = ['ko'];

describe('the pages on a Korean site', async () => {
  const out = await build('ko');
  const page = (key: string) => out.text(key)!;
  const tagKey = Object.keys(Object.fromEntries(out.objects)).find((key) => /^tags\/[^/]+\/index\.html$/.test(key))!;

  it('the index: skip link, navigation, headings, panels, signup form, footer in English; titles, tags, the site title in Korean', () => {
    const html = page('index.html');
    for (const words of ['Skip to the entries', 'Subscribe to the feeds', 'Latest entries', /^Commentary$/, 'Every entry, month by month', 'Subscribe', 'Tag feeds', 'Weekly digest', 'Your email address, for every entry:', 'Published with Broadsheet.', 'Read past digests in the archive']) {
      expect(languagesOf(html, words), String(words)).toEqual(expect.arrayContaining(en));
      expect(languagesOf(html, words).every((lang) => lang === 'en'), String(words)).toBe(true);
    }
    expect(languagesOf(html, TITLE).every((lang) => lang === 'ko'), 'entry titles, also in the hidden "Commentary on" text').toBe(true);
    expect(languagesOf(html, TAG).every((lang) => lang === 'ko'), 'tag names, in the entry lists and in the English tag panel').toBe(true);
    expect(languagesOf(html, SITE_TITLE)).toEqual(ko);
  });

  it("names each tag feed link in the English panel by its text, the tag's name in Korean (hidden from sight), then the format", () => {
    const html = page('index.html');
    const links = [...html.matchAll(/<a href="tags\/[^"]+\/(?:rss\.xml|atom\.xml|feed\.json)" type="[^"]+">(.*?)<\/a>/g)].map((match) => match[1]);
    const tag = `<span class="skip"><bdi lang="ko">${TAG}</bdi>: </span>`;
    expect(links).toEqual([`${tag}RSS`, `${tag}Atom`, `${tag}JSON<span class="skip"> Feed</span>`]);
    // The aside holding them says lang="en": an aria-label would have spoken the tag's name in English.
    expect(html).not.toMatch(/aria-label="[^"]*(RSS|Atom|JSON)/);
  });

  it("a tag page: its sentence about the tag in English, the tag's and site's names in it in Korean", () => {
    const html = page(tagKey);
    expect(languagesOf(html, 'Entries tagged')).toEqual(en);
    expect(languagesOf(html, 'the entries tagged')).toEqual([...en, ...en]);
    expect(languagesOf(html, TAG).every((lang) => lang === 'ko'), 'the tag name everywhere').toBe(true);
    expect(languagesOf(html, SITE_TITLE).every((lang) => lang === 'ko')).toBe(true);
  });

  it("an entry's page: skip link, 'Related', 'Read the article at', the tags' label and the footer in English; the source and tags in Korean", () => {
    const key = Object.keys(Object.fromEntries(out.objects)).find((k) => k.startsWith('entries/') && out.text(k)?.includes(TITLE))!;
    const html = page(key);
    for (const words of ['Skip to the entry', 'Related', 'Read the article at', 'Updated', 'Published with Broadsheet.']) expect(languagesOf(html, words), words).toEqual(en);
    // The correction's day as a Korean reader writes it, inside the English "Updated".
    expect(languagesOf(html, '2014년 5월 3일')).toEqual(ko);
    expect(languagesOf(html, '연합뉴스')).toEqual([...ko, ...ko]);
    expect(languagesOf(html, TAG)).toEqual(ko);
    expect(languagesOf(html, '관련 기사')).toEqual(ko);
    expect(/<nav aria-label="Tags" lang="en"><ul class="tags" lang="ko">/.test(html)).toBe(true);
  });

  it('the month pages: headings, the way between months and the footer in English; month names and titles in Korean', () => {
    const month = page('months/2014-05/index.html');
    expect(languagesOf(month, 'dated')).toEqual(en);
    expect(languagesOf(month, 'Every month')).toEqual(en);
    expect(languagesOf(month, 'Older:')).toEqual(en);
    expect(languagesOf(month, 'Skip to the list')).toEqual(en);
    expect(languagesOf(month, 'Published with Broadsheet.')).toEqual(en);
    expect(languagesOf(month, TITLE).every((lang) => lang === 'ko')).toBe(true);
    // The month's names (in the h1, the h2's sentence and the link to April) are Korean.
    expect(textLanguages(month).filter((node) => /^2014년 [45]월$/.test(node.text)).map((node) => node.lang)).toEqual([...ko, ...ko, ...ko]);
    const list = page('months/index.html');
    expect(languagesOf(list, 'Every entry, month by month')).toEqual(en);
    expect(languagesOf(list, 'newest first')).toEqual(en);
  });
});

// A code block's or a table's region named "Code" or "Table", Broadsheet's English: on a site in another language by a
// text of its own marked lang="en" (an aria-label would be spoken in the page's language), hidden from sight before it.
describe('the regions of code and tables on a site in another language', () => {
  const body = '<p>Text.</p>\n<pre><code>x = 1\n</code></pre>\n<table>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n';

  it('are named by a hidden text marked English, just before each region, on a Korean site', () => {
    expect(scrollRegions(body, ownWords('ko'))).toBe(
      '<p>Text.</p>\n<span class="skip" id="region-name-1" lang="en">Code</span><pre tabindex="0" role="region" aria-labelledby="region-name-1"><code>x = 1\n</code></pre>\n' +
        '<span class="skip" id="region-name-2" lang="en">Table</span><div class="scroll" tabindex="0" role="region" aria-labelledby="region-name-2"><table>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table></div>\n',
    );
  });

  it('keep their numbers, "Code 1" and "Code 2", and a table named by its caption keeps it', () => {
    const html = scrollRegions('<pre>a</pre>\n<pre>b</pre>\n<table><caption>가격</caption><tbody><tr><td>1</td></tr></tbody></table>\n', ownWords('ko'));
    expect([...html.matchAll(/<span class="skip" id="([^"]+)" lang="en">([^<]*)<\/span><pre [^>]*aria-labelledby="([^"]+)"/g)].map((match) => [match[2], match[1] === match[3]])).toEqual([['Code 1', true], ['Code 2', true]]);
    expect(html).toContain('<div class="scroll" tabindex="0" role="region" aria-labelledby="table-caption-1"><table><caption id="table-caption-1">가격</caption>');
    expect(html.match(/<span/g)).toHaveLength(2);
  });

  it('set the hidden name left to right on a right-to-left site', () => {
    expect(scrollRegions('<pre>a</pre>', ownWords('ar'))).toBe('<span class="skip" id="region-name-1" lang="en" dir="ltr">Code</span><pre tabindex="0" role="region" aria-labelledby="region-name-1">a</pre>');
  });
});
