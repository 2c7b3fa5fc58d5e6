import { describe, expect, it } from 'vitest';
import { entryContentHtml } from '../../../lib/feeds/entryContent.js';
import { PlainTextFields } from '../../../lib/feeds/feedGuards.js';
import { renderAtom } from '../../../lib/feeds/renderAtom.js';
import { renderJsonFeed } from '../../../lib/feeds/renderJsonFeed.js';
import { renderRss } from '../../../lib/feeds/renderRss.js';
import { RenderError } from '../../../lib/shared/errors.js';
import { feedDoc, feedItem } from '../../support/feedDoc.js';
import { childrenNamed, findOne, parseXml } from '../../support/xml.js';

// Issue 17 (1): titles and every other plain-text field are written as plain escaped text, never as CDATA and
// never as HTML, so that a reader that keeps an element's first text node, or takes a title as plain text
// whatever it says, shows it as typed. One rule per test, each on the element as serialised.

/** Everything a plain-text field can hold that XML or HTML would read otherwise, `]]>` twice, `<script>` first. */
const TEXT = `<script>AT&T "R&D" & 'x' ]]> 2 < 3 > 1 ]]> &amp;`;
/** TEXT as RSS character data: `&` and `<` as hexadecimal references (RSS Best Practices Profile), `>` as &gt;. */
const RSS_TEXT = `&#x3C;script&gt;AT&#x26;T "R&#x26;D" &#x26; 'x' ]]&gt; 2 &#x3C; 3 &gt; 1 ]]&gt; &#x26;amp;`;
/** TEXT as Atom character data. */
const ATOM_TEXT = `&lt;script&gt;AT&amp;T "R&amp;D" &amp; 'x' ]]&gt; 2 &lt; 3 &gt; 1 ]]&gt; &amp;amp;`;

const doc = feedDoc({
  title: TEXT,
  description: TEXT,
  items: [feedItem({ title: TEXT, source: { name: TEXT, url: 'https://source.example/', feed: 'https://source.example/rss' } })],
});
const rss = renderRss(doc);
const atom = renderAtom(doc);

/** The serialised elements called `name` in `xml` (after `after`, if given): attributes as written, and content. */
function serialised(xml: string, name: string, after = ''): { attributes: string; content: string }[] {
  const from = after ? xml.indexOf(after) : 0;
  const pattern = new RegExp(`<${name}((?:\\s[^>]*)?)>([\\s\\S]*?)</${name}>`, 'g');
  return [...xml.slice(from).matchAll(pattern)].map((match) => ({ attributes: match[1]!, content: match[2]! }));
}

