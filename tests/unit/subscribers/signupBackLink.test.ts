import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../lib/store/localStore.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { createSubscriptionHandler } from '../../../lib/subscribers/subscriptionHandler.js';
import { testSite } from '../../support/digestFixtures.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The answer to a signup of `fields` on a site at `url`. */
async function signUp(url: string, fields: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-back-link-'));
  dirs.push(dir);
  const handler = createSubscriptionHandler({ site: testSite({ url }), store: new StoreSubscriberStore(new LocalStore(dir)), secret: 'a-long-enough-test-secret', now: () => DateTime.fromISO('2014-05-12T09:00:00Z'), sendMail: async () => undefined, tags: async () => [], answerFloorMs: 0 });
  return handler({ method: 'POST', contentType: 'application/x-www-form-urlencoded', url: '/subscribe', body: new URLSearchParams(fields).toString(), client: 'c1' });
}

/** Where each "Back to the form" link on a page goes. */
function backLinks(html: string): string[] {
  return [...html.matchAll(/<a href="([^"]*)">Back to the form<\/a>/g)].map((match) => match[1]!);
}

// A refused address's page says "Go back and type…": it links the page the form was on (the form's `page` field, a
// path under the site's url), served on the site's origin, so a reader with no back button can get there.
describe('the page refusing a signup’s address', () => {
  const refused = { 'not an address': 'ada', 'a name as well': 'Ada <ada@example.org>', 'a needless quote': '"ada"@example.org', 'longer than any address': `${'a'.repeat(300)}@example.org` };

  for (const [why, email] of Object.entries(refused)) {
    it(`links back to the form's page on a site under a path: ${why}`, async () => {
      const answer = await signUp('https://watch.example.org/watch/', { email, page: '/tags/trade/', website: '' });
      expect(answer.status).toBe(400);
      expect(backLinks(answer.body)).toEqual(['/watch/tags/trade/']);
    });
  }

  it("links the site's home page when the form names no page, or another site's", async () => {
    for (const page of [undefined, '//elsewhere.example/', 'https://elsewhere.example/', '/..//elsewhere.example/']) {
      const answer = await signUp('https://watch.example.org/watch/', { email: 'ada', ...(page === undefined ? {} : { page }), website: '' });
      expect(backLinks(answer.body), page).toEqual(['/watch/']);
    }
    expect(backLinks((await signUp('https://watch.example.org/', { email: 'ada', page: '/digests/' })).body)).toEqual(['/digests/']);
  });
});
