import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { renderSubscriptionPage, type SubscriptionPage } from '../../../lib/subscribers/renderSubscriptionPage.js';
import { contentFolder } from '../../support/content.js';
import { hostileSite } from '../../support/hostileSite.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';
import { nuCheck, type NuMessage } from '../../support/nuChecker.js';
import { publishedOnce } from '../../support/publishedOnce.js';
import { CLUMSY_LINK_SITES, ENTRIES } from '../../support/siteYmlRuns.js';

// Every HTML file publish writes (index, tag, entry and digest pages, the digest index), every feed item's HTML, the
// subscription pages and the digest email pass the Nu Html Checker (vnu.jar) with no error, for the sample site (also
// as a Korean site, whose pages mark Broadsheet's English words), the edge and tricky fixtures and a hostile site.
const NOW = '2014-06-01T00:00:00Z';
const SITES: Record<string, string> = { sample: 'content', korean: '', edge: 'tests/fixtures/edge', tricky: 'tests/fixtures/tricky', hostile: '' };

/** Each part a subscription page can have, on English, Korean and Arabic sites, with markup-like text in every field. */
const SUBSCRIPTION_PAGES: SubscriptionPage[] = [
  {
    siteTitle: 'Watch <&> "quotes"',
    language: 'en',
    heading: 'Confirm your subscription',
    paragraphs: ['Press the button to get the weekly digest of Watch <&> "quotes" at ada+<x>@example.org.'],
    form: { action: '/confirm', hidden: { token: 'a"b<c>&d' }, button: 'Subscribe', note: 'You agree to <receive> the digest & may leave at any time.' },
  },
  {
    siteTitle: '테스트 워치',
    language: 'ko',
    heading: 'Your topics',
    paragraphs: ['Tick the topics you want in your digest.'],
    form: { action: '/preferences', hidden: { token: 't' }, tags: [{ slug: 'trade', name: '무역', checked: true }, { slug: 'r-d', name: 'R&D <lab>', checked: false }, { slug: 'rates', name: 'rates', checked: true, gone: true }], button: 'Save my topics' },
    links: [{ href: '/', text: 'Back' }],
  },
  { siteTitle: 'مرصد الاقتصاد', language: 'ar', heading: 'This link does not work', paragraphs: ['It may be old or cut short.'], links: [{ href: '/preferences?token=eyJhIjoiYSJ9.c2ln', text: 'Your topics' }] },
];

/**
 * The one construct the digest email keeps on purpose though the checker refuses it: `mso-hide: all` hides the
 * preheader in Outlook for Windows (its Word engine ignores `display: none`). Only this exact message, and only in
 * the email: the archived web pages have no preheader.
 */
const MAIL_CLIENT_ONLY = new Set(['CSS: “mso-hide”: Property “mso-hide” doesn\'t exist.']);
const errorsOf = (messages: NuMessage[]) => messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
const emailErrorsOf = (messages: NuMessage[]) => errorsOf(messages).filter((m) => !MAIL_CLIENT_ONLY.has(m.message));
const describeMessage = (shortName: (path: string) => string) => (m: NuMessage) => `${shortName((m.url ?? '').replace(/^file:/, ''))}:${m.lastLine ?? '?'}: ${m.message} [${(m.extract ?? '').trim()}]`;

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.html')).map((entry) => join(entry.parentPath, entry.name)).sort();
}

