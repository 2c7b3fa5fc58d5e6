import { describe, expect, it } from 'vitest';
import { failedRecipientsMessage } from '../../../lib/delivery/failedRecipientsMessage.js';

describe("a failed send's message", () => {
  it('counts the whole list in the number it takes: one recipient, or several', () => {
    expect(failedRecipientsMessage({ failed: 1, total: 1 })).toBe('1 of 1 recipient failed');
    expect(failedRecipientsMessage({ failed: 2, total: 3 })).toBe('2 of 3 recipients failed');
  });
});
