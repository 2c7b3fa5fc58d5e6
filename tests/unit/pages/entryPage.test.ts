import { HtmlValidate } from 'html-validate';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { entryPageArtifacts } from '../../../lib/pages/entryPageArtifacts.js';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { pageCss } from '../../../lib/pages/pageCss.js';
import { publish } from '../../../lib/publish/publish.js';
import { entryPageDir } from '../../../lib/shared/entryPageDir.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE, type ContentSpec } from '../../support/content.js';

const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00');
const builders = [feedArtifacts, pageArtifacts, entryPageArtifacts];

const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const meta = (html: string, attr: 'property' | 'name', key: string) => {
  const match = new RegExp(`<meta ${attr}="${key}" content="([^"]*)">`).exec(html);
  return match ? decode(match[1]!) : undefined;
};

const alpha = entry({
  title: 'Alpha & <Beta>',
  url: 'https://news.example.com/alpha?x=1&y=2',
  source: { name: 'Example News', url: 'https://news.example.com/' },
  date: '2014-05-08',
  tags: ['Trade', 'China'],
  image: 'https://img.example.com/alpha.jpg',
  related: [{ title: 'More on it', url: 'https://other.example.com/more' }],
});
const spec: ContentSpec = {
  entries: {
    '2014/alpha.md': entryText(alpha, '# A heading\n\nFirst paragraph.\n\nSecond paragraph with <script>alert(1)</script> in it.\n'),
    '2014/bravo.md': entryText(entry({ id: 'tag:other.example,2010:Bravo/Ünïcode', title: 'Bravo', url: 'https://news.example.com/bravo', date: '2014-05-09' })),
    '2014/draft.md': entryText(entry({ title: 'Draft', url: 'https://news.example.com/draft', draft: true })),
    '2014/later.md': entryText(entry({ title: 'Later', url: 'https://news.example.com/later', date: '2014-07-01' })),
  },
};

async function build(content = memoryContent(spec), output = new MemoryStore()) {
  const result = await publish({ content, output, now: NOW, builders });
  return { output, result };
}

describe('entryPageDir', () => {
  it('keeps a plain id as its path, and slugs any other id with a hash of the whole id', () => {
    expect(entryPageDir('2014/alpha')).toBe('entries/2014/alpha/');
    const tag = entryPageDir('tag:other.example,2010:Bravo/Ünïcode');
    expect(tag).toMatch(/^entries\/tag-other-example-2010-bravo\/unicode-[0-9a-f]{10}\/$/);
    // Ids that slug alike stay apart; nothing leaves entries/.
    expect(entryPageDir('A/B')).not.toBe(entryPageDir('a/b'));
    expect(entryPageDir('A/B')).not.toBe(entryPageDir('A-B'));
    for (const id of ['../../etc/passwd', '/abs', '..', 'a/./b', 'x\\..\\y']) {
      const dir = entryPageDir(id);
      expect(dir, id).toMatch(/^entries\/(?:[a-z0-9-]+\/)+$/);
      expect(dir.split('/').some((segment) => segment === '..' || segment === '.'), id).toBe(false);
    }
  });
});

