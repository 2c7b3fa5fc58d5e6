import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { archivedWeeks } from '../../../lib/digest/digestArtifacts.js';
import { planSite } from '../../../lib/plan/sitePlan.js';
import { meta, testSite } from '../../support/digestFixtures.js';

// Seoul. Entries in 2014-W17 (21–27 April) and W19 (5–11 May); at NOW, Monday of W21, the week just ended is W20.
const site = testSite();
const entries = [meta('2014-04-22'), meta('2014-05-08')];
const NOW = DateTime.fromISO('2014-05-19T08:00:00+09:00');
const names = (mailed: string[]) => archivedWeeks(planSite(site, entries, NOW, mailed)).map((week) => week.name);

describe('archivedWeeks keeps a week mailed to subscribers', () => {
  it('though it has no entries now (without sendEmpty, an empty past week is otherwise left out)', () => {
    expect(names([])).toEqual(['2014-W20', '2014-W19', '2014-W17']);
    expect(names(['2014-W18'])).toEqual(['2014-W20', '2014-W19', '2014-W18', '2014-W17']);
  });

  it('on a clock behind the run that mailed it: the week running at the plan’s now, or one after it', () => {
    // W21 (19–25 May) was mailed on 26 May; a run whose clock says 19 May, in W21, keeps it, and one on 12 May
    // (W20 running, W19 just ended) keeps W20 and W21 too.
    expect(names(['2014-W20', '2014-W21'])).toEqual(['2014-W21', '2014-W20', '2014-W19', '2014-W17']);
    const behind = DateTime.fromISO('2014-05-12T08:00:00+09:00');
    expect(archivedWeeks(planSite(site, entries, behind, ['2014-W20', '2014-W21'])).map((week) => week.name)).toEqual(['2014-W21', '2014-W20', '2014-W19', '2014-W17']);
  });
});
