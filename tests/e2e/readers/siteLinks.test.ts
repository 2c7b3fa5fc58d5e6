import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentFolder } from '../../support/content.js';
import { HOSTILE_ENTRY_COUNT, HOSTILE_SITE_URL, hostileSite } from '../../support/hostileSite.js';
import { PreviewProcess } from '../../support/preview.js';
import { publishedOnce } from '../../support/publishedOnce.js';

/**
 * A link checker over what publish writes: every internal link, src, form action, feed autodiscovery <link>, OPML
 * outline and feed link resolves to a published file, every #fragment to an id on its page, and every page can be
 * reached from the index by following links. Relative links resolve against the page's public URL (RFC 3986 §5.2),
 * under the site's base path; a folder is its index.html, as the site's CDN and `preview` serve it.
 */
const NOW = '2014-06-01T00:00:00Z';
const SITES = {
  sample: { content: 'content', url: 'https://watch.example.org/' },
  edge: { content: 'tests/fixtures/edge', url: 'https://edge.example.org/watch/' },
  tricky: { content: 'tests/fixtures/tricky', url: 'https://tricky.example.org/watch/' },
  hostile: { content: '', url: HOSTILE_SITE_URL },
};
/**
 * The tricky fixture's body has `![an image](img/a.png)`: a relative address, which the site resolves against the
 * site's URL (as feeds need), to a file the editor never published. Content, not a page's own link.
 */
const EDITOR_LINKS = new Set(['tricky: entries/2014/ampersands/index.html → img/a.png']);
/**
 * Served at their addresses but linked from no page: the feeds' style sheets (from the feeds), the subscription pages'
 * tag list, and the page shown at a missing address.
 */
const NOT_PAGES = new Set(['feed.xsl', 'feed.css', 'tags/tags.json', '404.html']);

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Every element of a parsed document, in document order. */
function* elements(node: Node): Generator<Element> {
  if ('tagName' in node) yield node;
  const children = 'content' in node && node.nodeName === 'template' ? node.content.childNodes : 'childNodes' in node ? node.childNodes : [];
  for (const child of children) yield* elements(child);
}

const attr = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value;

interface Reference {
  from: string;
  /** As written. */
  value: string;
}

/** The references of a published file: HTML attributes, and the links in feeds and the OPML files. */
function referencesOf(key: string, text: string): { refs: Reference[]; ids: Set<string> } {
  const refs: Reference[] = [];
  const ids = new Set<string>();
  if (key.endsWith('.html')) {
    for (const element of elements(parse(text))) {
      const id = attr(element, 'id');
      if (id !== undefined) ids.add(id);
      for (const name of ['href', 'src', 'action']) {
        const value = attr(element, name);
        if (value !== undefined) refs.push({ from: key, value });
      }
    }
  } else if (key.endsWith('.xml') || key.endsWith('.opml')) {
    const decode = (value: string) => value.replace(/&#x26;|&amp;/g, '&');
    for (const match of text.matchAll(/\b(?:href|xmlUrl|htmlUrl)="([^"]*)"/g)) refs.push({ from: key, value: decode(match[1]!) });
    // RSS <link>, <comments> (the entry's page) and <image><url>; Atom <icon> and <logo>.
    for (const match of text.matchAll(/<(link|url|comments|icon|logo)>([^<]*)<\/\1>/g)) refs.push({ from: key, value: decode(match[2]!) });
  } else if (key.endsWith('.json') && !key.startsWith('_broadsheet/')) {
    const walk = (value: unknown, name: string): void => {
      if (typeof value === 'string' && /^(home_page_url|feed_url|next_url|url|icon|favicon)$/.test(name)) refs.push({ from: key, value });
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, Array.isArray(value) ? name : k);
    };
    walk(JSON.parse(text), '');
  }
  return { refs, ids };
}

