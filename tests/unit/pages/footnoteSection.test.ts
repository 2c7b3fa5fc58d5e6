import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { footnoteIds } from '../../../lib/content/footnoteIds.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { entryPageArtifacts } from '../../../lib/pages/entryPageArtifacts.js';
import { footnoteSection } from '../../../lib/pages/footnoteSection.js';
import { publish } from '../../../lib/publish/publish.js';
import { ownWords } from '../../../lib/shared/ownWords.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { languagesOf } from '../../support/textLanguages.js';

// An entry page's footnotes are a section named by a heading a screen reader lists (WCAG 1.3.1, 2.4.6), and each
// way back to a reference has a name (WCAG 2.4.4, 4.1.2), not the arrow's "right arrow curving left".
const BASE = 'https://watch.example.org/';
const ARROW = '\u21A9\uFE0E';
/** Note 1 cited twice, note 2 once (as tests/fixtures/edge/entries/2014/brackets.md). */
const BODY = 'A claim[^src] and a second[^2], the first again[^src].\n\n[^src]: The note.\n[^2]: Another.\n';
const commentary = (body = BODY) => renderMarkdown(body, BASE, footnoteIds('2014/a')).html;

describe('the footnotes on an entry page', () => {
  it('are a section named by its heading, "Footnotes", an h2 hidden from sight, around the list of notes', () => {
    const html = footnoteSection(commentary(), ownWords('en'));
    expect(html).toMatch(/^<p>A claim.*<\/p>\n<section class="notes" aria-labelledby="footnotes">\n<h2 id="footnotes" class="skip">Footnotes<\/h2>\n<ol>\n<li id="fn-2014_a-1">[^]*<\/ol>\n<\/section>\n$/);
    expect(html.match(/<section/g)).toHaveLength(1);
    // Only a list of notes: another list, and a link that looks like a way back, stay as they are.
    const plain = commentary('No notes, but [a link](#fnref-x-1) and a list:\n\n1. one\n');
    expect(footnoteSection(plain, ownWords('en'))).toBe(plain);
  });

  it('name each way back by the reference it goes to, the arrow hidden from a screen reader; a note cited twice says which', () => {
    const html = footnoteSection(commentary(), ownWords('en'));
    const backs = [...html.matchAll(/<a href="#(fnref-[^"]+)">(.*?)<\/a>/g)].map((match) => [match[1], match[2]]);
    const name = (text: string) => `<span aria-hidden="true">${ARROW}</span><span class="skip">${text}</span>`;
    expect(backs).toEqual([
      ['fnref-2014_a-1', name('Back to reference 1 (1 of 2)')],
      ['fnref-2014_a-1_1', name('Back to reference 1 (2 of 2)')],
      ['fnref-2014_a-2', name('Back to reference 2')],
    ]);
  });

  it('mark the heading and the names English on a site in another language, left to right on a right-to-left one', () => {
    const korean = footnoteSection(commentary(), ownWords('ko'));
    expect(languagesOf(korean, 'Footnotes')).toEqual(['en']);
    expect(languagesOf(korean, /^Back to reference/)).toEqual(['en', 'en', 'en']);
    const arabic = footnoteSection(commentary(), ownWords('ar'));
    expect(arabic).toContain('<h2 id="footnotes" class="skip" lang="en" dir="ltr">Footnotes</h2>');
    expect(arabic).toContain('<span class="skip" lang="en" dir="ltr">Back to reference 2</span>');
  });
});

describe('an entry with footnotes, published', async () => {
  const output = new MemoryStore();
  const body = '## Top\n\n### Under\n\n#### Deeper[^1]\n\nText.\n\n[^1]: A note.\n';
  const entries = { '2014/notes.md': entryText(entry({ title: 'Notes', url: 'https://news.example.com/notes', date: '2014-05-08', related: [{ title: 'More', url: 'https://news.example.com/more' }] }), body) };
  await publish({ content: memoryContent({ site: SITE, entries }), output, now: DateTime.fromISO('2014-06-01T00:00:00+09:00'), builders: [entryPageArtifacts] });

  it("keeps the page's headings in order: the notes' h2 after the commentary's h4 skips no level", () => {
    const html = output.text('entries/2014/notes/index.html')!;
    expect([...html.matchAll(/<h([1-6])\b[^>]*>([^<]*)/g)].map((match) => `h${match[1]} ${match[2]}`)).toEqual(['h1 ', 'h2 Top', 'h3 Under', 'h4 Deeper', 'h2 Footnotes', 'h2 Related']);
  });
});
