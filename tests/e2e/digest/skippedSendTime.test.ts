import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml, STORE_DIGEST } from '../../support/digestFixtures.js';

// New York goes forward from 02:00 to 03:00 on the second Sunday of March: 14 March 2027 is the first after NOW.
const NOW = '2026-12-05T12:00:00Z';
// b.md's date, a local time in the same gap, is read as 03:30 EDT: a warning on the entry.
const ENTRIES = { 'a.md': entryText(entry({ date: '2026-11-30' })), 'b.md': entryText(entry({ url: 'https://news.example.com/b', date: '2027-03-14T02:30' })) };
const SKIPPED_ENTRY = 'warning: entries/b.md:5: date: 2027-03-14T02:30 does not exist in America/New_York (the clocks go forward over it): it is read as 2027-03-14T03:30-04:00 (write the time you mean, e.g. 2027-03-14T03:30, or give it with its offset)';

async function check(time: string) {
  // A signed unsubscribe link, so that the warnings are the send time's and the entry's alone.
  const content = await contentFolder({ site: siteYaml({ timezone: 'America/New_York' }, { ...STORE_DIGEST, day: 'sunday', time }), entries: ENTRIES });
  return runCli(['check', '--content', content, '--now', NOW]);
}

describe('broadsheet check on a digest sent, and an entry dated, at a time the clocks skip', () => {
  it('warns of each, naming the next such day, and passes; a send time just after the gap passes without its warning', async () => {
    const skipped = await check('02:30');
    expect(skipped.code).toBe(0);
    const warnings = skipped.stderr.split('\n').filter((line) => line.startsWith('warning:'));
    expect(warnings).toHaveLength(3);
    expect(warnings).toContain(SKIPPED_ENTRY);
    expect(warnings).toContainEqual(expect.stringMatching(/^warning: site\.yml: digest\.time: "02:30" on Sundays is skipped in America\/New_York when the clocks go forward \(on 2027-03-14 and 4 more Sundays in the next 5 years\): .*EventBridge Scheduler skips .*\(choose a time outside 02:00–03:00, which the clocks skip\)$/));
    // A Sunday send also covers the week (Monday to Sunday) that ended six days and the send time before (day: is line 12).
    const late = (time: string, since: string) => `warning: site.yml:12: digest.day: sunday at ${time} sends the week that ended ${since} before (weeks run Monday to Sunday) (send on monday to mail each week the day after it ends, or keep sunday if that delay is meant)`;
    expect(warnings).toContain(late('02:30', '6 days, 2 hours, and 30 minutes'));
    const after = await check('03:00');
    expect(after.code).toBe(0);
    expect(after.stderr.trim().split('\n').sort()).toEqual([late('03:00', '6 days and 3 hours'), SKIPPED_ENTRY].sort());
  });
});