describe('an entry page', () => {
  it('is written for every published entry only, at entries/<id path>/index.html', async () => {
    const { output } = await build();
    const pages = [...output.objects.keys()].filter((key) => key.startsWith('entries/')).sort();
    expect(pages).toEqual([entryPageDir('2014/alpha') + 'index.html', entryPageDir('tag:other.example,2010:Bravo/Ünïcode') + 'index.html'].sort());
  });

  it('writes no description, and no preview description, for an entry with no summary: a preview shows the title alone', async () => {
    const content = memoryContent({ entries: { '2014/bare.md': entryText(entry({ title: 'Bare', url: 'https://news.example.com/bare', date: '2014-05-08' }), '| a | b |\n| --- | --- |\n| 1 | 2 |\n') } });
    const { output } = await build(content);
    const html = output.text('entries/2014/bare/index.html')!;
    expect(html).not.toMatch(/name="description"|og:description|twitter:description/);
    expect(meta(html, 'property', 'og:title')).toBe('Bare');
  });

  it('lets a keyboard reach the commentary’s code blocks and tables, which scroll in their own box (WCAG 2.1.1)', async () => {
    const content = memoryContent({ entries: { '2014/code.md': entryText(entry({ title: 'Code', url: 'https://news.example.com/code', date: '2014-05-08' }), '```\nx = 1\n```\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n') } });
    const { output } = await build(content);
    const html = output.text('entries/2014/code/index.html')!;
    expect(html).toContain('<pre tabindex="0" role="region" aria-label="Code"><code>x = 1\n</code></pre>');
    expect(html).toMatch(/<div class="scroll" tabindex="0" role="region" aria-label="Table"><table>\n<thead>[^]*<\/table><\/div>/);
    // The feeds carry the commentary as sanitised, without it.
    expect(output.text('feed.json')).not.toContain('tabindex');
  });

  it('prints a page’s code and tables whole, and leaves the style of a page without either as every other page has it', async () => {
    const content = memoryContent({
      entries: {
        '2014/code.md': entryText(entry({ title: 'Code', url: 'https://news.example.com/code', date: '2014-05-08' }), '```\nx = 1\n```\n'),
        '2014/plain.md': entryText(entry({ title: 'Plain', url: 'https://news.example.com/plain', date: '2014-05-09' }), 'Words only.\n'),
      },
    });
    const { output } = await build(content);
    const style = (path: string) => /<style>\n([^]*)\n<\/style>/.exec(output.text(path)!)![1]!;
    // Paper cannot scroll the region's box (tests/browser/sitePages.test.ts prints one): it is no box there.
    expect(style('entries/2014/code/index.html')).toMatch(/\n@media print\{\.commentary \[role=region\]\{overflow:visible\}\.commentary pre\{white-space:pre-wrap\}[^\n]*\}$/);
    expect(style('entries/2014/plain/index.html')).toBe(pageCss());
    expect(style('index.html')).toBe(pageCss());
  });

  it('lets a keyboard reach a table that carries its language, the table left as written inside its region', async () => {
    const body = '<table lang="ko"><tr><td>가</td></tr></table>\n';
    const content = memoryContent({ entries: { '2014/ko.md': entryText(entry({ title: 'Ko', url: 'https://news.example.com/ko', date: '2014-05-08' }), body) } });
    const { output } = await build(content);
    const html = output.text('entries/2014/ko/index.html')!;
    expect(html).toContain('<div class="scroll" tabindex="0" role="region" aria-label="Table"><table lang="ko"><tbody><tr><td>가</td></tr></tbody></table></div>');
  });

  it('names a table’s region by its caption (WCAG 4.1.2)', async () => {
    const body = '<table><caption>Rice prices</caption><tr><td>1</td></tr></table>\n';
    const content = memoryContent({ entries: { '2014/caption.md': entryText(entry({ title: 'Caption', url: 'https://news.example.com/caption', date: '2014-05-08' }), body) } });
    const { output } = await build(content);
    const html = output.text('entries/2014/caption/index.html')!;
    expect(html).toContain('<div class="scroll" tabindex="0" role="region" aria-labelledby="table-caption-1"><table><caption id="table-caption-1">Rice prices</caption>');
  });

  it('numbers two code blocks’ regions, so that each landmark has a name of its own (axe landmark-unique)', async () => {
    const content = memoryContent({ entries: { '2014/two.md': entryText(entry({ title: 'Two', url: 'https://news.example.com/two', date: '2014-05-08' }), '```\na\n```\n\n```\nb\n```\n') } });
    const { output } = await build(content);
    const html = output.text('entries/2014/two/index.html')!;
    expect([...html.matchAll(/<pre [^>]*aria-label="([^"]*)"/g)].map((match) => match[1])).toEqual(['Code 1', 'Code 2']);
  });

  it('stops the keyboard once at a table holding a table and code: only the outermost is a region', async () => {
    const body = '<table><tr><td><table><tr><td>inner</td></tr></table></td><td><pre>code</pre></td></tr></table>\n';
    const content = memoryContent({ entries: { '2014/nested.md': entryText(entry({ title: 'Nested', url: 'https://news.example.com/nested', date: '2014-05-08' }), body) } });
    const { output } = await build(content);
    const html = output.text('entries/2014/nested/index.html')!;
    expect(html.match(/tabindex="0"/g)).toHaveLength(1);
    expect(html.match(/role="region"/g)).toHaveLength(1);
    expect(html).toContain('<td><table><tbody><tr><td>inner</td></tr></tbody></table></td><td><pre>code</pre></td>');
  });

  it('shows the title linking to the article, the source, the local date, the full commentary sanitised, tags and related links', async () => {
    const { output } = await build();
    const html = output.text('entries/2014/alpha/index.html')!;
    expect(html).toContain('<h1 dir="auto"><a href="https://news.example.com/alpha?x=1&amp;y=2">Alpha &amp; &lt;Beta&gt;</a></h1>');
    expect(html).toContain('<a href="https://news.example.com/" dir="auto">Example News</a>');
    // 2014-05-08 00:00 in Asia/Seoul is that day there.
    expect(html).toContain('<time datetime="2014-05-08" dir="auto">May 8, 2014</time>');
    expect(html).toContain('First paragraph.');
    expect(html).toContain('Second paragraph with');
    expect(html).not.toContain('<script');
    // The commentary's # heading is an h2 under the title's h1, then the related links' h2.
    expect([...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]))).toEqual([1, 2, 2]);
    expect(html).toContain('<a href="../../../tags/trade/"><bdi>#Trade</bdi></a>');
    expect(html).toContain('<a href="../../../tags/china/"><bdi>#China</bdi></a>');
    expect(html).toContain('<li><a href="https://other.example.com/more" dir="auto">More on it</a></li>');
  });

  it('states its canonical URL and the OpenGraph and Twitter card metadata of a preview', async () => {
    const { output } = await build();
    const html = output.text('entries/2014/alpha/index.html')!;
    const url = 'https://watch.example.org/entries/2014/alpha/';
    expect(html).toContain(`<link rel="canonical" href="${url}">`);
    expect(meta(html, 'property', 'og:url')).toBe(url);
    expect(meta(html, 'property', 'og:title')).toBe('Alpha & <Beta>');
    expect(meta(html, 'property', 'og:type')).toBe('article');
    expect(meta(html, 'property', 'og:image')).toBe('https://img.example.com/alpha.jpg');
    expect(meta(html, 'property', 'og:description')).toBe('First paragraph.');
    expect(meta(html, 'name', 'twitter:card')).toBe('summary_large_image');
    expect(meta(html, 'name', 'twitter:image')).toBe('https://img.example.com/alpha.jpg');
    expect(meta(html, 'property', 'article:published_time')).toBe('2014-05-07T15:00:00Z');
    const bravo = output.text(entryPageDir('tag:other.example,2010:Bravo/Ünïcode') + 'index.html')!;
    expect(meta(bravo, 'name', 'twitter:card')).toBe('summary');
    expect(meta(bravo, 'property', 'og:image')).toBeUndefined();
  });

  // The Open Graph protocol (https://ogp.me/): og:locale is "of the format language_TERRITORY".
  it("states og:locale as the site language's language and territory, without its script, variant or extension", async () => {
    const locales: Record<string, string> = {};
    for (const language of ['en', 'en-GB', 'zh-Hant-TW', 'sr-Latn', 'de-CH-1996', 'ko-u-ca-dangi']) {
      const { output } = await build(memoryContent({ ...spec, site: { ...SITE, language } }));
      locales[language] = meta(output.text('entries/2014/alpha/index.html')!, 'property', 'og:locale')!;
    }
    expect(locales).toEqual({ en: 'en', 'en-GB': 'en_GB', 'zh-Hant-TW': 'zh_TW', 'sr-Latn': 'sr', 'de-CH-1996': 'de_CH', 'ko-u-ca-dangi': 'ko' });
  });

  // WCAG 1.1.1: the editor's description is the image's text alternative; without one the image is decorative
  // (WHATWG HTML §4.8.4.4.6), the h1 above it naming the entry.
  it("gives the image the entry's imageAlt as its alt, and previews theirs; without one, alt=\"\" and no preview alt", async () => {
    const described = memoryContent({ entries: { '2014/alpha.md': entryText({ ...alpha, imageAlt: 'Trucks at the "Dandong" crossing & <gate>' }), '2014/bare.md': entryText(entry({ title: 'Bare', url: 'https://news.example.com/bare', image: 'https://img.example.com/bare.jpg' })) } });
    const { output } = await build(described);
    const html = output.text('entries/2014/alpha/index.html')!;
    expect(html).toContain('<p><img src="https://img.example.com/alpha.jpg" alt="Trucks at the &quot;Dandong&quot; crossing &amp; &lt;gate&gt;"></p>');
    expect(meta(html, 'property', 'og:image:alt')).toBe('Trucks at the "Dandong" crossing & <gate>');
    expect(meta(html, 'name', 'twitter:image:alt')).toBe('Trucks at the "Dandong" crossing & <gate>');
    const bare = output.text('entries/2014/bare/index.html')!;
    expect(bare).toContain('<p><img src="https://img.example.com/bare.jpg" alt=""></p>');
    expect(meta(bare, 'property', 'og:image:alt')).toBeUndefined();
    expect(meta(bare, 'name', 'twitter:image:alt')).toBeUndefined();
  });

  it('passes html-validate (recommended rules)', async () => {
    const { output } = await build();
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    for (const key of [...output.objects.keys()].filter((k) => k.startsWith('entries/'))) {
      const report = await validator.validateString(output.text(key)!);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)), key).toEqual([]);
    }
  });

  it('is linked from the index and from each of its tag pages', async () => {
    const { output } = await build();
    expect(output.text('index.html')).toContain('<a href="entries/2014/alpha/">Commentary');
    expect(output.text('tags/trade/index.html')).toContain('<a href="../../entries/2014/alpha/">Commentary');
    expect(output.text('tags/china/index.html')).toContain('<a href="../../entries/2014/alpha/">Commentary');
  });

  it('is reused while its entry and site.yml are unchanged; an edit rebuilds that page alone', async () => {
    const content = memoryContent(spec);
    const { output } = await build(content);
    const bravoKey = entryPageDir('tag:other.example,2010:Bravo/Ünïcode') + 'index.html';
    const alphaBody = output.objects.get('entries/2014/alpha/index.html')!.body;
    content.objects.set('entries/2014/alpha.md', { body: Buffer.from(entryText({ ...alpha, title: 'Alpha revised' })), contentType: 'text/markdown' });
    const { result } = await build(content, output);
    const status = (key: string) => result.changes.find((change) => change.key === key)?.status;
    expect(status('entries/2014/alpha/index.html')).toBe('changed');
    expect(status(bravoKey)).toBe('unchanged');
    expect(output.objects.get('entries/2014/alpha/index.html')!.body).not.toEqual(alphaBody);
    expect(output.text('entries/2014/alpha/index.html')).toContain('Alpha revised');
  });
});

