import type { Problem } from '../shared/errors.js';
import { quote } from '../shared/quote.js';

// The links a newsletter's top line offers instead of content, each alone: "View this email in your browser", "View
// in browser", "View online", "Web version", "Forward to a friend", "Unsubscribe". The whole paragraph must be such
// links, so prose that merely starts so ("View the full report in your browser to see the charts") is never matched.
const LINK =
  '(?:(?:click here to )?view (?:(?:this|the) (?:e-?mail|newsletter|message|issue) |it |the (?:web|online) version )?(?:(?:in|on) (?:your |a |the )?(?:web )?browser|online|as a web ?page)' +
  '|(?:open|read) (?:(?:this|the) (?:e-?mail|newsletter) |it )?(?:in (?:your |a )?browser|online)' +
  '|(?:view )?(?:the )?(?:web|online|browser) version' +
  '|forward (?:this (?:e-?mail|newsletter) )?to a friend|forward this (?:e-?mail|newsletter)' +
  '|unsubscribe|update (?:your )?(?:preferences|subscription preferences))';
// The question a mail sends before its "view in browser" link.
const TROUBLE = '(?:having trouble viewing this e-?mail|(?:is this )?e-?mail not displaying (?:correctly|properly)|can(?:no|\')t see (?:this e-?mail|the images))\\?';
// What may end the line, after its last link.
const END = '[ .!:»›→>]*$';
// The line is `^(?:TROUBLE ?(?:click here|LINK)?|LINK(?: ?[|•·] ?LINK)*)END`, case aside, read a part at a time: one
// pattern holding LINK more than once costs the regex engine many times LINK's own cost to compile, paid by every
// command that builds a summary. A link ends only where a separator or the line's end follows (links hold no
// separator and end in a letter, so at most one of its ends is followed so), and a line that opens with the question
// cannot open with a link (their first words differ): each step has one way on, and the parts read it as the whole did.
const LINK_AT = new RegExp(`${LINK}(?= ?[|•·]|${END})`, 'iy');
const TROUBLE_AT = new RegExp(`^${TROUBLE} ?`, 'i');
const CLICK_HERE_AT = /click here/iy;
const SEPARATOR_AT = / ?[|•·] ?/y;
const END_AT = new RegExp(END, 'y');
/** The line's parts as pattern sources, for a test that reads the line as the one pattern they make. */
export const NEWSLETTER_LINE_PARTS = { link: LINK, trouble: TROUBLE, end: END } as const;

/** Where `pattern`, a sticky one, ends when it matches `text` at `at`; -1 when it does not. */
function endAt(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

/** Whether a paragraph's text is a newsletter's view-in-browser line, the whole of it such links. */
function browserLine(text: string): boolean {
  const trouble = TROUBLE_AT.exec(text);
  if (trouble) {
    const at = trouble[0].length;
    return [at, endAt(CLICK_HERE_AT, text, at), endAt(LINK_AT, text, at)].some((end) => end >= 0 && endAt(END_AT, text, end) >= 0);
  }
  for (let at = 0; ; ) {
    const end = endAt(LINK_AT, text, at);
    if (end < 0) return false;
    if (endAt(END_AT, text, end) >= 0) return true;
    at = endAt(SEPARATOR_AT, text, end);
    if (at < 0) return false;
  }
}

// A forwarded or quoted mail's header as mail clients write it above the From:, Date:, Subject: and To: lines: Gmail's
// "---------- Forwarded message ---------", Outlook's "-----Original Message-----", Apple Mail's "Begin forwarded message:";
// alone, or followed by one of those lines ("Begin forwarded message: a short story by…" is prose).
const FORWARDED = /^(?:-{2,} ?(?:forwarded|original) message ?-{2,}|begin forwarded message:) ?(?:$|(?:from|date|sent|subject|to|cc):)/i;

/**
 * What a paragraph of an entry's body is when it is an email's boilerplate rather than the entry's words (its text,
 * white space runs made one space): `browser`, a newsletter's "View this email in your browser" line (the whole
 * paragraph such links); `forwarded`, a forwarded mail's header, whose From: and To: lines hold addresses. Undefined
 * for any other paragraph. Such a paragraph is passed over for the default summary (firstParagraph).
 */
export function boilerplateParagraph(text: string): 'browser' | 'forwarded' | undefined {
  if (FORWARDED.test(text)) return 'forwarded';
  return browserLine(text) ? 'browser' : undefined;
}

/** The warning for a boilerplate paragraph (boilerplateParagraph) the default summary passed over. */
export function boilerplateWarning(file: string, text: string): Problem {
  const found = boilerplateParagraph(text) === 'forwarded'
    ? `a forwarded mail's header ${quote(text)}, which publishes its addresses (From:, To:) in every feed and page`
    : `the newsletter line ${quote(text)}, whose links are for the mail's own readers, not a feed's`;
  return { file, field: 'body', message: `has, before its first paragraph of words, ${found}: the default summary passes over it, but feeds and pages still show it`, fix: 'delete that paragraph from the body' };
}
