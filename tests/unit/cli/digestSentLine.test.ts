import { describe, expect, it } from 'vitest';
import { digestSentLine } from '../../../cli/digestSentLine.js';

const summary = { week: '2014-W19', transport: 'smtp', total: 1, sent: 1, skipped: 0, failed: 0, unknown: 0, notReached: 0 };

describe('digestSentLine', () => {
  it('counts the recipients in the number they take', () => {
    expect(digestSentLine(summary)).toBe('Sent the 2014-W19 digest through smtp: 1 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 1 recipient');
    expect(digestSentLine({ ...summary, total: 3, sent: 2, notReached: 1, stopped: 'the server refused the login' })).toBe('Sent the 2014-W19 digest through smtp: 2 sent, 0 skipped (already sent), 0 failed, 0 unknown, 1 not reached, of 3 recipients');
  });
});
