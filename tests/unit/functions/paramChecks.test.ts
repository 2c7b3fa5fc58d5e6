import { describe, expect, it } from 'vitest';
import { paramProblems } from '../../../scripts/paramChecks.mjs';
import { readSubscribeConfig } from '../../../functions/subscribeConfig.js';
import { isValidZone } from '../../../lib/time/isValidZone.js';

const ENV = { CONTENT_BUCKET: 'content-bucket', SITE_BUCKET: 'site-bucket', SECRET_PARAMETER: '/b/secret', ORIGIN_SECRET_PARAMETER: '/b/origin' };
const functionRefuses = (value: string) => {
  try {
    readSubscribeConfig({ ...ENV, ANSWER_FLOOR_MS: value });
    return false;
  } catch {
    return true;
  }
};

describe('the params checked when the stack is packaged', () => {
  it('refuses an answerFloorMs exactly when the subscribe function would, naming the param and its default', () => {
    for (const value of ['-1', '0', '1500', '5000', '5001', '9000', '1.5', 'soon', '']) {
      expect(paramProblems({ answerFloorMs: value }).length > 0, value).toBe(functionRefuses(value));
    }
    expect(paramProblems({ answerFloorMs: '9000' })).toEqual([expect.stringMatching(/^--param answerFloorMs=9000 is not a whole number of ms from 0 to 5000: .*--param answerFloorMs=1500/)]);
  });

  it('refuses a digestTimezone exactly when site.yml would refuse it as a timezone', () => {
    for (const zone of ['Asia/Seoul', 'Europe/Riga', 'Europe/Rigaa', 'UTC', 'US/Eastern', 'asia/seoul', 'Seoul']) {
      expect(paramProblems({ digestTimezone: zone }).length > 0, zone).toBe(!isValidZone(zone));
    }
    expect(paramProblems({ digestTimezone: 'Europe/Rigaa' })).toEqual([expect.stringContaining('--param digestTimezone=Europe/Rigaa is not a time zone')]);
  });

  it('has nothing to say of the defaults', () => {
    expect(paramProblems({ answerFloorMs: 1500, digestTimezone: 'Asia/Seoul' })).toEqual([]);
  });
});
