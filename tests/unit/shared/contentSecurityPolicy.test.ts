import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BANNER_CLOSE_HANDLER, contentSecurityPolicy, FEED_POLICY, PAGE_POLICY } from '../../../lib/shared/contentSecurityPolicy.js';

const TEMPLATE = readFileSync(new URL('../../../serverless.yml', import.meta.url), 'utf8');

describe("the site's Content-Security-Policy", () => {
  it("is the very policy serverless.yml's viewer-response function sends, for pages and for feeds", () => {
    expect(/var PAGE_POLICY = "([^"]+)";/.exec(TEMPLATE)?.[1]).toBe(PAGE_POLICY);
    expect(/var FEED_POLICY = "([^"]+)";/.exec(TEMPLATE)?.[1]).toBe(FEED_POLICY);
  });

  it("is picked by the stored type, as the function picks it: HTML pages, RSS and Atom, and nothing else", () => {
    expect(contentSecurityPolicy('text/html; charset=utf-8')).toBe(PAGE_POLICY);
    expect(contentSecurityPolicy('application/rss+xml; charset=utf-8')).toBe(FEED_POLICY);
    expect(contentSecurityPolicy('application/atom+xml; charset=utf-8')).toBe(FEED_POLICY);
    for (const type of ['application/feed+json; charset=utf-8', 'text/xsl; charset=utf-8', 'text/x-opml; charset=utf-8', 'image/png', 'text/plain; charset=utf-8']) expect(contentSecurityPolicy(type), type).toBeUndefined();
  });

  // CSP3 §8.3: with 'unsafe-hashes', an inline handler runs when the hash of its source text is listed.
  it("lets on a feed's page the one inline handler of Chromium's XSLT banner, by the hash of its text, and none other", () => {
    const directives = Object.fromEntries(FEED_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    const hash = createHash('sha256').update(BANNER_CLOSE_HANDLER).digest('base64');
    expect(directives['script-src-attr']).toEqual(["'unsafe-hashes'", `'sha256-${hash}'`]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(PAGE_POLICY).not.toContain('script-src');
  });
});
