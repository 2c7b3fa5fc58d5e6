import type { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishConfig } from '../../../functions/config.js';
import { pingAfterRun } from '../../../functions/pingAfterRun.js';
import { functionLock } from '../../../functions/functionLock.js';
import { LOCK_KEY } from '../../../lib/publish/publishLock.js';
import { lambdaContext } from '../../support/lambda.js';
import { TestHub } from '../../support/hub.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { PENDING_PINGS_KEY, PING_RETRIES } from '../../../lib/publish/pendingPings.js';

// The functions' pings (publish, digest) after a publish whose site.yml names another hub than the last publish's
// feeds did: both hubs are told, the former once (lib/publish/websub.ts hubsToPing; tests/unit/publish/droppedHub.test.ts).
const CONFIG: PublishConfig = { contentBucket: 'content', contentPrefix: 'content/', siteBucket: 'site', sitePrefix: '', skipInvalid: false, s3: { maxAttempts: 1, requestTimeoutMs: 1000 } };
const FEEDS = ['https://watch.example.org/atom.xml', 'https://watch.example.org/rss.xml'];

let hub: TestHub;
let former: TestHub;
beforeEach(async () => {
  [hub, former] = await Promise.all([new TestHub().start(), new TestHub().start()]);
});
afterEach(() => Promise.all([hub.close(), former.close()]));

describe('pingAfterRun with a former hub', () => {
  it('tells both hubs of each feed, and logs the counts of the hub site.yml names', async () => {
    former.respond = () => 503;
    const logged: { level: string; message: string; extra: unknown }[] = [];
    const logger = { info: (message: string, extra: unknown) => logged.push({ level: 'info', message, extra }), warn: (message: string, extra: unknown) => logged.push({ level: 'warn', message, extra }) } as unknown as Logger;
    const pings = await pingAfterRun({ hub: hub.url, formerHub: former.url, feeds: FEEDS }, { config: CONFIG, context: lambdaContext('publish', 'r1'), logger, websub: { attempts: 1 } });
    expect(hub.pinged()).toEqual(FEEDS);
    expect(former.pinged()).toEqual(FEEDS);
    expect(pings.filter((ping) => ping.formerHub === former.url).map((ping) => ping.outcome)).toEqual(['rejected', 'rejected']);
    // The former hub refused: a warning naming its pings, with site.yml's hub's counts (all told).
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 'warn', message: 'websub: told the hub about every changed feed, but not the former hub (site.yml no longer names it, so no publish pings it again; readers poll)', extra: { pings: { delivered: 2, rejected: 0 }, failed: [{ formerHub: former.url, status: 503 }, { formerHub: former.url, status: 503 }] } });
  });
});

describe('pingAfterRun with the site bucket', () => {
  it('keeps the pings of the hub it could not tell there for the next publish, and says the next publishes ping again', async () => {
    hub.respond = (request) => (request.params['hub.url'] === FEEDS[0] ? 503 : 204);
    const logged: { level: string; message: string }[] = [];
    const logger = { info: (message: string) => logged.push({ level: 'info', message }), warn: (message: string) => logged.push({ level: 'warn', message }) } as unknown as Logger;
    const output = new MemoryStore();
    // Whether the publish lock was held at each write of the record.
    const locked: boolean[] = [];
    const put = output.put.bind(output);
    output.put = async (key, body, options) => {
      if (key === PENDING_PINGS_KEY) locked.push(output.objects.has(LOCK_KEY));
      return put(key, body, options);
    };
    const context = lambdaContext('publish', 'r1');
    await pingAfterRun({ hub: hub.url, feeds: FEEDS }, { config: CONFIG, context, logger, websub: { attempts: 1 }, output, lock: functionLock('the digest function', context, () => Date.now(), logger) });
    // The hub answered 503: a try it saw.
    expect(JSON.parse(output.text(PENDING_PINGS_KEY)!)).toEqual({ hub: hub.url, feeds: { [FEEDS[0]!]: { tries: 1, unsent: 0 } } });
    expect(locked).toEqual([true]);
    expect(output.objects.has(LOCK_KEY)).toBe(false);
    expect(logged).toMatchObject([{ level: 'warn', message: 'websub: the hub was not told about every changed feed; the files are published, and readers poll; the next publishes ping it again (up to 5 more tries the hub may see, or 10 publishes that cannot reach it)' }]);
  });

  it('warns of the pending pings it gives up, and keeps them no more', async () => {
    hub.respond = () => 503;
    const logged: { level: string; message: string }[] = [];
    const logger = { info: (message: string) => logged.push({ level: 'info', message }), warn: (message: string) => logged.push({ level: 'warn', message }) } as unknown as Logger;
    const output = new MemoryStore();
    // FEEDS[0]'s last try (PING_RETRIES before it), FEEDS[1] changed: only FEEDS[1] is kept.
    await pingAfterRun({ hub: hub.url, feeds: FEEDS.slice(0, 2), tries: { [FEEDS[0]!]: PING_RETRIES } }, { config: CONFIG, context: lambdaContext('publish', 'r1'), logger, websub: { attempts: 1 }, output });
    expect(Object.keys(JSON.parse(output.text(PENDING_PINGS_KEY)!).feeds)).toEqual([FEEDS[1]]);
    expect(logged.map((line) => line.message)).toContain('websub: given up the pings of 1 feed after 6 publishes tried them, or 11 could not reach the hub: the next publish that changes one pings the hub again');
  });

  it('says apart the feeds an earlier publish failed to ping, told with the changed ones, and removes their record', async () => {
    const logged: { level: string; message: string }[] = [];
    const logger = { info: (message: string) => logged.push({ level: 'info', message }), warn: (message: string) => logged.push({ level: 'warn', message }) } as unknown as Logger;
    const output = new MemoryStore();
    await output.put(PENDING_PINGS_KEY, JSON.stringify({ hub: hub.url, feeds: { [FEEDS[0]!]: 2 } }), { contentType: 'application/json' });
    await pingAfterRun({ hub: hub.url, feeds: FEEDS, tries: { [FEEDS[0]!]: 2 } }, { config: CONFIG, context: lambdaContext('publish', 'r1'), logger, websub: { attempts: 1 }, output });
    expect(hub.pinged()).toEqual(FEEDS);
    expect(output.objects.has(PENDING_PINGS_KEY)).toBe(false);
    expect(logged).toEqual([{ level: 'info', message: 'websub: told the hub about every changed feed, and the 1 an earlier publish failed to ping' }]);
  });
});
