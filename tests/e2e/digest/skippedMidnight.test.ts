import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { hashTree } from '../../support/tree.js';
import { tempDir } from './support.js';

// Morocco moved its clocks from 00:00 +00 to 01:00 +01 on Monday 1 June 2009 and stayed at +01 until August. So
// 2009-W23 runs from 1 June 01:00 +01 (00:00Z) to Monday 8 June 00:00 +01 (7 June 23:00Z), and 2009-W24 from there.
const zone = 'Africa/Casablanca';

describe('a digest week whose Monday midnight was skipped, through the CLI', () => {
  it('ends at the next Monday 00:00: an incremental publish archives it when a publish from scratch does, and an entry at 00:30 is in one week', async () => {
    const content = await contentFolder({
      site: siteYaml({ timezone: zone }),
      entries: {
        'w23.md': entryText(entry({ title: 'In week 23', url: 'https://news.example.com/w23', date: '2009-06-03' })),
        'w24.md': entryText(entry({ title: 'Half past midnight', url: 'https://news.example.com/w24', date: '2009-06-08T00:30:00' })),
      },
    });
    const cwd = await tempDir('skipped-midnight');
    const publish = (out: string, now: string) => runCli(['publish', '--content', content, '--out', out, '--now', now, '--quiet'], { cwd });
    // The first publish is inside 2009-W23; the second at its last millisecond is 7 June 23:59:59.999Z, which is
    // Monday 8 June 00:59:59.999 +01: 2009-W23 has ended (and the 00:30 entry is published).
    for (const [out, now] of [
      ['incremental', '2009-06-01T00:00:00Z'],
      ['incremental', '2009-06-07T23:59:59.999Z'],
      ['scratch', '2009-06-07T23:59:59.999Z'],
    ] as const) {
      const run = await publish(out, now);
      expect(run.stderr, `${out} ${now}`).toBe('');
      expect(run.code, `${out} ${now}`).toBe(0);
    }
    const withoutRecords = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).filter(([key]) => !key.startsWith('_broadsheet/')));
    const incremental = withoutRecords(await hashTree(join(cwd, 'incremental')));
    expect(incremental).toEqual(withoutRecords(await hashTree(join(cwd, 'scratch'))));
    const w23 = await readFile(join(cwd, 'incremental/digests/2009-W23.txt'), 'utf8');
    expect(w23).toContain('In week 23');
    expect(w23).not.toContain('Half past midnight');

    // Once 2009-W24 has ended too, the 00:30 entry is in its digest alone.
    const later = await publish('scratch', '2009-06-15T00:00:00Z');
    expect(later.code).toBe(0);
    expect(await readFile(join(cwd, 'scratch/digests/2009-W23.txt'), 'utf8')).not.toContain('Half past midnight');
    expect(await readFile(join(cwd, 'scratch/digests/2009-W24.txt'), 'utf8')).toContain('Half past midnight');
  });
});
