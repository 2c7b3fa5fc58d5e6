import { describe, expect, it } from 'vitest';
import { renderDigestText } from '../../../lib/digest/renderDigestText.js';
import { columns, WIDTH } from '../../../lib/shared/wrapText.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

const RLO = '\u202E';
const PDF = '\u202C';

describe("the digest text part's typed fields in lines of other text", () => {
  it('closes a source name\'s unclosed override before the date that follows it on its line (UAX #9 §2.2)', () => {
    const entry = meta('2014-05-08T10:00', { source: { name: `Example ${RLO}News`, url: 'https://news.example.com/' } });
    const model = weekModel(testSite(), [entry]);
    const text = renderDigestText(model, { variant: 'email' });
    const line = text.split('\n').find((candidate) => candidate.includes('Example'))!;
    expect(line.trim()).toBe(`Example ${RLO}News${PDF} · ${model.entries[0]!.dateText}`);
  });

  it('closes a tag\'s unclosed override before the next tag', () => {
    const tags = [{ name: `${RLO}Trade`, slug: 'trade' }, { name: 'Markets', slug: 'markets' }];
    const text = renderDigestText(weekModel(testSite(), [meta('2014-05-08T10:00', { tags })]), { variant: 'email' });
    expect(text).toContain(`Tags: ${RLO}Trade${PDF}, Markets`);
  });

  it('wraps a long site title in the heading at 72 columns, underlined as long as its longest line (RFC 5322 §2.1.1)', () => {
    const title = 'The Very Long Name of a Site That Curates News on the Economy of North Korea and Its Neighbours';
    const text = renderDigestText(weekModel(testSite({ title }), [meta('2014-05-08T10:00')]), { variant: 'email' });
    const lines = text.split('\n');
    const underline = lines.findIndex((line) => /^=+$/.test(line));
    const heading = lines.slice(0, underline);
    expect(heading.join(' ')).toBe(`Weekly digest of ${title}`);
    for (const line of heading) expect(columns(line)).toBeLessThanOrEqual(WIDTH);
    expect(lines[underline]!.length).toBe(Math.max(...heading.map(columns)));
  });
});
