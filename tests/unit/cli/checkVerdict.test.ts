import { describe, expect, it } from 'vitest';
import { checkVerdict, type CheckFindings } from '../../../cli/checkVerdict.js';

const NONE: CheckFindings = { earlierNow: false, content: 0, otherSite: 0, refusedIds: 0, unclaimed: 0, blocked: 0, subscriberList: 0 };

// README, Commands: 1 invalid content or a published id refused, 2 any other failure. publish meets its refusals in
// one order (lib/publish/publish.ts): an earlier --now, the content, another site's output, the ids, files in the way
// (refuseUnclaimedFiles, then refuseBlockedPaths); each refusal's class is the error lib/shared/errors.ts throws for it.
describe('checkVerdict: check --out exits, and names its refusal, as publish to that output would', () => {
  it('0 and no refusal with nothing found; each finding alone: its exit status and its class', () => {
    expect(checkVerdict(NONE)).toEqual({ status: 0, error: undefined });
    expect(checkVerdict({ ...NONE, content: 2 })).toEqual({ status: 1, error: 'ContentError' });
    expect(checkVerdict({ ...NONE, refusedIds: 1 })).toEqual({ status: 1, error: 'IdChangeError' });
    expect(checkVerdict({ ...NONE, otherSite: 1 })).toEqual({ status: 2, error: 'OtherSiteError' });
    expect(checkVerdict({ ...NONE, unclaimed: 1 })).toEqual({ status: 2, error: 'UnclaimedFilesError' });
    expect(checkVerdict({ ...NONE, blocked: 1 })).toEqual({ status: 2, error: 'OutputBlockedError' });
    expect(checkVerdict({ ...NONE, earlierNow: true })).toEqual({ status: 2, error: 'EarlierNowError' });
    // The digest's list is a send's: still a problem of the content, which check fails.
    expect(checkVerdict({ ...NONE, subscriberList: 1 })).toEqual({ status: 1, error: 'ContentError' });
  });

  it('the first refusal publish would meet decides', () => {
    expect(checkVerdict({ ...NONE, earlierNow: true, content: 1 })).toEqual({ status: 2, error: 'EarlierNowError' });
    expect(checkVerdict({ ...NONE, content: 1, otherSite: 1 })).toEqual({ status: 1, error: 'ContentError' });
    expect(checkVerdict({ ...NONE, content: 1, blocked: 1 })).toEqual({ status: 1, error: 'ContentError' });
    expect(checkVerdict({ ...NONE, otherSite: 1, refusedIds: 3 })).toEqual({ status: 2, error: 'OtherSiteError' });
    expect(checkVerdict({ ...NONE, refusedIds: 1, unclaimed: 1 })).toEqual({ status: 1, error: 'IdChangeError' });
    expect(checkVerdict({ ...NONE, unclaimed: 1, blocked: 1 })).toEqual({ status: 2, error: 'UnclaimedFilesError' });
  });

  it('a problem of the subscriber list, which publish never reads, gives way to every refusal of publish', () => {
    expect(checkVerdict({ ...NONE, subscriberList: 1, otherSite: 1 })).toEqual({ status: 2, error: 'OtherSiteError' });
    expect(checkVerdict({ ...NONE, subscriberList: 1, blocked: 1 })).toEqual({ status: 2, error: 'OutputBlockedError' });
    expect(checkVerdict({ ...NONE, subscriberList: 1, refusedIds: 1 })).toEqual({ status: 1, error: 'IdChangeError' });
  });
});

// check --json's `error`, as the README's check row and check --help list it: every class checkVerdict gives, and the
// refusal of an output over or inside the content (a UsageError, as publish's; check.ts prints it apart).
describe("check --json's error kinds, as documented", () => {
  it('README and --help name each one check emits', async () => {
    const { readFile } = await import('node:fs/promises');
    const { checkCommand } = await import('../../../cli/commands/check.js');
    const findings: Partial<CheckFindings>[] = [{ earlierNow: true }, { content: 1 }, { otherSite: 1 }, { refusedIds: 1 }, { unclaimed: 1 }, { blocked: 1 }, { subscriberList: 1 }];
    const kinds = new Set([...findings.map((found) => checkVerdict({ ...NONE, ...found }).error!), 'UsageError']);
    expect(kinds.size).toBe(7);
    const row = (await readFile('README.md', 'utf8')).split('\n').find((line) => line.startsWith('| `check` |'))!;
    const sentence = row.slice(row.indexOf("`--json`'s `error`"));
    const help = checkCommand.help.slice(checkCommand.help.indexOf('--json'));
    for (const kind of kinds) {
      expect(sentence, kind).toContain(`\`${kind}\``);
      expect(help.slice(0, help.indexOf('--quiet')), kind).toContain(kind);
    }
  });
});
