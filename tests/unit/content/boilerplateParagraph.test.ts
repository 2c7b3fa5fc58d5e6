import { describe, expect, it } from 'vitest';
import { boilerplateParagraph, NEWSLETTER_LINE_PARTS } from '../../../lib/content/boilerplateParagraph.js';
import { firstParagraphOf } from '../../../lib/content/firstParagraph.js';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// A newsletter pasted whole opens with lines for the mail's own readers. Each expected value is read off the input.
const BASE = 'https://watch.example.org/';
// The explorer's Gmail forward (stop 41), cut to its header and body.
const GMAIL_FORWARD =
  '<div dir="ltr"><br><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: <strong class="gmail_sendername" dir="auto">North Korea Tech</strong> <span dir="auto">&lt;<a href="mailto:news@northkoreatech.org">news@northkoreatech.org</a>&gt;</span><br>Date: Fri, Dec 4, 2026 at 9:00 AM<br>Subject: Koryolink subscribers<br>To: &lt;<a href="mailto:editor@watch.example.org">editor@watch.example.org</a>&gt;<br></div><br><br><div class="msg123"><table width="100%"><tbody><tr><td style="padding:9px 18px">Koryolink now counts 8 million subscribers.</td></tr></tbody></table></div></div></div>\n';
const GMAIL_HEADER = '---------- Forwarded message --------- From: North Korea Tech <news@northkoreatech.org> Date: Fri, Dec 4, 2026 at 9:00 AM Subject: Koryolink subscribers To: <editor@watch.example.org>';

describe('boilerplateParagraph', () => {
  it('is a newsletter’s view-in-browser line, the whole paragraph such links', () => {
    for (const text of [
      'View this email in your browser',
      'View in browser | Forward to a friend',
      'View in browser · Unsubscribe',
      'Having trouble viewing this email? Click here',
      'Having trouble viewing this email? Click here to view it in your browser.',
      'Email not displaying correctly? View it in your browser.',
      'View online',
      'Web version',
      'view this newsletter on the web browser »',
    ]) expect(boilerplateParagraph(text), text).toBe('browser');
  });

  it('is a forwarded mail’s header, as Gmail, Outlook and Apple Mail write it', () => {
    expect(boilerplateParagraph(GMAIL_HEADER)).toBe('forwarded');
    expect(boilerplateParagraph('-----Original Message----- From: Kim <kim@example.org>')).toBe('forwarded');
    expect(boilerplateParagraph('Begin forwarded message: From: Kim <kim@example.org>')).toBe('forwarded');
    expect(boilerplateParagraph('Begin forwarded message:')).toBe('forwarded');
  });

  it('is no paragraph of words that merely starts or ends so', () => {
    for (const text of [
      'View the full report in your browser to see the interactive charts of rice prices.',
      'View in browser to see the interactive map of the new port.',
      'Forward to a friend: the ministry’s statement, in full.',
      'Unsubscribe rates rose when the newsletter doubled its frequency.',
      'Readers who view this email in your browser see the chart.',
      'Having trouble viewing this email? The regime’s firewall is why, a reader writes.',
      'The forwarded message ---------- reached the ministry on Monday.',
      'Forwarded message from a reader: prices rose again.',
      'Begin forwarded message: a short story by a defector, read on the radio.',
      '-----Original Message----- is the title of her new novel.',
      'Online',
    ]) expect(boilerplateParagraph(text), text).toBeUndefined();
  });
});