describe("an entry page's correction", () => {
  const dated = (name: string, updated: string) => entryText(entry({ title: name, url: `https://news.example.com/${name}`, date: '2014-05-08', updated }));
  const content = () =>
    memoryContent({
      entries: {
        '2014/corrected.md': dated('corrected', '2014-05-20T10:00:00+09:00'),
        '2014/same.md': dated('same', '2014-05-08'),
        '2014/due-later.md': dated('due-later', '2014-06-15'),
      },
    });
  const meta = (html: string) => /<p class="meta">.*<\/p>/.exec(html)![0];

  it('says "Updated" and the day in the meta line, after the date, as the date is written', async () => {
    const { output } = await build(content());
    // 2014-05-20 10:00 in Asia/Seoul (SITE's zone) is that day there; English as the site's language writes it.
    expect(meta(output.text('entries/2014/corrected/index.html')!)).toBe(
      '<p class="meta"><bdi>Example News</bdi> · <time datetime="2014-05-08" dir="auto">May 8, 2014</time> · <span>Updated <time datetime="2014-05-20" dir="auto">May 20, 2014</time></span></p>',
    );
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(output.text('entries/2014/corrected/index.html')!);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
  });

  // https://ogp.me/#type_article: article:modified_time, a datetime written as article:published_time is.
  it('states article:modified_time as the UTC instant of the correction; none without one after the date', async () => {
    const { output } = await build(content());
    const corrected = output.text('entries/2014/corrected/index.html')!;
    // 2014-05-20T10:00+09:00 is 01:00 UTC; the date 2014-05-08 is its midnight in Asia/Seoul, 15:00 UTC the day before.
    expect(/<meta property="article:modified_time" content="([^"]*)">/.exec(corrected)?.[1]).toBe('2014-05-20T01:00:00Z');
    expect(corrected.indexOf('article:published_time')).toBeLessThan(corrected.indexOf('article:modified_time'));
    expect(/<meta property="article:published_time" content="([^"]*)">/.exec(corrected)?.[1]).toBe('2014-05-07T15:00:00Z');
    expect(output.text('entries/2014/same/index.html')).not.toContain('article:modified_time');
    expect(output.text('entries/2014/due-later/index.html')).not.toContain('article:modified_time');
  });

  it('says nothing of an updated: that is not after the date', async () => {
    const { output } = await build(content());
    expect(output.text('entries/2014/same/index.html')).not.toContain('Updated');
  });

  it('says nothing of a correction dated after now, then shows it once a publish reaches its day, the file unchanged', async () => {
    const source = content();
    const { output } = await build(source);
    expect(output.text('entries/2014/due-later/index.html')).not.toContain('Updated');
    const later = await publish({ content: source, output, now: DateTime.fromISO('2014-06-16T00:00:00+09:00'), builders });
    expect(later.changes.find((change) => change.key === 'entries/2014/due-later/index.html')?.status).toBe('changed');
    expect(output.text('entries/2014/due-later/index.html')).toContain('<span>Updated <time datetime="2014-06-15" dir="auto">June 15, 2014</time></span>');
    // A date alone is its midnight in the site's zone (Asia/Seoul): 15:00 UTC the day before.
    expect(output.text('entries/2014/due-later/index.html')).toContain('<meta property="article:modified_time" content="2014-06-14T15:00:00Z">');
  });
});
