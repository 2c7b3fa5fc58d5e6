import { HtmlValidate } from 'html-validate';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

const entries = { '2014/a.md': entryText(entry({ title: 'Alpha', date: '2014-05-01', tags: ['Trade'] })) };

async function build(digest: Record<string, unknown>, url?: string): Promise<MemoryStore> {
  const output = new MemoryStore();
  await publish({ content: memoryContent({ site: { ...SITE, ...(url ? { url } : {}), digest }, entries }), output, now: DateTime.fromISO('2014-06-01T00:00:00+09:00'), builders: [feedArtifacts, pageArtifacts] });
  return output;
}

describe('the signup form on every page', () => {
  it('posts email, the page and an empty honeypot to the site’s own /subscribe, with no script', async () => {
    const out = await build({ from: 'Eds <eds@watch.example.org>' });
    const index = out.text('index.html')!;
    expect(index).toContain('<form class="signup" method="post" action="subscribe">');
    expect(index).toContain('<input type="hidden" name="page" value="/">');
    expect(index).toContain('name="website"');
    expect(index).not.toContain('name="tags"');
    const tag = out.text('tags/trade/index.html')!;
    expect(tag).toContain('action="../../subscribe"');
    expect(tag).toContain('<input type="hidden" name="page" value="/tags/trade/">');
    expect(tag).toContain('<input type="hidden" name="tags" value="trade">');
    // The tag's name in the label is isolated (<bdi>): it may be right-to-left, or hold a direction override.
    expect(tag).toContain('<label for="signup-email">Your email address, for the entries tagged “<bdi>Trade</bdi>”:</label>');
    for (const html of [index, tag]) expect(html).not.toMatch(/<script/i);
  });

  it('on a site whose url has a path, posts to /subscribe at the root of its origin, where the endpoints are served', async () => {
    const url = 'https://watch.example.org/watch/';
    const out = await build({ from: 'Eds <eds@watch.example.org>' }, url);
    const { renderDigestIndex } = await import('../../../lib/digest/digestIndexPage.js');
    const { testSite } = await import('../../support/digestFixtures.js');
    const pages = { 'index.html': out.text('index.html')!, 'tags/trade/index.html': out.text('tags/trade/index.html')!, 'digests/index.html': renderDigestIndex(testSite({ url }), []) };
    for (const [key, html] of Object.entries(pages)) {
      const action = /<form class="signup" method="post" action="([^"]+)">/.exec(html)![1]!;
      // Where a browser posts it from the published page, and from the preview, which serves the site at its root.
      expect(new URL(action, new URL(key, url)).href, key).toBe('https://watch.example.org/subscribe');
      expect(new URL(action, new URL(key, 'http://127.0.0.1:8080/')).href, key).toBe('http://127.0.0.1:8080/subscribe');
    }
  });

  it('is valid HTML (html-validate, recommended rules)', async () => {
    const out = await build({ from: 'Eds <eds@watch.example.org>' });
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    for (const key of ['index.html', 'tags/trade/index.html']) {
      const report = await validator.validateString(out.text(key)!);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${key}:${m.line}: ${m.message}`))).toEqual([]);
    }
  });

  it('gives way to digest.subscribe, and is absent for a site that sends no digest', async () => {
    expect((await build({ from: 'Eds <eds@watch.example.org>', subscribe: 'https://lists.example.org/join' })).text('index.html')).not.toContain('<form');
    expect((await build({})).text('index.html')).not.toContain('<form');
  });
});

describe('the signup form on the digest archive', () => {
  it('posts to the site’s /subscribe from digests/index.html, and the page stays valid HTML', async () => {
    const { renderDigestIndex } = await import('../../../lib/digest/digestIndexPage.js');
    const { testSite } = await import('../../support/digestFixtures.js');
    const html = renderDigestIndex(testSite(), []);
    expect(html).toContain('<form class="signup" method="post" action="../subscribe">');
    expect(html).toContain('<input type="hidden" name="page" value="/digests/">');
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}: ${m.message}`))).toEqual([]);
    expect(renderDigestIndex(testSite({}, { from: 'Eds <eds@watch.example.org>', subscribe: 'https://lists.example.org/join' }), [])).not.toContain('<form');
  });
});
