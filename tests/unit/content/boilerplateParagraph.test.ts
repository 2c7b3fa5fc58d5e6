import { describe, expect, it } from 'vitest';
import { boilerplateParagraph } from '../../../lib/content/boilerplateParagraph.js';
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