describe('the links of the published site', () => {
  let hostileContent: string;
  const published: Record<string, { files: Set<string>; texts: Map<string, string> }> = {};

  beforeAll(async () => {
    hostileContent = await contentFolder(hostileSite());
    SITES.hostile.content = hostileContent;
    // Each site's output as the other files that read it in this run have it (publishedOnce).
    for (const [name, site] of Object.entries(SITES)) {
      const { out, run } = await publishedOnce(site.content, NOW);
      expect(run.code, `${name}: ${run.stderr}`).toBe(0);
      const files = new Set((await readdir(out, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(out.length + 1).split('\\').join('/')));
      const texts = new Map<string, string>();
      for (const file of files) if (/\.(html|xml|opml|json)$/.test(file) && !file.startsWith('_broadsheet/')) texts.set(file, await readFile(join(out, file), 'utf8'));
      published[name] = { files, texts };
    }
  }, 120_000);
  afterAll(async () => {
    if (hostileContent) await rm(hostileContent, { recursive: true, force: true });
  });

  /** The published file a URL names, when it is under the site's base: its key, and its fragment. */
  function target(siteUrl: string, from: string, value: string): { key: string; fragment: string } | undefined {
    const url = new URL(value, new URL(from, siteUrl));
    if (!url.href.startsWith(siteUrl)) return undefined;
    const path = decodeURIComponent(url.pathname.slice(new URL(siteUrl).pathname.length));
    return { key: path === '' || path.endsWith('/') ? `${path}index.html` : path, fragment: decodeURIComponent(url.hash.slice(1)) };
  }

  it('resolves every internal link, src, action and feed link to a published file, and every fragment to an id', () => {
    const dangling: string[] = [];
    for (const [name, site] of Object.entries(SITES)) {
      const { files, texts } = published[name]!;
      const idsOf = new Map([...texts].map(([key, text]) => [key, referencesOf(key, text).ids]));
      let checked = 0;
      for (const [key, text] of texts) {
        for (const ref of referencesOf(key, text).refs) {
          if (ref.value.startsWith('#')) {
            if (!idsOf.get(key)!.has(decodeURIComponent(ref.value.slice(1)))) dangling.push(`${name}: ${key} → ${ref.value} (no such id)`);
            continue;
          }
          const found = target(site.url, key, ref.value);
          if (!found) continue;
          checked++;
          // The subscription endpoints are functions beside the bucket, not files.
          if (/^(subscribe|confirm|unsubscribe|preferences)$/.test(found.key)) continue;
          if (!files.has(found.key)) {
            if (!EDITOR_LINKS.has(`${name}: ${key} → ${found.key}`)) dangling.push(`${name}: ${key} → ${ref.value} (${found.key} is not published)`);
          } else if (found.fragment && found.key.endsWith('.html') && !idsOf.get(found.key)!.has(found.fragment)) dangling.push(`${name}: ${key} → ${ref.value} (no such id)`);
        }
      }
      expect(checked, name).toBeGreaterThan(100);
    }
    expect(dangling).toEqual([]);
  });

  it("reaches every page, feed and entry page from the index by following the pages' links", () => {
    const orphans: string[] = [];
    for (const [name, site] of Object.entries(SITES)) {
      const { files, texts } = published[name]!;
      const reached = new Set(['index.html']);
      const queue = ['index.html'];
      while (queue.length > 0) {
        const key = queue.shift()!;
        const text = texts.get(key);
        // A browser follows a page's links; a feed's links are a feed reader's.
        if (text === undefined || !key.endsWith('.html')) continue;
        for (const ref of referencesOf(key, text).refs) {
          const found = target(site.url, key, ref.value);
          if (found && files.has(found.key) && !reached.has(found.key)) {
            reached.add(found.key);
            queue.push(found.key);
          }
        }
      }
      for (const file of files) if (!reached.has(file) && !file.startsWith('_broadsheet/') && !NOT_PAGES.has(file)) orphans.push(`${name}: ${file}`);
    }
    expect(orphans).toEqual([]);
  });

  it('publishes a page for each of the hostile site’s entries, more than its index shows', () => {
    const pages = [...published.hostile!.files].filter((file) => /^entries\/.+\/index\.html$/.test(file));
    expect(pages).toHaveLength(HOSTILE_ENTRY_COUNT);
    expect(published.hostile!.texts.get('index.html')).toContain(`The 20 newest of ${HOSTILE_ENTRY_COUNT} entries`);
  });
});

describe('the links of the pages in `broadsheet preview`', () => {
  let preview: PreviewProcess | undefined;
  afterAll(async () => {
    await preview?.stop();
  });

  it('keep a reader on the preview: every page link of the index, a tag page, a month page and the digest archive answers there', async () => {
    preview = await new PreviewProcess(['--content', 'content', '--now', NOW]).start();
    const failures: string[] = [];
    for (const path of ['', 'tags/trade/', 'months/', 'months/2014-05/', 'digests/']) {
      const page = new URL(path, preview.url);
      const html = await (await fetch(page, { signal: AbortSignal.timeout(10_000) })).text();
      for (const element of elements(parse(html))) {
        const value = element.tagName === 'a' || element.tagName === 'link' ? attr(element, 'href') : undefined;
        if (value === undefined || value.startsWith('mailto:') || value.startsWith('#')) continue;
        // A canonical link names the published address by design (RFC 6596), whichever server shows the page; no
        // reader follows it.
        if (element.tagName === 'link' && (attr(element, 'rel') ?? '').split(/\s+/).includes('canonical')) continue;
        const url = new URL(value, page);
        // Links to the articles and sources leave the site by design; a link to the site itself must not.
        if (url.origin !== new URL(preview.url).origin) {
          if (url.href.startsWith(SITES.sample.url)) failures.push(`${path || 'index'}: ${value} leaves the preview for the published site`);
          continue;
        }
        const status = (await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000) })).status;
        if (status !== 200) failures.push(`${path || 'index'}: ${value} answers ${status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
