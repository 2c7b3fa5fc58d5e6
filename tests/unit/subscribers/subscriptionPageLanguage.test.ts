import { describe, expect, it } from 'vitest';
import { renderSubscriptionPage } from '../../../lib/subscribers/renderSubscriptionPage.js';
import { languagesOf } from '../../support/textLanguages.js';

// WCAG 2.2 3.1.2: the subscription pages' words are English; on a Korean site the page says so, and the site's name
// and the topics' names on it are Korean.
describe('a subscription page on a Korean site', () => {
  const html = renderSubscriptionPage({
    siteTitle: '테스트 워치',
    language: 'ko',
    heading: 'Your topics',
    paragraphs: ['Tick the topics you want in your digest.'],
    form: { action: '/preferences', hidden: { token: 't' }, tags: [{ slug: 'trade', name: '무역', checked: true }, { slug: 'rates', name: 'rates', checked: true, gone: true }], button: 'Save my topics' },
    links: [{ href: '/', text: 'Back' }],
  });

  it("marks the heading, text, legend, button and links English, and the site's and topics' names Korean", () => {
    for (const words of ['Your topics', 'Tick the topics you want in your digest.', 'Topics (none ticked: every entry)', 'Save my topics', 'Back']) expect(languagesOf(html, words), words).toEqual(['en']);
    expect(languagesOf(html, '테스트 워치')).toEqual(['ko']);
    expect(languagesOf(html, '무역')).toEqual(['ko']);
  });

  it('breaks Korean lines between words', () => {
    expect(/<style>([\s\S]*?)<\/style>/.exec(html)?.[1]).toMatch(/^:lang\(ko\)\{word-break:keep-all\}$/m);
  });

  it("says a topic no entry carries any more is gone in English, beside its name in the site's language", () => {
    expect(languagesOf(html, '(no entry has this topic now)')).toEqual(['en']);
    expect(languagesOf(html, /^rates$/)).toEqual(['ko']);
  });
});

// HTML "The dir attribute": an Arabic site's subscription page is right to left, its English main left to right.
describe('a subscription page on an Arabic site', () => {
  it('says dir="rtl" on <html> and dir="ltr" on its English main', () => {
    const html = renderSubscriptionPage({ siteTitle: 'مرصد الاقتصاد', language: 'ar', heading: 'This link does not work', paragraphs: ['It may be old or cut short.'] });
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n/);
    expect(html).toContain('<main lang="en" dir="ltr">\n<h1>This link does not work</h1>');
  });
});
