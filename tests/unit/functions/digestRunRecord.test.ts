import { describe, expect, it } from 'vitest';
import { digestRunRecord } from '../../../functions/digestRunRecord.js';
import type { RunStart } from '../../../lib/publish/publishRunRecord.js';

const START: RunStart = { id: 'digest-1', kind: 'digest', trigger: 'manual', week: '2014-W19', startedAt: '2014-05-19T00:00:00.000Z', endedAt: '2014-05-19T00:00:05.000Z' };

describe("a digest run's record", () => {
  it('of a run refused for its content keeps the warnings the outcome lists, and their total', () => {
    const warningLines = ['entries/2014/a.md:8: layout: is not a known field and is ignored (remove it: every entry is laid out by the site)'];
    const record = digestRunRecord(START, { ok: false, trigger: 'manual', error: 'ContentError', problems: ['entries/2014/a.md: title: is missing (add title:)'], problemsTotal: 1, warningLines, warningLinesTotal: 21 });
    expect(record).toMatchObject({ outcome: 'invalid', problemsTotal: 1, warningLines, warningLinesTotal: 21 });
  });

  it('of a refusal with no warnings has none', () => {
    const record = digestRunRecord(START, { ok: false, trigger: 'manual', error: 'ConfigError', message: 'site.yml: digest.from is missing' });
    expect(record).not.toHaveProperty('warningLines');
    expect(record).not.toHaveProperty('warningLinesTotal');
  });

  it('of a send to one recipient that failed says so in the singular', () => {
    const sent = { transport: 'ses', total: 1, sent: 0, skipped: 0, failed: 1, unknown: 0, notReached: 0 };
    const record = digestRunRecord(START, { ok: true, trigger: 'manual', week: '2014-W19', entries: 3, archive: { new: 0, changed: 0, deleted: 0 }, sent });
    expect(record).toMatchObject({ outcome: 'failed', error: 'DeliveryError', message: '1 of 1 recipient failed' });
  });

  it('of a send queued for the digest-sender keeps how many batches, its counts holding the archive alone', () => {
    const record = digestRunRecord(START, { ok: true, trigger: 'schedule', week: '2014-W19', entries: 3, archive: { new: 2, changed: 0, deleted: 0 }, queued: { batches: 256 } });
    expect(record).toMatchObject({ outcome: 'ok', counts: { new: 2, changed: 0, deleted: 0 }, queued: 256 });
  });
});