describe('the default summary', () => {
  it('passes over a view-in-browser line, in Markdown and in raw HTML, and names it', () => {
    for (const [body, line] of [
      ['View this email in your browser\n\nRice prices rose 10%.\n', 'View this email in your browser'],
      ['[View this email in your browser](https://news.example.org/issue-88)\n\nRice prices rose 10%.\n', 'View this email in your browser'],
      ['<p style="font-size:11px"><a href="https://news.example.org/issue-88?view=web">View in browser</a> | <a href="https://news.example.org/forward">Forward to a friend</a></p>\n<p><img src="https://news.example.org/logo.png" alt="Korea Business Brief"></p>\n<p>Rice prices rose 10%.</p>\n', 'View in browser | Forward to a friend'],
      // A Mailchimp layout: a table cell, no paragraph.
      ['<table><tr><td><a href="https://news.example.org/a">View this email in your browser</a></td></tr><tr><td>Rice prices rose 10%.</td></tr></table>\n', 'View this email in your browser'],
    ] as const) {
      const skipped: string[] = [];
      expect(firstParagraphOf(body, skipped), body).toBe('Rice prices rose 10%.');
      expect(skipped, body).toEqual([line]);
      expect(renderMarkdown(body, BASE).firstParagraph, body).toBe('Rice prices rose 10%.');
    }
  });

  it('passes over a forwarded mail’s header, whose addresses it would publish', () => {
    const skipped: string[] = [];
    expect(firstParagraphOf(GMAIL_FORWARD, skipped)).toBe('Koryolink now counts 8 million subscribers.');
    expect(skipped).toEqual([GMAIL_HEADER]);
  });

  it('keeps the paragraph after it that only starts like one', () => {
    const body = 'View in browser\n\nView the full report in your browser to see the charts.\n\nMore.\n';
    const skipped: string[] = [];
    expect(firstParagraphOf(body, skipped)).toBe('View the full report in your browser to see the charts.');
    expect(skipped).toEqual(['View in browser']);
  });
});

describe('check', () => {
  it('warns about each boilerplate paragraph the summary passed over, naming the file, the paragraph and the fix', async () => {
    const files = {
      '2014/newsletter.md': entryText(entry({ url: 'https://x.example/n' }), 'View in browser | Forward to a friend\n\nRice prices rose 10%.\n'),
      '2014/forward.md': entryText(entry({ url: 'https://x.example/f' }), GMAIL_FORWARD),
      // With a summary: given, the summary is the editor's.
      '2014/given.md': entryText(entry({ url: 'https://x.example/g', summary: 'Rice prices rose.' }), 'View this email in your browser\n\nRice.\n'),
      '2014/prose.md': entryText(entry({ url: 'https://x.example/p' }), 'View the full report in your browser to see the charts.\n'),
    };
    const loaded = await loadContent(await scanContent(memoryContent({ site: SITE, entries: files })), { summarize: firstParagraphOf });
    expect(loaded.problems).toEqual([]);
    expect(loaded.warnings).toEqual([
      {
        file: 'entries/2014/forward.md',
        field: 'body',
        message: `has, before its first paragraph of words, a forwarded mail's header ${JSON.stringify(GMAIL_HEADER.slice(0, 60))}…, which publishes its addresses (From:, To:) in every feed and page: the default summary passes over it, but feeds and pages still show it`,
        fix: 'delete that paragraph from the body',
      },
      {
        file: 'entries/2014/newsletter.md',
        field: 'body',
        message: 'has, before its first paragraph of words, the newsletter line "View in browser | Forward to a friend", whose links are for the mail\'s own readers, not a feed\'s: the default summary passes over it, but feeds and pages still show it',
        fix: 'delete that paragraph from the body',
      },
    ]);
  });
});

// The newsletter line's pattern as one regular expression, as boilerplateParagraph read it before it read the line a
// part at a time (the same language, at a fraction of the cost to compile): the oracle the rewrite must agree with.
const { link: LINK, trouble: TROUBLE, end: END } = NEWSLETTER_LINE_PARTS;
// END without its `$`, so that lines can be made from the pattern (sample).
const LINE = `(?:${TROUBLE} ?(?:click here|${LINK})?|${LINK}(?: ?[|•·] ?${LINK})*)${END.slice(0, -1)}`;
const WHOLE = new RegExp(`^${LINE}$`, 'i');

/** A seeded random source (mulberry32), so that a failure can be run again. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Pattern = { alternatives: Item[][] };
type Item = { atom: string[] | Pattern; quantifier: '' | '?' | '*' };

/**
 * The pattern `source` read as a tree, in its own syntax: non-capturing groups, alternatives, `?` and `*`, classes of
 * single characters, `\?`, literal characters.
 */
