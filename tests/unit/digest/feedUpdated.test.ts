import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { digestFeedDocument } from '../../../lib/digest/digestArtifacts.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// RFC 4287 §4.2.15: atom:updated is when the entry last changed in a way the publisher thinks significant. A week's
// digest is published when the week closes (Monday 12 May 2014 00:00 in Seoul for 2014-W19); an entry of it
// corrected afterwards changes the digest, and feed readers that go by updated only show that if it moves too.
const site = testSite();
const seoul = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Seoul' }).toMillis();
const weekEnd = seoul('2014-05-12T00:00:00');

describe('the digest feed item of a week whose entries were corrected after it closed', () => {
  it('is updated at the newest correction made after the week closed, and still published when it closed', () => {
    const corrected = weekModel(site, [meta('2014-05-06', { updated: seoul('2014-05-14T09:30:00') }), meta('2014-05-08', { updated: seoul('2014-05-13T18:00:00') })]);
    const doc = digestFeedDocument(site, [corrected]);
    expect(doc.items).toHaveLength(1);
    expect(doc.items[0]!.published).toBe(weekEnd);
    expect(doc.items[0]!.updated).toBe(seoul('2014-05-14T09:30:00'));
    expect(doc.updated.toMillis()).toBe(seoul('2014-05-14T09:30:00'));
    // A correction within the week was in the digest when it closed.
    const early = weekModel(site, [meta('2014-05-06', { updated: seoul('2014-05-07T10:00:00') }), meta('2014-05-08')]);
    expect(digestFeedDocument(site, [early]).items[0]!.updated).toBe(weekEnd);
  });
});
