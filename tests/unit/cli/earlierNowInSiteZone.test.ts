import { dump } from 'js-yaml';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { earlierNowInSiteZone } from '../../../cli/earlierNowInSiteZone.js';
import { earlierNowRefusal } from '../../../lib/publish/refuseEarlierNow.js';
import { EarlierNowError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';
import { temporaryFolders } from '../../support/temporaryFolders.js';

// A refusal of an earlier --now comes before site.yml is read, so it gave the moment in the zone --now was typed in
// alone; where site.yml is at hand, the moment is said in the site's zone too (the entry's date is in it).
const folders = temporaryFolders();
const siteStore = (text: string) => {
  const store = new MemoryStore();
  store.objects.set('site.yml', { body: Buffer.from(text), contentType: 'application/yaml' });
  return store;
};
// Midnight 2014-06-10 in Seoul is 15:00 UTC the day before.
const NEEDED = DateTime.fromISO('2014-06-09T15:00:00Z', { setZone: true });
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z', { setZone: true });

describe("earlierNowInSiteZone: a refusal of an earlier --now, the moment in the site's zone too", () => {
  it("adds the site's moment when site.yml gives a zone; as it was otherwise", async () => {
    const refused = earlierNowRefusal(NOW, NEEDED);
    expect(refused.message).toContain('--now 2014-06-01T00:00:00Z is before 2014-06-09T15:00:00Z, when');
    const said = await earlierNowInSiteZone(refused, NOW, siteStore(dump(SITE)));
    expect(said).toBeInstanceOf(EarlierNowError);
    expect((said as Error).message).toContain("--now 2014-06-01T00:00:00Z is before 2014-06-09T15:00:00Z (2014-06-10T00:00:00+09:00 in the site's zone, Asia/Seoul), when");
    // No site.yml, or a zone that is none: the refusal as it was. Another error: as it is.
    expect(await earlierNowInSiteZone(refused, NOW, new MemoryStore())).toBe(refused);
    expect(await earlierNowInSiteZone(refused, NOW, siteStore(dump({ ...SITE, timezone: 'Mars/Olympus' })))).toBe(refused);
    const other = new Error('x');
    expect(await earlierNowInSiteZone(other, NOW, siteStore(dump(SITE)))).toBe(other);
    // --now typed in the site's own offset: said once.
    const seoulNow = NOW.setZone('UTC+9');
    expect((await earlierNowInSiteZone(earlierNowRefusal(seoulNow, NEEDED.setZone('UTC+9')), seoulNow, siteStore(dump(SITE))) as Error).message).toContain('is before 2014-06-10T00:00:00+09:00, when');
  });

  it('publish refuses with it, and check --out names it so', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': entryText(entry({ date: '2014-06-10' })) } }));
    const out = await folders.make('broadsheet-earlier-now-');
    expect((await runMain(['publish', '--content', content, '--out', out, '--now', '2014-06-11T00:00:00Z', '--quiet'])).code).toBe(0);
    const inSite = "is before 2014-06-09T15:00:00Z (2014-06-10T00:00:00+09:00 in the site's zone, Asia/Seoul), when";
    const refused = await runMain(['publish', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z', '--dry-run']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`--now 2014-06-01T00:00:00Z ${inSite}`);
    const checked = await runMain(['check', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z']);
    expect(checked.code).toBe(2);
    expect(checked.stderr).toContain(`--now: 2014-06-01T00:00:00Z ${inSite}`);
  });
});