describe('the Nu Html Checker', () => {
  let root: string;
  /** Each site's output folder. */
  const outs: Record<string, string> = {};
  const files: Record<string, string[]> = {};
  /** What each test checks: written in beforeAll, then given to one run of the checker. */
  const checked = { subscription: [] as string[], feedItems: [] as string[], email: '', broken: '', clumsyLinks: [] as string[] };
  /** The content folders of CLUMSY_LINK_SITES. */
  const clumsyContent: string[] = [];
  /** The checker's messages on every file of `checked` and `files`, by the file's path. */
  const messagesByFile = new Map<string, NuMessage[]>();
  const messagesOf = (paths: readonly string[]) => paths.flatMap((path) => messagesByFile.get(path) ?? []);
  /** A checked file's path as its site's name and its path in the output, or its path in the test's folder. */
  const shortName = (path: string) => {
    for (const [name, out] of Object.entries(outs)) if (path.startsWith(out + sep)) return `${name}/${relative(out, path)}`;
    return relative(root, path);
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'broadsheet-nu-'));
    // The site built to break the pages (tests/support/hostileSite.ts): month pages, right-to-left text, long words.
    SITES.hostile = await contentFolder(hostileSite());
    // The sample site in Korean.
    SITES.korean = await mkdtemp(join(tmpdir(), 'broadsheet-nu-korean-'));
    await cp('content', SITES.korean, { recursive: true });
    const siteYml = await readFile(join(SITES.korean, 'site.yml'), 'utf8');
    await writeFile(join(SITES.korean, 'site.yml'), siteYml.replace(/^language: en$/m, 'language: ko').replace(/^title: .*$/m, 'title: 한반도 경제 워치'));
    // Five independent CLI runs, side by side, shared with the other files that read these sites in this run (publishedOnce).
    await Promise.all(
      Object.entries(SITES).map(async ([name, content]) => {
        const { out, run } = await publishedOnce(content, NOW);
        expect(run.code, `${name}: ${run.stderr}`).toBe(0);
        outs[name] = out;
      }),
    );
    // The sites of clumsy links siteYmlInput.test.ts checks and publishes (publishedOnce: the same publish, whichever file runs first).
    await Promise.all(
      CLUMSY_LINK_SITES.map(async (site, index) => {
        const content = await contentFolder({ site, entries: ENTRIES });
        clumsyContent.push(content);
        const { out, run } = await publishedOnce(content, NOW);
        expect(run.code, `links ${index}: ${run.stderr}`).toBe(0);
        outs[`links-${index}`] = out;
        checked.clumsyLinks.push(join(out, 'index.html'), join(out, 'tags', 'trade', 'index.html'));
      }),
    );
    for (const name of Object.keys(SITES)) files[name] = await htmlFiles(outs[name]!);

    checked.subscription = SUBSCRIPTION_PAGES.map((page, index) => join(root, `subscription-${index}.html`));
    for (const [index, page] of SUBSCRIPTION_PAGES.entries()) await writeFile(checked.subscription[index]!, renderSubscriptionPage(page));
    // Each feed item's HTML as a page's body.
    for (const name of Object.keys(SITES)) {
      const feed = JSON.parse(await readFile(join(outs[name]!, 'feed.json'), 'utf8')) as { items: { id: string; content_html: string }[] };
      for (const [index, item] of feed.items.entries()) {
        const file = join(root, `feed-item-${name}-${index}.html`);
        await writeFile(file, `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${index}</title></head><body>\n${item.content_html}\n</body></html>\n`);
        checked.feedItems.push(file);
      }
    }
    const model = weekModel(testSite(), [
      meta('2014-05-09', { title: 'Rice <prices> & “markets”', related: [{ title: 'Background', url: 'https://news.example.com/bg' }], image: 'https://img.example.com/rice.jpg' }),
      meta('2014-05-05T09:00:00', { summary: 'Tariffs & <quotas>, again.' }),
    ]);
    checked.email = join(root, 'digest-email.html');
    await writeFile(checked.email, renderDigestHtml(model, { variant: 'email' }));
    checked.broken = join(root, 'broken.html');
    await writeFile(checked.broken, '<!DOCTYPE html>\n<html lang="en"><head><title>x</title></head><body><p><div>block in p</div></p><img src="a.png"></body></html>\n');

    // One run of the checker for every file: it checks each file on its own, and a run's start (the JVM and the
    // checker's schemas) costs more than most files.
    const all = [...Object.values(files).flat(), ...checked.subscription, ...checked.feedItems, checked.email, checked.broken, ...checked.clumsyLinks];
    for (const message of await nuCheck(all)) {
      const path = (message.url ?? '').replace(/^file:/, '');
      messagesByFile.set(path, [...(messagesByFile.get(path) ?? []), message]);
    }
    // Every message names one of the files: none is left out of the tests below.
    expect([...messagesByFile.keys()].filter((path) => !all.includes(path))).toEqual([]);
  }, 300_000);
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
    for (const made of [SITES.hostile, SITES.korean, ...clumsyContent]) if (made) await rm(made, { recursive: true, force: true });
  });

  it('finds no error in any page of the sample site, in English and Korean, the edge and tricky fixtures, the hostile site, or any subscription page', async () => {
    for (const [name, list] of Object.entries(files)) {
      // Each kind of page is there to be checked.
      const keys = list.map((file) => relative(outs[name]!, file));
      for (const kind of [/^index\.html$/, /^tags\/[^/]+\/index\.html$/, /^entries\/.+\/index\.html$/, /^months\/index\.html$/, /^months\/\d{4}-\d\d\/index\.html$/, /^digests\/index\.html$/, /^digests\/\d{4}-W\d\d\.html$/, /^404\.html$/]) expect(keys.some((key) => kind.test(key)), `${name}: ${kind}`).toBe(true);
    }
    // The Korean site's pages are in Korean.
    expect(await readFile(join(outs.korean!, 'index.html'), 'utf8')).toContain('<html lang="ko">');
    expect(errorsOf(messagesOf([...Object.values(files).flat(), ...checked.subscription])).map(describeMessage(shortName))).toEqual([]);
  });

  it("finds no error in any feed item's HTML (feed.json's content_html, the same HTML as RSS and Atom), as a page's body", () => {
    expect(checked.feedItems.length).toBeGreaterThan(0);
    expect(errorsOf(messagesOf(checked.feedItems)).map(describeMessage(shortName))).toEqual([]);
  });

  // The checker only warns of an empty heading (errors-only leaves it out), and says nothing of an empty quotation,
  // figure or caption; tricky's headings.md holds a bare # and a heading and a quotation of nothing but an image dropped
  // for its data: address, its invalid-html.md a figure and a caption of such an image.
  it('finds no heading, quotation, figure, caption or list left empty in any page or feed item', async () => {
    const empty = /<(h[1-6]|blockquote|figure|figcaption|caption|ul|ol|dl)\b[^>]*>\s*<\/\1>/;
    const found: string[] = [];
    for (const file of [...Object.values(files).flat(), ...checked.feedItems]) if (empty.test(await readFile(file, 'utf8'))) found.push(shortName(file));
    expect(found).toEqual([]);
  });

  it('finds no error in the pages of a site.yml whose links hold a space, | or a stray % (digest.subscribe), or % | { } (the author\'s address)', () => {
    expect(checked.clumsyLinks).toHaveLength(2 * CLUMSY_LINK_SITES.length);
    expect(messagesOf(checked.clumsyLinks).map(describeMessage(shortName))).toEqual([]);
  });

  it('finds no error in the digest email', () => {
    expect(emailErrorsOf(messagesOf([checked.email])).map(describeMessage(shortName))).toEqual([]);
  });

  it('reports an error in a page that has one (the check can fail)', () => {
    const messages = errorsOf(messagesOf([checked.broken]));
    // An img without alt, and the stray </p> the div closed early.
    expect(messages.some((m) => m.message.includes('alt'))).toBe(true);
    expect(messages.some((m) => m.message.includes('No “p” element in scope'))).toBe(true);
  });
});
