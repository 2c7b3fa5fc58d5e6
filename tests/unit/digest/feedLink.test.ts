import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { fillUnsubscribe, renderDigestArchiveHtml, renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// Issue 17 (6): the digest email and its archived copy link the digest feed with <link rel="alternate"> (HTML Living
// Standard, link type "alternate" with a feed type), absolute since an email has no base URL.

const model = weekModel(testSite(), [meta('2014-05-09', { title: 'Rice <prices> & markets' })]);
const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-inline-style': 'off', 'no-conditional-comment': 'off' } });
const alternates = (html: string) => [...html.matchAll(/<link rel="alternate" type="([^"]+)" title="([^"]*)" href="([^"]*)">/g)].map((match) => match.slice(1));

describe('the digest links its feed', () => {
  const variants = {
    email: fillUnsubscribe(renderDigestHtml(model, { variant: 'email' }), 'https://watch.example.org/unsubscribe?email=a%40example.org'),
    archive: renderDigestArchiveHtml(model),
  };
  for (const [variant, html] of Object.entries(variants)) {
    it(`${variant}: one <link rel="alternate"> in <head>, to the digest feed, and still valid HTML`, async () => {
      const head = html.slice(0, html.indexOf('</head>'));
      expect(alternates(head)).toEqual([['application/rss+xml', `${model.site.title}: weekly digest (RSS)`, model.urls.feed]]);
      expect(model.urls.feed).toMatch(/^https:\/\/.+\/digests\/rss\.xml$/);
      const report = await validator.validateString(html);
      expect(report.results.flatMap((result) => result.messages.map((message) => `${message.ruleId} ${message.message}`))).toEqual([]);
    });
  }
});
