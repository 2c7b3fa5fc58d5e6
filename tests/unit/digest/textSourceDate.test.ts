import { describe, expect, it } from 'vitest';
import { renderDigestText } from '../../../lib/digest/renderDigestText.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// An entry's lines hang 3 columns in ("1. "). "Correspondent" is 13 letters: 5 of them and 4 spaces take 69 columns,
// a full line of 72 with the indent, so a source of 10 fills two lines and " · date" cannot follow on the second.
const WORD = 'Correspondent';
const words = (count: number) => Array.from({ length: count }, () => WORD).join(' ');

describe("the digest text part's source and date line", () => {
  it('keeps " · date" with the last word of a long source name, wrapping at the space before that word, never starting a line with the dot', () => {
    const model = weekModel(testSite(), [meta('2014-05-09', { source: { name: words(10), url: 'https://news.example.com/' } })]);
    const date = model.entries[0]!.dateText;
    const text = renderDigestText(model, { variant: 'archive' });
    expect(text).toContain(`\n   ${words(5)}\n   ${words(4)}\n   ${WORD} · ${date}\n`);
    for (const line of text.split('\n')) expect(line, line).not.toMatch(/^ *·/);
  });

  it('puts " · date" after a source name that leaves room for it on its last line, as before', () => {
    const model = weekModel(testSite(), [meta('2014-05-09', { source: { name: words(7), url: 'https://news.example.com/' } })]);
    const date = model.entries[0]!.dateText;
    expect(renderDigestText(model, { variant: 'archive' })).toContain(`\n   ${words(5)}\n   ${words(2)} · ${date}\n`);
  });
});
