import { describe, expect, it } from 'vitest';
import { listIdOf } from '../../../lib/delivery/message.js';
import { digestSubject } from '../../../lib/digest/digestSubject.js';
import type { EntryMeta } from '../../../lib/content/entry.js';
import type { Site } from '../../../lib/content/site.js';
import { renderDigestIndex } from '../../../lib/digest/digestIndexPage.js';
import { renderDigestArchiveHtml } from '../../../lib/digest/digestHtml.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { renderDigestText } from '../../../lib/digest/renderDigestText.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// Control characters in site.yml or an entry reach no digest output: the archive's HTML and text, the index
// page, the email's HTML, text, subject and List-Id. Each is exactly what the same text without them gives,
// line breaks of the plain text included.
const CONTROLS = ['\u0000', '\u0001', '\u0008', '\u000B', '\u001F', '\u007F', '\u0080', '\u0085', '\u009F', '\uFFFE', '\uFFFF'];
const isControl = (character: string) => CONTROLS.includes(character) || /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/.test(character);
const strip = (text: string) => [...text].filter((character) => !isControl(character)).join('');
// Spreads the controls through `text`, one after each word.
const dirty = (text: string) => text.split(' ').map((word, i) => word + CONTROLS[i % CONTROLS.length]).join(' ');

// Twelve words, 67 columns: after "1. ", one line without the controls, past 72 columns with them.
const TITLE = 'Rice and exchange rates hold steady in the markets of Sinuiju today';

function entry(clean: (text: string) => string): EntryMeta {
  return meta('2014-05-08', {
    key: 'entries/2014/rice.md',
    id: '2014/rice',
    url: 'https://news.example.com/rice',
    title: clean(dirty(TITLE)),
    source: { name: clean(dirty('Daily NK markets desk')), url: 'https://news.example.com/' },
    summary: clean(dirty('Prices held in Pyongyang and Sinuiju, traders said.')),
    tags: [{ name: clean(dirty('Trade and markets')), slug: 'trade-and-markets' }],
    related: [{ title: clean(dirty('Earlier report on rice')), url: 'https://news.example.com/earlier' }],
  });
}

function site(clean: (text: string) => string): Site {
  return testSite({ title: clean(dirty('Test Watch')), description: clean(dirty('Curated test news.')) });
}

const outputs = (clean: (text: string) => string) => {
  const model = weekModel(site(clean), [entry(clean)]);
  const config = model.site.digest;
  return {
    archiveHtml: renderDigestArchiveHtml(model),
    archiveText: renderDigestText(model, { variant: 'archive' }),
    index: renderDigestIndex(model.site, [model]),
    emailHtml: renderDigestHtml(model, { variant: 'email' }),
    emailText: renderDigestText(model, { variant: 'email', unsubscribeUrl: 'https://watch.example.org/unsubscribe' }),
    subject: digestSubject(config.subject, { title: model.site.title, range: model.rangeText, week: model.week.name, count: model.entries.length }),
    listId: listIdOf(model.site),
  };
};

describe('control characters in the digest', () => {
  const withControls = outputs((text) => text);
  const without = outputs(strip);

  it('the input holds them', () => {
    expect(entry((text) => text).title).not.toBe(TITLE);
    expect(strip(entry((text) => text).title)).toBe(TITLE);
  });

  for (const name of Object.keys(withControls) as (keyof typeof withControls)[]) {
    it(`are not in the ${name}, which is what the text without them gives`, () => {
      expect([...withControls[name]].filter(isControl)).toEqual([]);
      expect(withControls[name]).toBe(without[name]);
    });
  }

  it('the plain text lays out the title as the text without them: on one line', () => {
    expect(withControls.archiveText).toContain(`1. ${TITLE}\n`);
  });
});
