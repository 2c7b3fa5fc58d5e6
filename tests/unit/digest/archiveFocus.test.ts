import { describe, expect, it } from 'vitest';
import { renderDigestArchiveHtml } from '../../../lib/digest/digestHtml.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { contrast, declaredColours } from '../../support/contrast.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// An archived week is a page of the site: its links get a focus ring (WCAG 2.4.7) that stands out 3:1 or more against
// every background of the digest it can be drawn on, in each scheme (1.4.11). The email has no such rule.
const model = weekModel(testSite(), [meta('2014-05-09')]);
const style = (html: string) => /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;

describe("an archived digest's focus ring", () => {
  const css = style(renderDigestArchiveHtml(model));
  // Before the first dark-mode query, and in all of them.
  const [light, ...darkBlocks] = css.split('@media (prefers-color-scheme: dark)') as [string, ...string[]];
  const dark = darkBlocks.join('\n');
  const backgrounds = (block: string) => ['body', '.outer', '.container'].flatMap((selector) => declaredColours(block, selector, 'background-color:'));

  it('is drawn on the links, 3:1 or more against each light background', () => {
    const [ring] = declaredColours(light, 'a:focus-visible', 'outline: 3px solid');
    expect(ring).toMatch(/^#/);
    expect(backgrounds(light)).toHaveLength(3);
    for (const background of backgrounds(light)) expect(contrast(ring!, background), background).toBeGreaterThanOrEqual(3);
  });

  it('is recoloured in dark mode, 3:1 or more against each dark background', () => {
    const [ring] = declaredColours(dark, 'a:focus-visible', 'outline-color:');
    expect(ring).toMatch(/^#/);
    expect(backgrounds(dark)).toHaveLength(3);
    for (const background of backgrounds(dark)) expect(contrast(ring!, background), background).toBeGreaterThanOrEqual(3);
  });

  it('is not in the email', () => {
    expect(renderDigestHtml(model, { variant: 'email' })).not.toContain('focus-visible');
  });
});
