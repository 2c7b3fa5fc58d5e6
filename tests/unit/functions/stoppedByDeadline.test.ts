import { describe, expect, it } from 'vitest';
import { stoppedByDeadline } from '../../../functions/stoppedByDeadline.js';
import { DeadlineError } from '../../../lib/shared/errors.js';

describe('stoppedByDeadline', () => {
  it('finds a DeadlineError itself or down its cause chain', () => {
    const deadline = new DeadlineError('2000 ms of the function\'s time left');
    expect(stoppedByDeadline(deadline)).toBe(true);
    expect(stoppedByDeadline(new Error('publish failed', { cause: new Error('S3 GET failed', { cause: deadline }) }))).toBe(true);
  });

  it('is false for any other error, a chain without one, or no error', () => {
    expect(stoppedByDeadline(new Error('S3 GET failed', { cause: new Error('socket hang up') }))).toBe(false);
    expect(stoppedByDeadline(new Error('cause is not an error', { cause: 'DeadlineError' }))).toBe(false);
    expect(stoppedByDeadline(undefined)).toBe(false);
  });
});
