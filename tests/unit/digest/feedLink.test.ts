import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { fillUnsubscribe, renderDigestArchiveHtml } from '../../../lib/digest/digestHtml.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// Issue 17 (6): the digest email and its archived copy link the digest feed with <link rel="alternate"> (HTML Living
// Standard, link type "alternate" with a feed type), absolute since an email has no base URL; the archived copy, a
// page of the site, names the RSS, Atom and JSON feeds as every other page does.

const model = weekModel(testSite(), [meta('2014-05-09', { title: 'Rice <prices> & markets' })]);
const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-inline-style': 'off', 'no-conditional-comment': 'off' } });
const alternates = (html: string) => [...html.matchAll(/<link rel="alternate" type="([^"]+)" title="([^"]*)" href="([^"]*)">/g)].map((match) => match.slice(1));

describe('the digest links its feed', () => {
  const variants = {
    email: fillUnsubscribe(renderDigestHtml(model, { variant: 'email' }), 'https://watch.example.org/unsubscribe?email=a%40example.org'),
    archive: renderDigestArchiveHtml(model),
  };
  const title = `Weekly digest of ${model.site.title}`;
  // The archived copy is a page of the site: it names every format, as the site's other pages do (README, Feed
  // autodiscovery); the email names the RSS feed alone (no mail client discovers feeds).
  const expected = {
    email: [['application/rss+xml', `${title} (RSS)`, 'https://watch.example.org/digests/rss.xml']],
    archive: [
      ['application/rss+xml', `${title} (RSS)`, 'https://watch.example.org/digests/rss.xml'],
      ['application/atom+xml', `${title} (Atom)`, 'https://watch.example.org/digests/atom.xml'],
      ['application/feed+json', `${title} (JSON Feed)`, 'https://watch.example.org/digests/feed.json'],
    ],
  };
  for (const [variant, html] of Object.entries(variants) as [keyof typeof variants, string][]) {
    it(`${variant}: <link rel="alternate"> in <head> to the digest feed${variant === 'archive' ? 's, all three formats' : ''}, and still valid HTML`, async () => {
      expect(model.site.url).toBe('https://watch.example.org/');
      const head = html.slice(0, html.indexOf('</head>'));
      expect(alternates(head)).toEqual(expected[variant]);
      expect(model.urls.feed).toBe(expected.email[0]![2]);
      const report = await validator.validateString(html);
      expect(report.results.flatMap((result) => result.messages.map((message) => `${message.ruleId} ${message.message}`))).toEqual([]);
    });
  }
});
