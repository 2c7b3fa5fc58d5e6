import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { digestWeekFiles } from '../../../lib/delivery/digestDelivery.js';
import { digestArtifacts } from '../../../lib/digest/digestArtifacts.js';
import { decodeDigestModel, encodeDigestModel } from '../../../lib/digest/digestModelCodec.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { parseIsoWeek } from '../../../lib/time/isoWeek.js';
import { buildDigestModel } from '../../../lib/digest/digestModel.js';
import { meta, testSite, twoWeeksContent } from '../../support/digestFixtures.js';

// An archived week's page leads to the archived weeks beside it, as a month's page does (Newer · All digests · Older,
// none past either end), with rel=next and rel=prev (HTML §4.6.7.14, §4.6.7.15). twoWeeksContent: entries in 2014-W19
// (5–11 May) and W20 (12–18 May), and one embargoed into W21 (19–25 May), in Seoul, en-GB.
const nav = (html: string) => /<nav aria-label="Weeks">(.*)<\/nav>/.exec(html)?.[1];
const page = (week: string) => `https://watch.example.org/digests/${week}.html`;
const INDEX = '<a href="https://watch.example.org/digests/index.html">All digests</a>';

describe("an archived week's links to the weeks around it", () => {
  it('links the newer and the older archived week, and only weeks the archive holds', async () => {
    const output = new MemoryStore();
    const content = twoWeeksContent();
    await publish({ content, output, now: DateTime.fromISO('2014-05-19T08:00:00+09:00'), builders: [pageArtifacts, digestArtifacts] });
    // W19 is the oldest week (no W18 in the archive), W20 the newest (W21 has not ended).
    expect(nav(output.text('digests/2014-W19.html')!)).toBe(`<a href="${page('2014-W20')}" rel="next">Newer: <bdi>12–18 May 2014</bdi></a> · ${INDEX}`);
    expect(nav(output.text('digests/2014-W20.html')!)).toBe(`${INDEX} · <a href="${page('2014-W19')}" rel="prev">Older: <bdi>5–11 May 2014</bdi></a>`);

    // A week later W21 is archived: W20's page, built again although its entries did not change, links it.
    await publish({ content, output, now: DateTime.fromISO('2014-05-26T08:00:00+09:00'), builders: [pageArtifacts, digestArtifacts] });
    expect(nav(output.text('digests/2014-W20.html')!)).toBe(`<a href="${page('2014-W21')}" rel="next">Newer: <bdi>19–25 May 2014</bdi></a> · ${INDEX} · <a href="${page('2014-W19')}" rel="prev">Older: <bdi>5–11 May 2014</bdi></a>`);
    expect(nav(output.text('digests/2014-W19.html')!)).toBe(`<a href="${page('2014-W20')}" rel="next">Newer: <bdi>12–18 May 2014</bdi></a> · ${INDEX}`);
  });

  it('travels with the model to the digest function, which renders the archived page as it was published; the email has no such links', () => {
    const site = testSite();
    const week = (name: string) => parseIsoWeek(name, site.timezone)!;
    const model = buildDigestModel(site, week('2014-W20'), [meta('2014-05-13')], new Map(), { newer: week('2014-W21'), older: week('2014-W19') });
    const back = decodeDigestModel(JSON.parse(JSON.stringify(encodeDigestModel(model))));
    expect(back.around).toEqual({ newer: { name: '2014-W21', rangeText: '19–25 May 2014' }, older: { name: '2014-W19', rangeText: '5–11 May 2014' } });
    expect(digestWeekFiles(back)).toEqual(digestWeekFiles(model));
    expect(renderDigestHtml(model, { variant: 'email' })).not.toContain('rel="next"');
    expect(() => decodeDigestModel({ ...encodeDigestModel(model), around: { newer: { name: 3 } } })).toThrow(/around\.newer is not a week/);
  });
});
