import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../lib/store/localStore.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { createSubscriptionHandler } from '../../../lib/subscribers/subscriptionHandler.js';
import { testSite } from '../../support/digestFixtures.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('a confirm link POSTed as it is, its token in the query, after its topics left the site', () => {
  it('offers the choice on a page whose form carries that token, and the choice made there confirms', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-confirm-posted-'));
    dirs.push(dir);
    const store = new StoreSubscriberStore(new LocalStore(dir));
    const tags = [{ name: 'Trade', slug: 'trade' }, { name: 'Markets', slug: 'markets' }];
    const sent: string[] = [];
    const handler = createSubscriptionHandler({ site: testSite(), store, secret: 'a-long-enough-test-secret', origins: ['https://watch.example.org'], now: () => DateTime.fromISO('2014-05-12T09:00:00Z'), sendMail: async (_to, raw) => void sent.push(raw.toString('utf8')), tags: async () => tags, answerFloorMs: 0 });
    const call = (url: string, body: string) => handler({ method: 'POST', contentType: 'application/x-www-form-urlencoded', url, body, client: 'c1' });
    await call('/subscribe', 'email=posted%40example.org&tags=markets');
    const token = /confirm\?token=([A-Za-z0-9_.-]+)/.exec(sent[0]!.replace(/=\r?\n/g, '').replace(/=3D/g, '='))![1]!;
    tags.splice(1, 1);
    const offered = await call(`/confirm?token=${token}`, '');
    expect(offered.status).toBe(409);
    const hidden = /<input type="hidden" name="token" value="([^"]*)">/.exec(offered.body)?.[1];
    expect(hidden).toBe(token);
    // The page's button, as a browser sends it: the token from the page, Trade ticked.
    const confirmed = await call('/confirm', `token=${hidden}&topics=chosen&tags=trade`);
    expect(confirmed.status).toBe(200);
    expect((await store.get(subscriberId('posted@example.org')))?.subscriber).toMatchObject({ status: 'confirmed', tags: ['trade'] });
  });
});