function parsePattern(source: string): Pattern {
  let at = 0;
  const group = (): Pattern => {
    const alternatives: Item[][] = [[]];
    while (at < source.length && source[at] !== ')') {
      const c = source[at++]!;
      if (c === '|') {
        alternatives.push([]);
        continue;
      }
      let atom: string[] | Pattern;
      if (c === '(') {
        at += 2; // ?:
        atom = group();
        at++; // )
      } else if (c === '[') {
        const close = source.indexOf(']', at);
        atom = [...source.slice(at, close)];
        at = close + 1;
      } else atom = [c === '\\' ? source[at++]! : c];
      const quantifier = source[at] === '?' || source[at] === '*' ? (source[at++] as '?' | '*') : '';
      alternatives.at(-1)!.push({ atom, quantifier });
    }
    return { alternatives };
  };
  return group();
}

/** A text `pattern` matches, chosen at random. */
function sample(pattern: Pattern, next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const one = (atom: Item['atom']): string => (Array.isArray(atom) ? pick(atom) : sample(atom, next));
  let text = '';
  for (const { atom, quantifier } of pick(pattern.alternatives)) {
    const times = quantifier === '' ? 1 : quantifier === '?' ? (next() < 0.5 ? 1 : 0) : Math.floor(next() * 4);
    for (let n = 0; n < times; n++) text += one(atom);
  }
  return text;
}

/** `text` changed at random as an editor's paste may be: a letter's case, a character dropped, added or doubled, words around it. */
function mutated(text: string, next: () => number): string {
  const place = Math.floor(next() * (text.length + 1));
  const any = (list: string) => [...list][Math.floor(next() * [...list].length)]!;
  switch (Math.floor(next() * 7)) {
    case 0:
      return [...text].map((c) => (next() < 0.3 ? c.toUpperCase() : c)).join('');
    case 1:
      return text.slice(0, place) + text.slice(place + 1);
    case 2:
      return text.slice(0, place) + any(" |•·.!:»›→>?'-aeiouxz") + text.slice(place);
    case 3:
      return text.slice(0, place) + text.slice(Math.max(0, place - 1));
    case 4:
      return `${any(['Rice', 'the', 'View', 'Read', '|'].join(''))}${text}`;
    case 5:
      return `${text} ${any(['prices', 'online', '| Unsubscribe', 'version', '?'].join(''))}`;
    default:
      return text.slice(0, place) + ' ' + text.slice(place);
  }
}

describe('the newsletter line, read a part at a time', () => {
  const browser = (text: string) => boilerplateParagraph(text) === 'browser';

  it('is the language the one pattern was, over lines made from the pattern and changed at random', () => {
    const next = random(45);
    const line = parsePattern(LINE);
    let matched = 0;
    let total = 0;
    for (let i = 0; i < 2500; i++) {
      const made = sample(line, next);
      for (const text of [made, mutated(made, next), mutated(mutated(made, next), next), `${made} ${sample(line, next)}`]) {
        total++;
        const expected = WHOLE.test(text);
        if (expected) matched++;
        if (browser(text) !== expected) expect({ text, browser: browser(text) }).toEqual({ text, browser: expected });
      }
    }
    // Both sides are well represented: the lines made match, and many changed ones do not.
    expect(matched / total).toBeGreaterThan(0.3);
    expect(matched / total).toBeLessThan(0.8);
  });

  it('is the language the one pattern was, over every paragraph of the sample site and the test fixtures', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const paragraphs: string[] = [];
    for (const root of ['content', 'tests/fixtures']) {
      for (const file of await readdir(root, { recursive: true, withFileTypes: true })) {
        if (!file.isFile() || !/\.(?:md|markdown|html?)$/.test(file.name)) continue;
        const text = await readFile(join(file.parentPath, file.name), 'utf8');
        for (const block of text.split(/\n\s*\n/)) paragraphs.push(block.replace(/\s+/g, ' ').trim(), block.replace(/<[^>]*>|[*_[\]()#>]/g, '').replace(/\s+/g, ' ').trim());
      }
    }
    expect(paragraphs.length).toBeGreaterThan(100);
    for (const text of paragraphs) if (browser(text) !== WHOLE.test(text)) expect({ text, browser: browser(text) }).toEqual({ text, browser: WHOLE.test(text) });
  });
});
