import { describe, expect, it } from 'vitest';
import { recordedPings, type PingResult } from '../../../lib/publish/websub.js';
import { pingedRunRecord } from '../../../lib/publish/publishRunRecord.js';
import type { RunRecord } from '../../../lib/publish/runRecord.js';

const feed = (path: string) => `https://watch.example.org/${path}`;
const delivered = (url: string, tries?: number): PingResult => ({ url, ok: true, outcome: 'delivered', attempts: 1, status: 204, ...(tries === undefined ? {} : { tries }) });
const refused = (url: string, tries?: number): PingResult => ({ url, ok: false, outcome: 'refused', attempts: 3, error: 'connect ECONNREFUSED', ...(tries === undefined ? {} : { tries, unsent: 1 }) });
const none = { delivered: 0, rejected: 0, 'maybe-delivered': 0, refused: 0, 'not-attempted': 0 };

describe('the pings a run record counts', () => {
  it('count the feeds an earlier publish left pending (PingResult.tries) apart from those the run changed', () => {
    const pings = [delivered(feed('rss.xml')), refused(feed('atom.xml')), delivered(feed('tags/a/rss.xml'), 2), refused(feed('tags/b/rss.xml'), 0), delivered(feed('tags/c/rss.xml'), 1)];
    expect(recordedPings(pings)).toEqual({ pings: { ...none, delivered: 1, refused: 1 }, retriedPings: { ...none, delivered: 2, refused: 1 } });
    // Each absent when the run has none of its kind.
    expect(recordedPings([delivered(feed('rss.xml'), 1)])).toEqual({ retriedPings: { ...none, delivered: 1 } });
    expect(recordedPings([delivered(feed('rss.xml'))])).toEqual({ pings: { ...none, delivered: 1 } });
    expect(recordedPings([])).toEqual({});
  });

  it('are written again with the pings once made, replacing any the record had', () => {
    const record = { id: 'r1', kind: 'publish', trigger: 'cli', startedAt: '2026-03-02T10:00:00Z', endedAt: '2026-03-02T10:00:01Z', outcome: 'ok', counts: {}, pings: { ...none, refused: 9 }, retriedPings: { ...none, refused: 9 } } as unknown as RunRecord;
    const pinged = pingedRunRecord(record, [delivered(feed('rss.xml'), 1)], '2026-03-02T10:00:02Z');
    expect(pinged).toMatchObject({ endedAt: '2026-03-02T10:00:02Z', retriedPings: { ...none, delivered: 1 } });
    expect(pinged.pings).toBeUndefined();
  });
});
