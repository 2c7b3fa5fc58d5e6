import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { readWithPythonEmail } from '../../support/pythonMail.js';
import { tempDir } from './support.js';

// Berlin went from CET (+01:00) to CEST (+02:00) on Sunday 28 March 2021 and back on Sunday 31 October 2021:
// 2021-W12 (22–28 March) and 2021-W43 (25–31 October) each end on the day of a change.
const ENTRIES = {
  'spring.md': entryText(entry({ title: 'Sunday night after the spring change', url: 'https://news.example.com/spring', date: '2021-03-28T23:30:00' })),
  'autumn.md': entryText(entry({ title: 'Sunday night after the autumn change', url: 'https://news.example.com/autumn', date: '2021-10-31T23:30:00' })),
};

describe('the Date header of a digest sent the Monday after a DST change, as Python reads the .eml', () => {
  it('is the send time in the site zone, with the offset of that day (RFC 5322 §3.3)', async () => {
    const content = await contentFolder({ site: siteYaml({ timezone: 'Europe/Berlin', language: 'de' }), entries: ENTRIES });
    const cwd = await tempDir('digest-date-header');
    for (const [week, now, title] of [
      ['2021-W12', '2021-03-29T08:30:00+02:00', 'Sunday night after the spring change'],
      ['2021-W43', '2021-11-01T08:30:00+01:00', 'Sunday night after the autumn change'],
    ] as const) {
      // --now given in UTC: the header's zone is the site's, not the one --now was written in.
      const utc = new Date(now).toISOString();
      const run = await runCli(['digest', '--content', content, '--week', week, '--send', '--now', utc, '--to', 'ada@example.org', '--quiet'], { cwd });
      expect(run.stderr, week).toBe('');
      expect(run.code, week).toBe(0);
      const [file] = await readdir(join(cwd, 'outbox', week));
      const mail = readWithPythonEmail(await readFile(join(cwd, 'outbox', week, file!)));
      expect(mail.header_defects.date, week).toEqual([]);
      expect(mail.date, week).toBe(now);
      expect(mail.parts.find((part) => part.type === 'text/plain')!.content, week).toContain(title);
    }
  });
});
