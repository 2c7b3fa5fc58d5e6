import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { entryPageArtifacts } from '../../../lib/pages/entryPageArtifacts.js';
import { monthPageArtifacts } from '../../../lib/pages/monthPageArtifacts.js';
import { pageArtifacts, PAGE_ENTRY_LIMIT } from '../../../lib/pages/pageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// The index and each tag page show their newest entries only: the month pages list every published entry, so that
// each entry's page can be reached from the site, and lead from month to month, with no link past either end.
const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00');

/** March: 2 entries; April: 21 (one of them dated 30 April in UTC but 1 May in Seoul, so May's); May: 2, a draft too. */
function entries(): Record<string, string> {
  const files: Record<string, string> = {};
  const add = (name: string, date: string, extra: Record<string, unknown> = {}) =>
    (files[`2014/${name}.md`] = entryText(entry({ title: `Title ${name}`, url: `https://news.example.com/${name}`, date, tags: ['Trade'], ...extra })));
  add('m1', '2014-03-03');
  add('m2', '2014-03-30');
  for (let day = 1; day <= 20; day++) add(`a${day}`, `2014-04-${String(day).padStart(2, '0')}`);
  add('edge', '2014-04-30T20:00:00Z');
  add('y1', '2014-05-10');
  add('y2', '2014-05-20');
  add('draft', '2014-05-21', { draft: true });
  return files;
}

async function build() {
  const output = new MemoryStore();
  await publish({ content: memoryContent({ site: SITE, entries: entries() }), output, now: NOW, builders: [pageArtifacts, entryPageArtifacts, monthPageArtifacts] });
  return output;
}

