import { domainToASCII } from 'node:url';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { entryPageArtifacts } from '../../../lib/pages/entryPageArtifacts.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// Right-to-left and mixed-direction text the editors typed: each block of it takes its own direction (dir="auto",
// HTML Living Standard "The dir attribute"), each inline piece is a bidi isolate (<bdi>, or an element with dir).
const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00');
const TITLE = 'ارتفاع أسعار الأرز (2014)';
const SOURCE = 'وكالة الأنباء';
const TAG = 'تجارة';
/** The tag's folder: a word in another script is slugged to its IDNA punycode (lib/shared/slug.ts). */
const SLUG = domainToASCII(TAG);
const SUMMARY = 'ملخص المقال.';
const RELATED = 'خلفية';

async function build(language = 'en') {
  const output = new MemoryStore();
  const content = memoryContent({
    site: { ...SITE, title: 'مراقب Watch', description: 'أخبار الاقتصاد.', language },
    entries: {
      '2014/rtl.md': entryText(
        entry({ title: TITLE, source: SOURCE, tags: [TAG], summary: SUMMARY, date: '2014-05-08', related: [{ title: RELATED, url: 'https://news.example.com/r' }] }),
        'نص **التعليق**.\n',
      ),
      '2014/linked.md': entryText(entry({ title: 'Linked', url: 'https://news.example.com/l', source: { name: SOURCE, url: 'https://agency.example/' }, date: '2014-05-07' })),
    },
  });
  await publish({ content, output, now: NOW, builders: [pageArtifacts, entryPageArtifacts] });
  return output;
}

describe('text direction on the pages', () => {
  it('the index and a tag page: headings, titles and summaries take their own direction; names, tags and dates are isolated', async () => {
    const out = await build();
    const index = out.text('index.html')!;
    expect(index).toContain('<h1 dir="auto">مراقب Watch</h1>\n<p dir="auto">أخبار الاقتصاد.</p>');
    expect(index).toContain(`<h3 dir="auto"><a href="https://news.example.com/a">${TITLE}</a></h3>`);
    expect(index).toContain(`<p class="meta"><bdi>${SOURCE}</bdi> · <time datetime="2014-05-08" dir="auto">May 8, 2014</time> · <a href="entries/2014/rtl/">Commentary<span class="skip"> on “<bdi>${TITLE}</bdi>”</span></a></p>`);
    expect(index).toContain(`<a href="https://agency.example/" dir="auto">${SOURCE}</a> · `);
    expect(index).toContain(`<p class="summary" dir="auto">${SUMMARY}</p>`);
    expect(index).toContain(`<li><a href="tags/${SLUG}/"><bdi>#${TAG}</bdi></a></li>`);
    // The count follows the isolated name, so it stays on the name's right in a left-to-right list.
    expect(index).toContain(`<a href="tags/${SLUG}/" dir="auto">${TAG}</a> <span class="meta">(1)</span>`);
    const tagPage = out.text(`tags/${SLUG}/index.html`)!;
    expect(tagPage).toContain(`<p><a href="../../">← <bdi>مراقب Watch</bdi></a></p>\n<h1 dir="auto">${TAG}</h1>`);
    // The sentences that name the tag isolate it and the site's title; the page's description says it as text.
    expect(tagPage).toContain(`<p dir="auto">Entries tagged “<bdi>${TAG}</bdi>” on <bdi>مراقب Watch</bdi>.</p>`);
    expect(tagPage).toContain(`<meta name="description" content="Entries tagged “${TAG}” on مراقب Watch.">`);
    expect(tagPage).toContain(`to follow the entries tagged “<bdi>${TAG}</bdi>”.</p>`);
  });

  it('an entry page: the title and the commentary take their own direction; source, tags and related links are isolated', async () => {
    const html = (await build()).text('entries/2014/rtl/index.html')!;
    expect(html).toContain(`<h1 dir="auto"><a href="https://news.example.com/a">${TITLE}</a></h1>`);
    expect(html).toContain(`<p class="meta"><bdi>${SOURCE}</bdi> · <time datetime="2014-05-08" dir="auto">May 8, 2014</time></p>`);
    expect(html).toContain('<div class="commentary" dir="auto">\n<p>نص <strong>التعليق</strong>.</p>\n</div>');
    expect(html).toContain(`<p class="article"><a href="https://news.example.com/a">Read the article at <bdi>${SOURCE}</bdi></a></p>`);
    expect(html).toContain(`<li><a href="https://news.example.com/r" dir="auto">${RELATED}</a></li>`);
    expect(html).toContain(`<li><a href="../../../tags/${SLUG}/"><bdi>#${TAG}</bdi></a></li>`);
    expect(html).toContain('<p><a href="../../../">← <bdi>مراقب Watch</bdi></a> · <a href="../../../#subscribe">Subscribe to the feeds</a></p>');
  });

  // UAX #9: an override (U+202E) runs to U+202C or the end of the text. A <title> and a description are text, which
  // no <bdi> can isolate: the words after a field that leaves one open would read reversed in a tab or a search result.
  it('closes a direction override a title, tag or site title leaves open before the words that follow it in a <title> or description', async () => {
    const [RLO, PDF] = ['\u202E', '\u202C'];
    const output = new MemoryStore();
    const content = memoryContent({
      site: { ...SITE, title: `Site${RLO}name` },
      entries: { '2014/spoof.md': entryText(entry({ title: `Invoice ${RLO}fdp.exe`, tags: [`Spoof${RLO}tag`], date: '2014-05-08' })) },
    });
    await publish({ content, output, now: NOW, builders: [pageArtifacts, entryPageArtifacts] });
    const text = (path: string, pattern: RegExp) => pattern.exec(output.text(path)!)![1];
    expect(text('entries/2014/spoof/index.html', /<title>([^<]*)<\/title>/)).toBe(`Invoice ${RLO}fdp.exe${PDF} · Site${RLO}name`);
    expect(text('tags/spoof-tag/index.html', /<title>([^<]*)<\/title>/)).toBe(`Spoof${RLO}tag${PDF} · Site${RLO}name`);
    expect(text('tags/spoof-tag/index.html', /<meta name="description" content="([^"]*)">/)).toBe(`Entries tagged “Spoof${RLO}tag${PDF}” on Site${RLO}name${PDF}.`);
    // The index's title is the site title alone: nothing follows it.
    expect(text('index.html', /<title>([^<]*)<\/title>/)).toBe(`Site${RLO}name`);
  });

  it("isolates a date written in a right-to-left language, whose words and numbers would otherwise reorder with the page's", async () => {
    const out = await build('ar');
    const expected = DateTime.fromISO('2014-05-08', { zone: 'Asia/Seoul' }).setLocale('ar').toLocaleString({ year: 'numeric', month: 'long', day: 'numeric' });
    expect(out.text('index.html')).toContain(`<time datetime="2014-05-08" dir="auto">${expected}</time>`);
    expect(out.text('entries/2014/rtl/index.html')).toContain(`<time datetime="2014-05-08" dir="auto">${expected}</time>`);
  });
});
