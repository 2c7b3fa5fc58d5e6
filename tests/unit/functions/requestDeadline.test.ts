import { describe, expect, it } from 'vitest';
import { RequestDeadline } from '../../../functions/requestDeadline.js';
import { DeadlineError } from '../../../lib/shared/errors.js';

describe('RequestDeadline.reset', () => {
  it("sets every field of an earlier run's anew, and a `kept` left out back to one more request", () => {
    const deadline = new RequestDeadline('S3 request', 'first words');
    deadline.reset({ timeLeft: () => 5, needsMs: 100, retried: 'the first run is retried', kept: 'kept for the first run' });
    expect(() => deadline.check()).toThrow(new DeadlineError("5 ms of the function's time left, under the 100 ms kept for the first run; the first run is retried"));
    deadline.reset({ timeLeft: () => 7, needsMs: 8, retried: 'the second run is retried' });
    expect(() => deadline.check()).toThrow(new DeadlineError("7 ms of the function's time left, under the 8 ms one more S3 request may take; the second run is retried"));
    deadline.reset({ timeLeft: () => 8, needsMs: 8, retried: 'the third run is retried' });
    expect(() => deadline.check()).not.toThrow();
  });
});
