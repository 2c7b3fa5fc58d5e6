import { describe, expect, it } from 'vitest';
import { rtfOpensWithFrontMatter } from '../../../lib/content/rtfOpensWithFrontMatter.js';

// TextEdit's header (macOS 14, Format > Make Rich Text) before the document's first line of text, and Word's.
const TEXTEDIT = '{\\rtf1\\ansi\\ansicpg1252\\cocoartf2759\n\\cocotextscaling0\\cocoplatform0{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n{\\colortbl;\\red255\\green255\\blue255;}\n{\\*\\expandedcolortbl;;}\n\\paperw11900\\paperh16840\\margl1440\\margr1440\\vieww11520\\viewh8400\\viewkind0\n\\pard\\tx566\\tx1133\\pardirnatural\\partightenfactor0\n\n\\f0\\fs24 \\cf0 ';
const WORD = '{\\rtf1\\adeflang1025\\ansi\\ansicpg1252\\uc1\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman{\\*\\falt ---\\par};}}{\\info{\\title ---}{\\author Alice}}\\pard\\plain \\ltrpar\\ql ';
/** TextEdit's RTF of `lines`: each line ended by a backslash. */
const textEdit = (lines: string[]) => `${TEXTEDIT}${lines.map((line) => `${line}\\\n`).join('')}}`;

describe('rtfOpensWithFrontMatter', () => {
  it("is true when the document's first text is front matter's fence and a paragraph mark (TextEdit's `\\`, Word's `\\par`)", () => {
    expect(rtfOpensWithFrontMatter(textEdit(['---', 'title: Kaesong wages', '---', 'Commentary.']))).toBe(true);
    expect(rtfOpensWithFrontMatter(`${TEXTEDIT}---\\\r\ntitle: x\\\r\n}`)).toBe(true);
    expect(rtfOpensWithFrontMatter(`${WORD}---\\par title: Kaesong wages\\par ---\\par}`)).toBe(true);
  });

  it('is false for a note with a --- line further down, text in the header tables only, a longer rule, or no RTF', () => {
    expect(rtfOpensWithFrontMatter(textEdit(['Notes for kaesong-wages: call the source back.', '---', 'title: draft', '---']))).toBe(false);
    expect(rtfOpensWithFrontMatter(`${WORD}Notes\\par ---\\par}`)).toBe(false);
    expect(rtfOpensWithFrontMatter(textEdit(['----', 'title: x']))).toBe(false);
    expect(rtfOpensWithFrontMatter(textEdit(['--- title: x']))).toBe(false);
    expect(rtfOpensWithFrontMatter(`${TEXTEDIT}\\'97---\\\n}`)).toBe(false);
    expect(rtfOpensWithFrontMatter('---\\\ntitle: x\\\n')).toBe(false);
    // An escaped brace in a table's text closes no group: the text after the table is still the document's.
    expect(rtfOpensWithFrontMatter('{\\rtf1{\\fonttbl\\f0 A\\}B;}\\f0 ---\\\n}')).toBe(true);
    expect(rtfOpensWithFrontMatter('{\\rtf1{\\fonttbl\\f0 A\\}B;}\\f0 Notes ---\\\n}')).toBe(false);
  });
});