const decode = (text: string) => text.replace(/&amp;/g, '&');
/** Entry titles in page order. */
const titles = (html: string) => [...html.matchAll(/<h3 dir="auto"><a href="[^"]*">([^<]*)<\/a><\/h3>/g)].map((m) => decode(m[1]!));
/** The key a relative href on the page at `from` names: a folder is its index.html. */
const keyOf = (from: string, href: string) => {
  const path = new URL(href, new URL(from, 'https://x.example/')).pathname.slice(1);
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
};
/** The links after a month's list: the page each names, and its text. */
const navOf = (key: string, html: string) =>
  [.../<nav aria-label="Months">(.*)<\/nav>/.exec(html)![1]!.matchAll(/<a href="([^"]*)">([^<]*(?:<bdi>[^<]*<\/bdi>)?)<\/a>/g)].map((m) => [keyOf(key, m[1]!), m[2]!.replace(/<\/?bdi>/g, '')]);

describe('the month pages', () => {
  it('lists every month with an entry, newest first, with its count, each linking its page', async () => {
    const out = await build();
    const html = out.text('months/index.html')!;
    const items = [...html.matchAll(/<li><a href="([^"]*)" dir="auto">([^<]*)<\/a> <span class="meta">\((\d+)\)<\/span><\/li>/g)].map((m) => [keyOf('months/index.html', m[1]!), m[2], Number(m[3])]);
    expect(items).toEqual([
      ['months/2014-05/index.html', 'May 2014', 3],
      ['months/2014-04/index.html', 'April 2014', 20],
      ['months/2014-03/index.html', 'March 2014', 2],
    ]);
    for (const [key] of items) expect(out.objects.has(key as string), key as string).toBe(true);
    expect(html).toContain('<h2 id="entries-heading">25 entries in 3 months, newest first</h2>');
  });

  it("lists each month's entries newest first, by the site's zone, drafts left out", async () => {
    const out = await build();
    expect(titles(out.text('months/2014-05/index.html')!)).toEqual(['Title y2', 'Title y1', 'Title edge']);
    expect(titles(out.text('months/2014-04/index.html')!)).toEqual(Array.from({ length: 20 }, (_, i) => `Title a${20 - i}`));
    expect(titles(out.text('months/2014-03/index.html')!)).toEqual(['Title m2', 'Title m1']);
    expect(out.text('months/2014-05/index.html')).toContain('<h1 dir="auto">May 2014</h1>');
  });

  it("links each entry's own page, which exists", async () => {
    const out = await build();
    const html = out.text('months/2014-03/index.html')!;
    const commentary = [...html.matchAll(/<a href="([^"]*)">Commentary/g)].map((m) => keyOf('months/2014-03/index.html', m[1]!));
    expect(commentary).toEqual(['entries/2014/m2/index.html', 'entries/2014/m1/index.html']);
    for (const key of commentary) expect(out.objects.has(key), key).toBe(true);
  });

  it('leads to the newer and the older month, and past neither end', async () => {
    const out = await build();
    const nav = (period: string) => navOf(`months/${period}/index.html`, out.text(`months/${period}/index.html`)!);
    expect(nav('2014-05')).toEqual([
      ['months/index.html', 'Every month'],
      ['months/2014-04/index.html', 'Older: April 2014'],
    ]);
    expect(nav('2014-04')).toEqual([
      ['months/2014-05/index.html', 'Newer: May 2014'],
      ['months/index.html', 'Every month'],
      ['months/2014-03/index.html', 'Older: March 2014'],
    ]);
    expect(nav('2014-03')).toEqual([
      ['months/2014-04/index.html', 'Newer: April 2014'],
      ['months/index.html', 'Every month'],
    ]);
  });

  it('is linked from the index and from each tag page, whose lists stop at the newest entries', async () => {
    const out = await build();
    const index = out.text('index.html')!;
    expect(titles(index)).toHaveLength(PAGE_ENTRY_LIMIT);
    expect(index).toContain('<p class="more"><a href="months/">Every entry, month by month</a></p>');
    expect(out.text('tags/trade/index.html')).toContain('<p class="more"><a href="../../months/">Every entry of the site, month by month</a></p>');
  });

  it("names the months in the site's language", async () => {
    const output = new MemoryStore();
    await publish({ content: memoryContent({ site: { ...SITE, language: 'ko' }, entries: entries() }), output, now: NOW, builders: [monthPageArtifacts] });
    // What Intl writes for May 2014 in Korean, through luxon.
    const may = DateTime.fromObject({ year: 2014, month: 5 }).setLocale('ko').toLocaleString({ year: 'numeric', month: 'long' });
    expect(output.text('months/2014-05/index.html')).toContain(`<h1 dir="auto">${may}</h1>`);
  });
});

describe('the list of months of a site with no published entry', () => {
  it('says there is none yet, and lists nothing', async () => {
    const output = new MemoryStore();
    const files = { '2014/draft.md': entryText(entry({ draft: true })) };
    await publish({ content: memoryContent({ site: SITE, entries: files }), output, now: NOW, builders: [monthPageArtifacts] });
    expect([...output.objects.keys()].filter((key) => key.startsWith('months/'))).toEqual(['months/index.html']);
    const html = output.text('months/index.html')!;
    expect(html).toContain('<h2 id="entries-heading">No entries yet</h2>');
    expect(html).not.toContain('<ul');
  });
});

describe("a month's name in a language with another calendar", () => {
  const heading = async (language: string) => {
    const output = new MemoryStore();
    await publish({ content: memoryContent({ site: { ...SITE, language }, entries: entries() }), output, now: NOW, builders: [monthPageArtifacts] });
    return /<h1 dir="auto">([^<]*)<\/h1>/.exec(output.text('months/2014-05/index.html')!)![1];
  };

  it('is the Gregorian month the page holds when the calendar has other months (Persian: not the month of 1 May)', async () => {
    const gregorian = DateTime.fromObject({ year: 2014, month: 5 }, { outputCalendar: 'gregory' }).setLocale('fa').toLocaleString({ year: 'numeric', month: 'long' });
    const persian = DateTime.fromObject({ year: 2014, month: 5 }).setLocale('fa').toLocaleString({ year: 'numeric', month: 'long' });
    expect(gregorian).not.toBe(persian);
    expect(await heading('fa')).toBe(gregorian);
  });

  it("keeps the language's own year when its months are the Gregorian ones (Thai: the Buddhist era)", async () => {
    expect(await heading('th')).toBe(DateTime.fromObject({ year: 2014, month: 5 }).setLocale('th').toLocaleString({ year: 'numeric', month: 'long' }));
    expect(await heading('th')).toContain('2557');
  });
});
