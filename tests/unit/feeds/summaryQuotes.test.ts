import { describe, expect, it } from 'vitest';
import { fastAtom } from '../../../lib/feeds/fast/fastAtom.js';
import { fastRss } from '../../../lib/feeds/fast/fastRss.js';
import { renderAtom } from '../../../lib/feeds/renderAtom.js';
import { renderRss } from '../../../lib/feeds/renderRss.js';
import { feedDoc, feedItem } from '../../support/feedDoc.js';
import { findOne, parseXml } from '../../support/xml.js';

// The summary in RSS <description> and Atom <summary type="html"> is HTML made of plain text: `&`, `<` and `>`
// escaped, quotes as typed, since a reader that shows the field as it is (rsstail) would show `&#39;` for an
// apostrophe. Expected text worked out by hand from SUMMARY.
const SUMMARY = `Kim's "plan": 2 < 3 & more`;
const AS_HTML = `Kim's "plan": 2 &lt; 3 &amp; more`;
const doc = feedDoc({ items: [feedItem({ summary: SUMMARY })] });

describe('the summary as a feed item carries it', () => {
  it('keeps quotes as typed and escapes &, < and > once, in every writer of RSS and Atom', () => {
    for (const [name, xml, element] of [['renderRss', renderRss(doc), 'description'], ['fastRss', fastRss(doc), 'description'], ['renderAtom', renderAtom(doc), 'summary'], ['fastAtom', fastAtom(doc), 'summary']] as const) {
      const item = findOne(parseXml(xml), name.endsWith('Rss') ? 'item' : 'entry');
      expect(findOne(item, element).text, name).toBe(AS_HTML);
    }
  });
});
