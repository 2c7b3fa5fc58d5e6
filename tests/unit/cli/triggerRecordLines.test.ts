import { describe, expect, it } from 'vitest';
import { triggerRecordLines } from '../../../cli/triggerRecordLines.js';
import type { RunRecord } from '../../../lib/publish/runRecord.js';
import { runRecordLines } from '../../../cli/runLines.js';

const base: RunRecord = { id: 'run-1', kind: 'publish', trigger: 'manual', startedAt: '2014-06-01T00:00:00.000Z', endedAt: '2014-06-01T00:00:02.500Z', outcome: 'ok', counts: {}, changed: [], changedTotal: 0, problems: [], problemsTotal: 0 };

describe('triggerRecordLines', () => {
  it('says a refused run wrote nothing', () => {
    const { stdout, stderr } = triggerRecordLines({ ...base, outcome: 'invalid', error: 'ContentError', message: '1 problem in the content', problems: ['entries/a.md: date: …'], problemsTotal: 1 }, false);
    expect(stdout).toEqual([]);
    expect(stderr).toEqual(['entries/a.md: date: …', 'broadsheet trigger: run run-1 was refused: invalid content: 1 problem in the content; nothing was written']);
  });

  it('does not say a publish that failed while writing wrote nothing', () => {
    const { stderr } = triggerRecordLines({ ...base, outcome: 'failed', error: 'StoreError', message: 'cannot write rss.xml' }, false);
    expect(stderr).toEqual(['broadsheet trigger: run run-1 failed: reading or writing the store failed: cannot write rss.xml; each published file is as it was or as this run made it; the next publish completes the change']);
  });

  it('prints what a digest run that failed for some recipients did, archive and mail, and why it failed', () => {
    const record: RunRecord = { ...base, kind: 'digest', outcome: 'failed', error: 'DeliveryError', message: '1 of 3 recipients failed', counts: { new: 2, changed: 0, deleted: 0, sent: 2, skipped: 0, failed: 1, unknown: 0 } };
    const { stdout, stderr } = triggerRecordLines(record, false);
    expect(stdout).toEqual(['Digest run run-1: 2 new, 0 changed, 0 deleted, 2 sent, 0 skipped, 1 failed, 0 unknown']);
    expect(stderr).toEqual(['broadsheet trigger: digest run run-1 failed: some recipients failed: 1 of 3 recipients failed']);
    expect(stderr.join('\n')).not.toContain('nothing was written');
  });

  it('says that a digest run queued its send, whose counts hold no recipients', () => {
    const record: RunRecord = { ...base, kind: 'digest', week: '2014-W19', counts: { new: 0, changed: 0, deleted: 0 }, queued: 256 };
    expect(triggerRecordLines(record, false).stdout).toEqual(['Digest run run-1: 0 new, 0 changed, 0 deleted', expect.stringMatching(/^send queued: 256 batches for the digest-sender, /)]);
  });

  it('says how many recipients a digest run left unknown, and where to look', () => {
    const record: RunRecord = { ...base, kind: 'digest', week: '2014-W19', counts: { new: 0, changed: 0, deleted: 0, sent: 2, skipped: 0, failed: 0, unknown: 1 } };
    expect(triggerRecordLines(record, false).stderr).toEqual([expect.stringMatching(/^1 recipient unknown: handed to the mail server, no answer came back, so maybe delivered, and never sent again; look for Message-ID <digest\.2014-W19\.…> to it in /)]);
  });

  it('prints a publish that succeeded as publish does', () => {
    const record: RunRecord = { ...base, counts: { new: 1, changed: 1, unchanged: 3, deleted: 1 }, changed: [{ key: 'rss.xml', status: 'changed' }], changedTotal: 2 };
    expect(triggerRecordLines(record, false).stdout).toEqual(['changed   rss.xml', '... and 1 more', 'Published 5 files: 1 new, 1 changed, 3 unchanged, 1 deleted; run run-1 (manual) in 2.50 s']);
    expect(triggerRecordLines(record, true).stdout).toEqual(['Published 5 files: 1 new, 1 changed, 3 unchanged, 1 deleted; run run-1 (manual) in 2.50 s']);
  });

  it('prints a run\'s warnings first, as publish does, and how many more the record did not list', () => {
    const line = 'site.yml: tagSlugs: the feeds of tags/tourism/ are deleted (add tagSlugs: {"Travel": tourism} to keep its address)';
    const { stderr } = triggerRecordLines({ ...base, counts: { new: 0, changed: 0, unchanged: 1, deleted: 0 }, warningLines: [line], warningLinesTotal: 3 }, true);
    expect(stderr).toEqual([`warning: ${line}`, '... and 2 more warnings']);
  });

  it('says, as status does, of how many feeds the hub was told when not of every one, changed and left by an earlier publish apart', () => {
    const none = { delivered: 0, rejected: 0, 'maybe-delivered': 0, refused: 0, 'not-attempted': 0 };
    const record: RunRecord = { ...base, counts: { new: 0, changed: 3, unchanged: 1, deleted: 0 }, pings: { ...none, delivered: 2, refused: 1 }, retriedPings: { ...none, delivered: 1, 'maybe-delivered': 1 } };
    const lines = ['WebSub: the hub was told of 2 of 3 changed feeds (1 refused)', 'WebSub: the hub was told of 1 of 2 feeds an earlier publish failed to ping (1 maybe delivered)'];
    expect(triggerRecordLines(record, true).stderr).toEqual(lines);
    expect(runRecordLines(record).slice(1)).toEqual(lines.map((line) => `    ${line}`));
    // A digest run's, its archive feed's ping.
    expect(triggerRecordLines({ ...base, kind: 'digest', week: '2014-W19', counts: { new: 1, changed: 0, deleted: 0 }, pings: { ...none, 'not-attempted': 1 } }, false).stderr).toEqual(['WebSub: the hub was told of 0 of 1 changed feed (1 not attempted)']);
    // Each told: nothing said, as status says nothing.
    expect(triggerRecordLines({ ...record, pings: { ...none, delivered: 3 }, retriedPings: { ...none, delivered: 2 } }, false).stderr).toEqual([]);
  });
});
