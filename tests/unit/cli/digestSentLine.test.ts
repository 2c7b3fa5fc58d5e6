import { describe, expect, it } from 'vitest';
import { digestSentLine } from '../../../cli/digestSentLine.js';

const summary = { week: '2014-W19', transport: 'smtp', total: 1, sent: 1, skipped: 0, failed: 0, unknown: 0, notReached: 0 };

describe('digestSentLine', () => {
  it('counts the recipients in the number they take', () => {
    expect(digestSentLine(summary)).toBe('Sent the 2014-W19 digest through smtp: 1 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 1 recipient');
    expect(digestSentLine({ ...summary, total: 3, sent: 2, notReached: 1, stopped: 'the server refused the login' })).toBe('Sent the 2014-W19 digest through smtp: 2 sent, 0 skipped (already sent), 0 failed, 0 unknown, 1 not reached, of 3 recipients');
  });

  it('names the skipped another run held and those who subscribed later apart from the already sent', () => {
    // 6 skipped: 1 held by another run, 2 subscribed later, so 3 already sent.
    expect(digestSentLine({ ...summary, total: 7, skipped: 6, heldByOthers: 1, subscribedLater: 2 })).toBe("Sent the 2014-W19 digest through smtp: 1 sent, 6 skipped (3 already sent, 1 held by another run, 2 subscribed after the week's issue was due), 0 failed, 0 unknown, of 7 recipients");
    expect(digestSentLine({ ...summary, total: 3, sent: 0, skipped: 3, heldByOthers: 3 })).toBe('Sent the 2014-W19 digest through smtp: 0 sent, 3 skipped (0 already sent, 3 held by another run), 0 failed, 0 unknown, of 3 recipients');
  });

  it('names the unknown another run may still be waiting for the answer to', () => {
    expect(digestSentLine({ ...summary, total: 3, unknown: 2, inProgress: 1 })).toBe('Sent the 2014-W19 digest through smtp: 1 sent, 0 skipped (already sent), 0 failed, 2 unknown (1 in progress in another run), of 3 recipients');
  });
});
