import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { DIGEST, siteYaml } from '../../support/digestFixtures.js';

// New York goes forward from 02:00 to 03:00 on the second Sunday of March: 14 March 2027 is the first after NOW.
const NOW = '2026-12-05T12:00:00Z';
const ENTRIES = { 'a.md': entryText(entry({ date: '2026-11-30' })) };

async function check(time: string) {
  const content = await contentFolder({ site: siteYaml({ timezone: 'America/New_York' }, { ...DIGEST, day: 'sunday', time }), entries: ENTRIES });
  return runCli(['check', '--content', content, '--now', NOW]);
}

describe('broadsheet check on a digest sent at a time the clocks skip', () => {
  it('warns, naming the next such day, and passes; a time just after the gap passes without it', async () => {
    const skipped = await check('02:30');
    expect(skipped.code).toBe(0);
    const warnings = skipped.stderr.split('\n').filter((line) => line.startsWith('warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: site\.yml: digest\.time: "02:30" on Sundays is skipped in America\/New_York when the clocks go forward \(on 2027-03-14 and 4 more Sundays in the next 5 years\): .*EventBridge Scheduler skips .*\(choose a time outside the hour the clocks skip\)$/);
    const after = await check('03:00');
    expect(after.code).toBe(0);
    expect(after.stderr).toBe('');
  });
});
