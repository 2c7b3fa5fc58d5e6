import { describe, expect, it } from 'vitest';
import { triggerRefusalMessage } from '../../../cli/triggerRefusalMessage.js';

describe("broadsheet trigger's words for a refusal", () => {
  it('names the week by --digest, the flag the editor gave it with, where the trigger names its body\'s "week"', () => {
    const digest = { path: '/digest', body: { week: '2014-W21', send: true } } as const;
    expect(triggerRefusalMessage('"week": 2014-W21 has not ended at 2014-05-19T08:00:00+09:00 (Asia/Seoul)', digest)).toBe('--digest: 2014-W21 has not ended at 2014-05-19T08:00:00+09:00 (Asia/Seoul)');
    // Any other refusal, or one of a publish, as the trigger wrote it.
    expect(triggerRefusalMessage('site.yml: digest.from is missing', digest)).toBe('site.yml: digest.from is missing');
    expect(triggerRefusalMessage('"week": x', { path: '/publish', body: {} })).toBe('"week": x');
    expect(triggerRefusalMessage('"week": x', undefined)).toBe('"week": x');
  });
});
