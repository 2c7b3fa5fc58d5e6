import { describe, expect, it } from 'vitest';
import { pingLines } from '../../../cli/pingLines.js';
import type { PingResult } from '../../../lib/publish/websub.js';

const FORMER = 'https://old-hub.example.net/';
const feed = (path: string) => `https://watch.example.org/${path}`;

describe('pingLines', () => {
  it('says a ping of site.yml’s hub left out is made again by the next publish, changed or not, and which try that is', () => {
    const pings: PingResult[] = [
      { url: feed('rss.xml'), ok: false, outcome: 'rejected', attempts: 1, status: 400, error: 'the hub answered HTTP 400' },
      { url: feed('atom.xml'), ok: true, outcome: 'delivered', attempts: 1, status: 204 },
    ];
    expect(pingLines(pings)).toEqual({
      warnings: [`warning: WebSub: the hub was not told about ${feed('rss.xml')} after 1 attempt: the hub answered HTTP 400 (the files are published and readers poll them; the next publish pings the hub about this feed again, changed or not: try 2 of 6)`],
      told: 'WebSub: told the hub about 1 changed feed',
    });
  });

  // lib/publish/pendingPings.ts: a ping is made by at most 1 + PING_RETRIES (5) publishes.
  it('counts the tries of a ping an earlier publish left, and says when the last has failed that only a change pings again', () => {
    const rejected = { ok: false, outcome: 'rejected', attempts: 1, status: 400, error: 'the hub answered HTTP 400' } as const;
    const pings: PingResult[] = [
      { url: feed('rss.xml'), ...rejected, tries: 5 },
      { url: feed('atom.xml'), ...rejected, tries: 6 },
    ];
    expect(pingLines(pings).warnings).toEqual([
      `warning: WebSub: the hub was not told about ${feed('rss.xml')} after 1 attempt: the hub answered HTTP 400 (the files are published and readers poll them; the next publish pings the hub about this feed again, changed or not: try 6 of 6)`,
      `warning: WebSub: the hub was not told about ${feed('atom.xml')} after 1 attempt: the hub answered HTTP 400 (the files are published and readers poll them; given up after 6 publishes tried: the next publish that changes this feed pings the hub again)`,
    ]);
  });

  // lib/publish/pendingPings.ts: a ping that never reached the hub is no try; PING_UNSENT_LIMIT (10) publishes carry it at most.
  it('counts no try of a ping that never reached the hub, and says when it has been carried unsent too long', () => {
    const refused = { ok: false, outcome: 'refused', attempts: 3, error: 'connect ECONNREFUSED 127.0.0.1:9' } as const;
    const pings: PingResult[] = [
      { url: feed('rss.xml'), ...refused },
      { url: feed('atom.xml'), ...refused, tries: 2, unsent: 10 },
      { url: feed('feed.json'), ...refused, tries: 2, unsent: 11 },
    ];
    const after = (what: string) => `warning: WebSub: the hub was not told about ${feed('')}${what} after 3 attempts: connect ECONNREFUSED 127.0.0.1:9 (the files are published and readers poll them; `;
    expect(pingLines(pings).warnings).toEqual([
      `${after('rss.xml')}the next publish pings the hub about this feed again, changed or not: try 1 of 6)`,
      `${after('atom.xml')}the next publish pings the hub about this feed again, changed or not: try 3 of 6)`,
      `${after('feed.json')}given up after 11 publishes could not reach the hub with it: the next publish that changes this feed pings the hub again)`,
    ]);
  });

  it('counts apart the feeds told of that an earlier publish failed to ping: this one may not have changed them', () => {
    const delivered = { ok: true, outcome: 'delivered', attempts: 1, status: 204 } as const;
    const pings: PingResult[] = [
      { url: feed('rss.xml'), ...delivered },
      { url: feed('atom.xml'), ...delivered },
      { url: feed('tags/trade/rss.xml'), ...delivered, tries: 2 },
      { url: feed('tags/china/rss.xml'), ok: false, outcome: 'rejected', attempts: 1, status: 400, error: 'the hub answered HTTP 400', tries: 3 },
    ];
    expect(pingLines(pings).told).toBe('WebSub: told the hub about 2 changed feeds, and 1 feed an earlier publish failed to ping');
    expect(pingLines(pings.slice(2)).told).toBe('WebSub: told the hub about 1 feed an earlier publish failed to ping');
  });

  it('names the former hub, told only by this publish: no publish pings it again', () => {
    const pings: PingResult[] = [
      { url: feed('rss.xml'), ok: true, outcome: 'delivered', attempts: 1, status: 204 },
      { url: feed('atom.xml'), ok: true, outcome: 'delivered', attempts: 1, status: 204 },
      { url: feed('rss.xml'), formerHub: FORMER, ok: true, outcome: 'delivered', attempts: 1, status: 204 },
      { url: feed('atom.xml'), formerHub: FORMER, ok: false, outcome: 'refused', attempts: 3, error: 'connect ECONNREFUSED' },
    ];
    expect(pingLines(pings)).toEqual({
      warnings: [`warning: WebSub: the former hub ${FORMER} was not told about ${feed('atom.xml')} after 3 attempts: connect ECONNREFUSED (the files are published; site.yml no longer names this hub, so no publish pings it of this feed again: its subscribers see the change when it or their reader polls)`],
      told: `WebSub: told the hub about 2 changed feeds and the former hub ${FORMER} about 1 changed feed`,
    });
  });

  it('counts the feeds not attempted apart for each hub', () => {
    const skipped = { ok: false, outcome: 'not-attempted', attempts: 0, error: 'not attempted: stopped by Ctrl-C' } as const;
    const pings: PingResult[] = [
      { url: feed('rss.xml'), ...skipped },
      { url: feed('atom.xml'), ...skipped },
      { url: feed('rss.xml'), formerHub: FORMER, ...skipped },
    ];
    expect(pingLines(pings)).toEqual({
      warnings: [
        'warning: WebSub: 2 changed feeds were not pinged: stopped by Ctrl-C (the files are published and readers poll them; the next publish pings the hub about them again, changed or not: try 1 of 6)',
        `warning: WebSub: 1 changed feed was not pinged to the former hub ${FORMER}: stopped by Ctrl-C (the files are published; site.yml no longer names this hub, so no publish pings it of this feed again: its subscribers see the change when it or their reader polls)`,
      ],
    });
  });
});
