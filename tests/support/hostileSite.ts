import { entry, entryText, type ContentSpec } from './content.js';

/**
 * A site built to break the pages' layout and links: more entries than the index shows, all under one tag (so
 * the oldest are on no index or tag page), right-to-left and mixed-direction text, long unbroken words in every
 * field (a tag as long as a tag may be, 100 characters), a wide table, a long code line, a base path with a space
 * and tags whose slugs are punycode.
 */
export const HOSTILE_SITE_URL = 'https://hostile.example.org/base%20path/watch/';
export const HOSTILE_ENTRY_COUNT = 25;
export const ARABIC_TITLE = 'ارتفاع أسعار الأرز في الأسواق (2014).';
export const ARABIC_TAG = 'تجارة';
export const ARABIC_COMMENTARY = 'تعليق المحرر على أسعار الأرز في الأسواق.';
/** A line of code that ends in punctuation, which a right-to-left line would move to its start. */
export const ARABIC_CODE = 'const total = prices.map((p) => p * 2);';
/** A source name that opens a right-to-left override (U+202E) and never closes it: it must not reverse what follows. */
export const SPOOFING_SOURCE = 'Spoof\u202Eagency';
/** A tag of the same kind: the sentences that name it must keep their own order. */
export const SPOOFING_TAG = 'Spoof\u202Etag';
export const LONG_WORD = `Unbroken${'x'.repeat(240)}`;
/** A table of 12 columns of one word each: the words must not be cut into letters on a phone. */
export const WIDE_TABLE = `| ${Array.from({ length: 12 }, (_, i) => `heading${i}`).join(' | ')} |\n|${'---|'.repeat(12)}\n| ${Array.from({ length: 12 }, (_, i) => `value${i}word`).join(' | ')} |\n`;

export function hostileSite(): ContentSpec {
  const entries: Record<string, string> = {};
  const OTHER_PARTS = '<p>The term <span lang="ko">장마당</span> (<bdi lang="ar">سوق</bdi>, <span dir="ltr">ABC-123</span>) means market.</p>\n<div lang="ko" dir="ltr"><p>장마당</p><ul><li>시장</li></ul></div>';
  // Pasted CMS and newsletter markup: a Ghost embed card (a YouTube player, linked to its watch page), a video with its
  // fallback, WordPress lazy images (one shown by its noscript copy), a lazy picture, a Mailchimp merge-tag link and an
  // embed whose address holds one, each published as a link, an image or text that must be valid where it stands.
  const PASTED = '<figure class="kg-card kg-embed-card"><iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=42&amp;rel=0" title="Port tour"></iframe><figcaption>A tour.</figcaption></figure>\n\n<p><video controls src="https://media.example.com/clip.mp4">Your browser does not support video.</video> <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="https://img.example.com/lazy.jpg" alt="Lazy"> <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Quay"><noscript><img src="https://img.example.com/quay.jpg" alt="Quay"></noscript> <picture><source data-srcset="https://img.example.com/pier.webp" type="image/webp"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="https://img.example.com/pier.jpg" alt="Pier"></picture> <a href="*|ARCHIVE|*">View in browser</a> <iframe src="https://survey.example.com/?u=*|UNIQID|*&amp;id=*|ID|*" title="Survey"></iframe></p>';
  for (let i = 1; i <= HOSTILE_ENTRY_COUNT; i += 1) {
    const day = String(i).padStart(2, '0');
    entries[`2014/e${day}.md`] = entryText(
      entry({
        title: i === HOSTILE_ENTRY_COUNT ? ARABIC_TITLE : i === HOSTILE_ENTRY_COUNT - 1 ? `${LONG_WORD} in a title` : `Entry ${i} כותרת mixed`,
        url: `https://news.example.com/${'deep/'.repeat(20)}${i}?q=${'z'.repeat(120)}`,
        source: i === 3 ? `Source${'s'.repeat(150)}` : i === 2 ? SPOOFING_SOURCE : 'وكالة الأنباء',
        date: `2014-05-${day}`,
        tags: i === HOSTILE_ENTRY_COUNT ? ['Trade', ARABIC_TAG, `Tag${'q'.repeat(97)}`] : i === 2 ? ['Trade', SPOOFING_TAG] : ['Trade'],
        summary: i % 2 ? `Summary ${LONG_WORD}.` : 'ملخص المقال باللغة العربية.',
        // The article's photo, above the commentary on the entry's page.
        ...(i === 1 ? { image: 'https://img.example.com/wide-photo.png' } : {}),
      }),
      // The Arabic entry's commentary opens in Arabic (dir="auto" makes it right to left), quotes code and marks parts
      // in other languages and directions.
      `${i === 1 ? `${PASTED}\n\n` : ''}${i === HOSTILE_ENTRY_COUNT ? `${ARABIC_COMMENTARY}\n\n\`\`\`\n${ARABIC_CODE}\n\`\`\`\n\n${OTHER_PARTS}\n\n` : ''}Commentary with a long address https://example.com/${'p'.repeat(300)} and [a link](https://example.com/${'q'.repeat(250)}).\n\n${WIDE_TABLE}\n\`\`\`\n${'code'.repeat(100)}\n\`\`\`\n\nInline \`${'c'.repeat(200)}\`.\n`,
    );
  }
  return {
    site: {
      title: `مراقب الاقتصاد Watch ${LONG_WORD.slice(0, 150)}`,
      description: `Hostile ${LONG_WORD}`,
      url: HOSTILE_SITE_URL,
      language: 'en',
      timezone: 'Asia/Seoul',
      idDate: '2014',
      digest: { day: 'monday', time: '08:00', from: 'Hostile <digest@hostile.example.org>' },
    },
    entries,
  };
}
