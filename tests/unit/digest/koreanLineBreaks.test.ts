import { describe, expect, it } from 'vitest';
import { renderDigestIndex } from '../../../lib/digest/digestIndexPage.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// Korean breaks lines between words, not between the syllables of one (CSS Text 3 §5.2, word-break: keep-all); a
// word longer than the line still breaks, by the cells' overflow-wrap: anywhere.
describe("a Korean site's digest", () => {
  const korean = testSite({ language: 'ko-KR', title: '테스트 워치' });
  const model = weekModel(korean, [meta('2014-05-06', { title: '라선 경제무역지대의 새 부두' })]);
  const container = (html: string) => /<table class="container[^"]*"[^>]*>/.exec(html)?.[0] ?? '';

  it('keeps words whole in the email, in its container’s style attribute (a webmail drops <html lang>), long ones still breaking', () => {
    const html = renderDigestHtml(model, { variant: 'email' });
    expect(container(html)).toMatch(/style="[^"]*word-break: keep-all;/);
    expect(/<td class="cell [^"]*"[^>]*>/.exec(html)?.[0]).toContain('overflow-wrap: anywhere;');
    // Another language's lines break as they did.
    expect(container(renderDigestHtml(weekModel(testSite(), [meta('2014-05-06')]), { variant: 'email' }))).not.toContain('keep-all');
  });

  it('keeps words whole in the archived page, by its stylesheet', () => {
    const html = renderDigestHtml(model, { variant: 'archive' });
    expect(container(html)).toContain('class="container keep-words"');
    expect(html).toMatch(/^\.keep-words \{ word-break: keep-all; \}$/m);
  });

  it('keeps words whole on the digests’ index page', () => {
    expect(/<style>([\s\S]*?)<\/style>/.exec(renderDigestIndex(korean, [model]))?.[1]).toMatch(/^:lang\(ko\)\{word-break:keep-all\}$/m);
  });
});
