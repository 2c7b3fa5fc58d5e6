import { describe, expect, it } from 'vitest';
import { checkExitStatus, type CheckFindings } from '../../../cli/checkExitStatus.js';

const NONE: CheckFindings = { earlierNow: false, content: 0, otherSite: 0, refusedIds: 0, inTheWay: 0 };

// README, Commands: 1 invalid content or a published id refused, 2 any other failure. publish meets its refusals in
// one order (lib/publish/publish.ts): an earlier --now, the content, another site's output, the ids, files in the way.
describe("checkExitStatus: check --out exits as publish to that output would", () => {
  it('0 with nothing found; 1 for the content or a refused id; 2 for the output alone', () => {
    expect(checkExitStatus(NONE)).toBe(0);
    expect(checkExitStatus({ ...NONE, content: 2 })).toBe(1);
    expect(checkExitStatus({ ...NONE, refusedIds: 1 })).toBe(1);
    expect(checkExitStatus({ ...NONE, otherSite: 1 })).toBe(2);
    expect(checkExitStatus({ ...NONE, inTheWay: 1 })).toBe(2);
    expect(checkExitStatus({ ...NONE, earlierNow: true })).toBe(2);
  });

  it('the first refusal publish would meet decides', () => {
    expect(checkExitStatus({ ...NONE, earlierNow: true, content: 1 })).toBe(2);
    expect(checkExitStatus({ ...NONE, content: 1, otherSite: 1 })).toBe(1);
    expect(checkExitStatus({ ...NONE, content: 1, inTheWay: 1 })).toBe(1);
    expect(checkExitStatus({ ...NONE, refusedIds: 1, inTheWay: 1 })).toBe(1);
  });
});