describe('RSS 2.0: plain text is escaped character data, no CDATA (RSS 2.0 <title>; RSS Best Practices Profile, character data)', () => {
  it('item <title>', () => {
    expect(serialised(rss, 'title', '<item>')[0]).toEqual({ attributes: '', content: RSS_TEXT });
    expect(findOne(findOne(parseXml(rss), 'item'), 'title').text).toBe(TEXT);
  });

  it('channel <title> and <description>', () => {
    expect(serialised(rss, 'title')[0]).toEqual({ attributes: '', content: RSS_TEXT });
    expect(serialised(rss, 'description')[0]).toEqual({ attributes: '', content: RSS_TEXT });
    const channel = findOne(parseXml(rss), 'channel');
    expect(childrenNamed(channel, 'title')[0]!.text).toBe(TEXT);
    expect(childrenNamed(channel, 'description')[0]!.text).toBe(TEXT);
  });

  it('the source name: <dc:creator> and <source>', () => {
    expect(serialised(rss, 'dc:creator')[0]).toEqual({ attributes: '', content: RSS_TEXT });
    expect(serialised(rss, 'source', '<item>')[0]).toEqual({ attributes: ' url="https://source.example/rss"', content: RSS_TEXT });
    expect(findOne(parseXml(rss), 'source').text).toBe(TEXT);
  });

  it('no plain-text field is CDATA: only the HTML of <description> and <content:encoded> is', () => {
    const cdataParents = [...rss.matchAll(/<([\w:]+)[^>]*><!\[CDATA\[/g)].map((match) => match[1]);
    expect(new Set(cdataParents)).toEqual(new Set(['description', 'content:encoded']));
  });
});

describe('Atom 1.0: plain-text Text constructs are type="text" (RFC 4287 §3.1, §3.1.1.1), escaped, no CDATA', () => {
  it('entry <title>', () => {
    expect(serialised(atom, 'title', '<entry>')[0]).toEqual({ attributes: ' type="text"', content: ATOM_TEXT });
    const title = findOne(findOne(parseXml(atom), 'entry'), 'title');
    expect(title.text).toBe(TEXT);
  });

  it('feed <title> and <subtitle>', () => {
    expect(serialised(atom, 'title')[0]).toEqual({ attributes: ' type="text"', content: ATOM_TEXT });
    expect(serialised(atom, 'subtitle')[0]).toEqual({ attributes: ' type="text"', content: ATOM_TEXT });
    const feed = parseXml(atom);
    expect(childrenNamed(feed, 'title')[0]!.text).toBe(TEXT);
    expect(childrenNamed(feed, 'subtitle')[0]!.text).toBe(TEXT);
  });

  it('the source name: the entry <author><name> (a Person construct name is plain text, §3.2.1)', () => {
    expect(serialised(atom, 'name', '<entry>')[0]).toEqual({ attributes: '', content: ATOM_TEXT });
    expect(findOne(findOne(parseXml(atom), 'entry'), 'name').text).toBe(TEXT);
  });

  it('only the HTML of <summary> and <content> is type="html"', () => {
    const htmlTyped = [...atom.matchAll(/<(\w+) type="html">/g)].map((match) => match[1]);
    expect(new Set(htmlTyped)).toEqual(new Set(['summary', 'content']));
  });
});

describe('JSON Feed 1.1: plain-text fields are plain strings (jsonfeed.org/version/1.1: title "is plain text")', () => {
  it('items[].title, the title and description, and the source as items[].authors[].name', () => {
    const json = JSON.parse(renderJsonFeed(doc)) as { title: string; description: string; items: { title: string; authors: { name: string }[] }[] };
    expect(json.title).toBe(TEXT);
    expect(json.description).toBe(TEXT);
    expect(json.items[0]!.title).toBe(TEXT);
    expect(json.items[0]!.authors[0]!.name).toBe(TEXT);
  });
});

describe('plain text inside the HTML content (<content:encoded>, Atom <content>, content_html)', () => {
  it('related link titles and the source name are escaped once, as HTML text', () => {
    const html = entryContentHtml(
      { key: 'entries/2014/a.md', id: '2014/a', title: TEXT, url: 'https://news.example.com/a', source: { name: TEXT }, date: 0, tags: [], related: [{ title: TEXT, url: 'https://related.example/' }], draft: false },
      '<p>Body.</p>',
      'https://watch.example.org/entries/2014/a/',
    );
    // As text, not an attribute: `&`, `<` and `>` escaped, quotes as typed (escapeHtmlText).
    const escaped = `&lt;script&gt;AT&amp;T "R&amp;D" &amp; 'x' ]]&gt; 2 &lt; 3 &gt; 1 ]]&gt; &amp;amp;`;
    expect(html).toContain(`<li><a href="https://related.example/">${escaped}</a></li>`);
    expect(html).toContain(`<p>Source: ${escaped}.`);
  });
});

describe('guard: a plain-text field that `feed` no longer writes where expected is an error, not a lost title', () => {
  it('fill throws when a slotted field is missing from the XML', () => {
    const fields = new PlainTextFields();
    fields.slot('A title');
    expect(() => fields.fill('<rss><channel><title>Something else</title></channel></rss>')).toThrow(RenderError);
  });
});
