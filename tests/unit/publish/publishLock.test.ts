import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import type { ArtifactBuilder } from '../../../lib/plan/artifact.js';
import { publish } from '../../../lib/publish/publish.js';
import { LOCK_KEY, lockState, MAX_LOCK_BYTES, withPublishLock } from '../../../lib/publish/publishLock.js';
import { PublishLockedError } from '../../../lib/shared/errors.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import type { PutBody, PutOptions, ReadOptions, Store } from '../../../lib/store/store.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// One publisher at a time per output folder: an O_EXCL lock file under _broadsheet/, with its owner and a
// moment after which it counts as left by a publish that died.

const NOW = DateTime.fromISO('2014-06-10T12:00', { zone: 'Asia/Seoul' });
const T0 = Date.parse('2026-12-04T10:00:00Z');
const HOUR = 60 * 60 * 1000;
const V1 = { '2014/a.md': entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['trade'] })) };
const V2 = { ...V1, '2014/b.md': entryText(entry({ title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-09', tags: ['energy'] })) };

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

async function folder(): Promise<{ root: string; output: LocalStore }> {
  const root = await mkdtemp(join(tmpdir(), 'broadsheet-lock-'));
  roots.push(root);
  return { root, output: new LocalStore(root) };
}

async function hashes(store: Store): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { key } of await store.list('')) out[key] = createHash('sha256').update((await store.get(key))!).digest('hex');
  return out;
}

const lockAt = (ms: number, owner = 'test publisher') => ({ owner, clock: () => ms });

/** An output whose lock cannot be deleted (S3 answering 500 to that DELETE): a publish ends with its lock left. */
function lockNeverDeleted(): MemoryStore {
  const output = new MemoryStore();
  const deleteObject = output.delete.bind(output);
  output.delete = async (key) => {
    if (key === LOCK_KEY) throw new Error('InternalError: We encountered an internal error');
    return deleteObject(key);
  };
  return output;
}

describe('the publish lock', () => {
  it('makes a second publish into the same folder refuse, naming the owner, and write nothing', async () => {
    const { root, output } = await folder();
    await publish({ content: memoryContent({ entries: V1 }), output, now: NOW, websub: false });
    const held = { owner: 'broadsheet publish by alice on desk, pid 4242', token: 'abc', since: new Date(T0).toISOString(), staleAt: new Date(T0 + HOUR).toISOString() };
    await writeFile(join(root, '_broadsheet', 'publish.lock'), JSON.stringify(held));
    const before = await hashes(output);
    const refused = publish({ content: memoryContent({ entries: V2 }), output, now: NOW, websub: false, lock: lockAt(T0 + HOUR - 1) });
    await expect(refused).rejects.toThrow(PublishLockedError);
    await expect(refused).rejects.toThrow(/another publish into .* is running: broadsheet publish by alice on desk, pid 4242, since 2026-12-04T10:00:00\.000Z/);
    expect(await hashes(output)).toEqual(before);
  });

  it('is taken over once stale, and released after the publish', async () => {
    const { root, output } = await folder();
    await publish({ content: memoryContent({ entries: V1 }), output, now: NOW, websub: false });
    const dead = { owner: 'a publish that died', token: 'dead', since: new Date(T0).toISOString(), staleAt: new Date(T0 + HOUR).toISOString() };
    await writeFile(join(root, '_broadsheet', 'publish.lock'), JSON.stringify(dead));
    const result = await publish({ content: memoryContent({ entries: V2 }), output, now: NOW, websub: false, lock: lockAt(T0 + HOUR) });
    expect(result.counts.new).toBeGreaterThan(0);
    expect(existsSync(join(root, '_broadsheet', 'publish.lock'))).toBe(false);
  });

  it('leaves no takeover marker once its taker is done, nor one a taker that died left; one made again takes nothing over', async () => {
    const output = new MemoryStore();
    const JSON_PUT = { contentType: 'application/json' };
    const record = (token: string, staleAt = T0 + HOUR) => JSON.stringify({ owner: `publish ${token}`, token, since: new Date(T0).toISOString(), staleAt: new Date(staleAt).toISOString() });
    const markers = () => [...output.objects.keys()].filter((key) => key.startsWith('_broadsheet/publish-lock/'));
    for (const token of ['one', 'two', 'three']) {
      await output.put(LOCK_KEY, record(token), JSON_PUT);
      await withPublishLock(output, lockAt(T0 + HOUR), async () => expect(markers()).toEqual([`_broadsheet/publish-lock/taken-over-${token}`]));
    }
    expect(markers()).toEqual([]);

    // A taker killed in its turn left its marker, and its lock, which the next publish takes over.
    await output.put('_broadsheet/publish-lock/taken-over-four', record('five'), JSON_PUT);
    await output.put(LOCK_KEY, record('five'), JSON_PUT);
    await withPublishLock(output, lockAt(T0 + HOUR), async () => expect(markers()).toEqual(['_broadsheet/publish-lock/taken-over-five']));
    expect(markers()).toEqual([]);

    // A waiter that read the dead lock six before another took it over, and makes its marker only once that one
    // is done and seven holds the lock: it finds six gone, and refuses as to any live lock.
    await output.put(LOCK_KEY, record('seven', T0 + 2 * HOUR), JSON_PUT);
    const get = output.get.bind(output);
    let stale = true;
    output.get = async (key, options) => (key === LOCK_KEY && stale ? ((stale = false), Buffer.from(record('six'))) : get(key, options));
    await expect(withPublishLock(output, lockAt(T0 + HOUR), async () => 'written')).rejects.toThrow(/is running: publish seven/);
    expect(output.text(LOCK_KEY)).toBe(record('seven', T0 + 2 * HOUR));
    expect(markers()).toEqual([]);
  });

  it('refuses while the taker of a stale lock is live; once its marker is stale as its lock would be (the taker died), takes over from it', async () => {
    const output = new MemoryStore();
    const JSON_PUT = { contentType: 'application/json' };
    const record = (token: string, staleAt: number) => JSON.stringify({ owner: `publish ${token}`, token, since: new Date(T0).toISOString(), staleAt: new Date(staleAt).toISOString() });
    const markers = () => [...output.objects.keys()].filter((key) => key.startsWith('_broadsheet/publish-lock/')).sort();
    // The lock of a publish that died, stale at T0 + 1 h; a taker made its marker at T0 + 1 h, and failed before the lock's put.
    await output.put(LOCK_KEY, record('dead', T0 + HOUR), JSON_PUT);
    await output.put('_broadsheet/publish-lock/taken-over-dead', record('taker', T0 + 2 * HOUR), JSON_PUT);
    await expect(withPublishLock(output, lockAt(T0 + 2 * HOUR - 1), async () => 'written')).rejects.toThrow(/another publish is taking over the stale lock .*publish\.lock; try again once it has finished/);
    expect(await withPublishLock(output, lockAt(T0 + 2 * HOUR), async () => markers())).toEqual(['_broadsheet/publish-lock/taken-over-dead-taker']);
    expect(markers()).toEqual([]);
    expect(output.objects.has(LOCK_KEY)).toBe(false);
  });

  it('a taker stalled past half its lease after its last check of the stale lock does not write its lock over the one that took over from its marker', async () => {
    const output = new MemoryStore();
    const LEASE = 10 * 60 * 1000;
    const record = (token: string, staleAt: number) => JSON.stringify({ owner: `publish ${token}`, token, since: new Date(T0).toISOString(), staleAt: new Date(staleAt).toISOString() });
    await output.put(LOCK_KEY, record('dead', T0 + HOUR), { contentType: 'application/json' });
    let now = T0 + HOUR;
    let release: () => void = () => undefined;
    let holding: Promise<unknown> | undefined;
    // The taker's second read of the lock (its check after making its marker) answers, then it stalls for a lease:
    // its marker is then stale as its lock would be, and another waiter takes over from it meanwhile.
    const get = output.get.bind(output);
    let takerReads = 0;
    output.get = async (key, options) => {
      const bytes = await get(key, options);
      if (key === LOCK_KEY && holding === undefined && ++takerReads === 2) {
        now += LEASE;
        let started: () => void = () => undefined;
        const inWork = new Promise<void>((resolve) => (started = resolve));
        holding = withPublishLock(output, lockAt(now, 'the other waiter'), async () => {
          started();
          await new Promise<void>((resolve) => (release = resolve));
        });
        await inWork;
      }
      return bytes;
    };
    const stalled = withPublishLock(output, { owner: 'the stalled taker', clock: () => now, staleAfterMs: LEASE }, async () => 'written');
    await expect(stalled).rejects.toThrow(/this publish stalled while taking over the stale lock .*; nothing was written; publish again/);
    expect(JSON.parse(output.text(LOCK_KEY)!).owner).toBe('the other waiter');
    release();
    await holding;
    expect(output.objects.has(LOCK_KEY)).toBe(false);
  });

  it('is taken over at once from a process of this machine that is gone, saying whose; not from a live one or another machine', async () => {
    const { root, output } = await folder();
    await publish({ content: memoryContent({ entries: V1 }), output, now: NOW, websub: false });
    const here = { machine: 'desk boot 1', pid: 100 };
    // Fresh: an hour from stale, as a Ctrl-C'd or killed CLI publish leaves it.
    const left = (pid: number, machine = here.machine) => ({ owner: `broadsheet publish by alice on desk, pid ${pid}`, token: `t${pid}`, since: new Date(T0).toISOString(), staleAt: new Date(T0 + HOUR).toISOString(), process: { machine, pid } });
    const gone = new Set([4242]);
    const told: string[] = [];
    const lock = { ...lockAt(T0 + 1000), process: here, isGone: (ref: { pid: number }) => gone.has(ref.pid), onTakeOver: (message: string) => told.push(message) };
    const lockPath = join(root, '_broadsheet', 'publish.lock');

    await writeFile(lockPath, JSON.stringify(left(4343)));
    await expect(publish({ content: memoryContent({ entries: V2 }), output, now: NOW, websub: false, lock })).rejects.toThrow(/is running: broadsheet publish by alice on desk, pid 4343/);
    await writeFile(lockPath, JSON.stringify(left(4242, 'laptop boot 2')));
    await expect(publish({ content: memoryContent({ entries: V2 }), output, now: NOW, websub: false, lock })).rejects.toThrow(/is running: broadsheet publish by alice on desk, pid 4242/);
    expect(told).toEqual([]);

    await writeFile(lockPath, JSON.stringify(left(4242)));
    const result = await publish({ content: memoryContent({ entries: V2 }), output, now: NOW, websub: false, lock });
    expect(result.counts.new).toBeGreaterThan(0);
    expect(told).toEqual([
      `took over the lock ${root}/_broadsheet/publish.lock left by broadsheet publish by alice on desk, pid 4242, since 2026-12-04T10:00:00.000Z: that process is no longer running; this publish writes whatever that one left unfinished`,
    ]);
    expect(existsSync(lockPath)).toBe(false);
  });

  it('left by a publish killed after its manifest is removed by the next, which has nothing to write; a live one stays', async () => {
    const output = new MemoryStore();
    const content = memoryContent({ entries: V1 });
    await publish({ content, output, now: NOW, websub: false });
    const record = (token: string, staleAt: number) => JSON.stringify({ owner: 'broadsheet publish by alice on desk, pid 4242', token, since: new Date(T0).toISOString(), staleAt: new Date(staleAt).toISOString() });
    const told: string[] = [];
    const lock = { ...lockAt(T0 + HOUR), onTakeOver: (line: string) => told.push(line) };

    await output.put(LOCK_KEY, record('live', T0 + 2 * HOUR), { contentType: 'application/json' });
    expect((await publish({ content, output, now: NOW, websub: false, lock })).settled).toBe(true);
    expect(output.text(LOCK_KEY)).toBe(record('live', T0 + 2 * HOUR));

    await output.put(LOCK_KEY, record('dead', T0 + HOUR), { contentType: 'application/json' });
    expect((await publish({ content, output, now: NOW, websub: false, lock })).settled).toBe(true);
    expect(output.objects.has(LOCK_KEY)).toBe(false);
    expect(told).toEqual([`removed the lock memory:${LOCK_KEY} left by broadsheet publish by alice on desk, pid 4242, since 2026-12-04T10:00:00.000Z: it was stale since 2026-12-04T11:00:00.000Z; the output was already complete`]);
  });

  it('records its process in the lock it holds', async () => {
    const output = new MemoryStore();
    const here = { machine: 'desk boot 1', pid: 100 };
    let held: unknown;
    const putIfAbsent = output.putIfAbsent.bind(output);
    output.putIfAbsent = async (key, body, options) => {
      const taken = await putIfAbsent(key, body, options);
      if (key === LOCK_KEY) held = JSON.parse(String(body));
      return taken;
    };
    await publish({ content: memoryContent({ entries: V1 }), output, now: NOW, websub: false, lock: { ...lockAt(T0), process: here } });
    expect(held).toMatchObject({ owner: 'test publisher', process: here });
  });

  it('holds a lock whose create-only write went through though its answer was lost, and releases it', async () => {
    // As S3 does to a retried PutObject with If-None-Match: * whose first attempt created the key: 412, "taken".
    const answerLost = (output: MemoryStore) => {
      const putIfAbsent = output.putIfAbsent.bind(output);
      const lost: string[] = [];
      output.putIfAbsent = async (key, body, options) => {
        if (!(await putIfAbsent(key, body, options))) return false;
        lost.push(key);
        return false;
      };
      return lost;
    };
    const fresh = new MemoryStore();
    await publish({ content: memoryContent({ entries: V1 }), output: fresh, now: NOW, websub: false });
    const lost = answerLost(fresh);
    const result = await publish({ content: memoryContent({ entries: V2 }), output: fresh, now: NOW, websub: false, lock: lockAt(T0) });
    expect(lost).toEqual([LOCK_KEY]);
    expect(result.counts.new).toBeGreaterThan(0);
    expect(fresh.objects.has(LOCK_KEY)).toBe(false);

    // The same for the marker of a stale lock's takeover.
    const stale = new MemoryStore();
    await publish({ content: memoryContent({ entries: V1 }), output: stale, now: NOW, websub: false });
    const dead = { owner: 'a publish that died', token: 'dead', since: new Date(T0).toISOString(), staleAt: new Date(T0 + HOUR).toISOString() };
    await stale.put(LOCK_KEY, JSON.stringify(dead), { contentType: 'application/json' });
    const lostMarker = answerLost(stale);
    const takenOver = await publish({ content: memoryContent({ entries: V2 }), output: stale, now: NOW, websub: false, lock: lockAt(T0 + HOUR) });
    expect(lostMarker).toEqual(['_broadsheet/publish-lock/taken-over-dead']);
    expect(takenOver.counts.new).toBeGreaterThan(0);
    expect(stale.objects.has(LOCK_KEY)).toBe(false);
  });

  it('of two publishes started at once lets one through; the other refuses; the output is the winner’s whole', async () => {
    const { output } = await folder();
    await publish({ content: memoryContent({ entries: V1 }), output, now: NOW, websub: false });
    const runs = await Promise.allSettled([
      publish({ content: memoryContent({ entries: V2 }), output, now: NOW, websub: false, lock: lockAt(T0, 'first') }),
      publish({ content: memoryContent({ entries: V2 }), output, now: NOW, websub: false, lock: lockAt(T0, 'second') }),
    ]);
    expect(runs.map((run) => run.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = runs.find((run) => run.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(PublishLockedError);
    const scratch = new MemoryStore();
    await publish({ content: memoryContent({ entries: V2 }), output: scratch, now: NOW, websub: false });
    const served = (all: Record<string, string>) => Object.fromEntries(Object.entries(all).filter(([key]) => !key.startsWith('_broadsheet/')));
    expect(served(await hashes(output))).toEqual(served(await hashes(scratch)));
    expect((await output.list('_broadsheet/')).map((o) => o.key)).not.toContain(LOCK_KEY);
  });

  it('completes a publish whose lock cannot be deleted, saying so, and the lock then goes stale', async () => {
    const output = lockNeverDeleted();
    const told: string[] = [];
    const result = await publish({ content: memoryContent({ entries: V2 }), output, now: NOW, websub: false, lock: { ...lockAt(T0), onReleaseFailed: (message) => told.push(message) } });
    const scratch = new MemoryStore();
    await publish({ content: memoryContent({ entries: V2 }), output: scratch, now: NOW, websub: false });
    expect(result.counts.new).toBe((await scratch.list('')).filter((o) => !o.key.startsWith('_broadsheet/')).length);
    const served = (all: Record<string, string>) => Object.fromEntries(Object.entries(all).filter(([key]) => !key.startsWith('_broadsheet/')));
    expect(served(await hashes(output))).toEqual(served(await hashes(scratch)));
    const staleAt = new Date(T0 + HOUR).toISOString();
    expect(told).toEqual([
      `the publish is complete, but its lock memory:${LOCK_KEY} could not be deleted (InternalError: We encountered an internal error): another publish refuses until the lock is taken over as stale after ${staleAt}; or delete it by hand`,
    ]);
    expect(JSON.parse(String(output.objects.get(LOCK_KEY)?.body))).toMatchObject({ owner: 'test publisher', staleAt });

    // Without onReleaseFailed the failed release is the caller's error, as before.
    await expect(publish({ content: memoryContent({ entries: V1 }), output, now: NOW, websub: false, lock: lockAt(T0 + HOUR) })).rejects.toThrow(/internal error/);
  });

  it('given a deadline, goes stale at it, though taken only after a build of most of the run', async () => {
    const MIN = 60 * 1000;
    // The publish function's run: 15 minutes from T0, 10 of them building before the lock is taken.
    const deadline = T0 + 15 * MIN;
    const BUILD = 10 * MIN;
    let now = T0;
    const slowBuild: ArtifactBuilder = {
      entriesNeeded: () => [],
      build: () => {
        now = T0 + BUILD;
        return [];
      },
    };
    // The run ends before its lock is deleted, as one the timeout cut off: the lock stays.
    const output = lockNeverDeleted();
    const told: string[] = [];
    await publish({ content: memoryContent({ entries: V1 }), output, now: NOW, websub: false, builders: [feedArtifacts, slowBuild], lock: { owner: 'the publish function', clock: () => now, staleAt: deadline, onReleaseFailed: (message) => told.push(message) } });
    expect(JSON.parse(output.text(LOCK_KEY)!)).toMatchObject({ since: new Date(T0 + BUILD).toISOString(), staleAt: new Date(deadline).toISOString() });
    expect(told).toEqual([expect.stringContaining(`taken over as stale after ${new Date(deadline).toISOString()}`)]);

    // S3 answers the DELETE again.
    output.delete = MemoryStore.prototype.delete.bind(output);
    const retry = (at: number) => publish({ content: memoryContent({ entries: V2 }), output, now: NOW, websub: false, builders: [feedArtifacts], lock: lockAt(at, 'the retry') });
    await expect(retry(deadline - 1)).rejects.toThrow(/another publish into .* is running: the publish function, since /);
    expect((await retry(deadline)).counts.new).toBeGreaterThan(0);
    expect(output.objects.has(LOCK_KEY)).toBe(false);
  });

  it('is released when the publish fails, and a dry run takes none', async () => {
    const { root, output } = await folder();
    const bad = memoryContent({ entries: { ...V1, '2014/bad.md': '---\ntitle: [\n---\n' } });
    await expect(publish({ content: bad, output, now: NOW, websub: false, lock: lockAt(T0) })).rejects.toThrow(/problem/);
    expect(existsSync(join(root, '_broadsheet', 'publish.lock'))).toBe(false);
    const held = { owner: 'someone', token: 't', since: new Date(T0).toISOString(), staleAt: new Date(T0 + HOUR).toISOString() };
    await output.put(LOCK_KEY, JSON.stringify(held), { contentType: 'application/json' });
    const dry = await publish({ content: memoryContent({ entries: V1 }), output, now: NOW, websub: false, dryRun: true, lock: lockAt(T0) });
    expect(dry.dryRun).toBe(true);
    expect(JSON.parse(await readFile(join(root, '_broadsheet', 'publish.lock'), 'utf8'))).toEqual(held);
  });

  it('refuses to write changes built against a manifest another publish replaced before the lock was taken', async () => {
    const output = new MemoryStore();
    await publish({ content: memoryContent({ entries: V1 }), output, now: NOW, websub: false });
    const putIfAbsent = output.putIfAbsent.bind(output);
    // Another publish finishes (a new manifest) between this one's build and its taking the lock.
    output.putIfAbsent = async (key, body, options) => {
      if (key === LOCK_KEY) await publish({ content: memoryContent({ entries: V2 }), output: Object.assign(new MemoryStore(), { objects: output.objects }), now: NOW, websub: false });
      return putIfAbsent(key, body, options);
    };
    const manifestBefore = output.text('_broadsheet/manifest.json');
    const run = publish({ content: memoryContent({ entries: { ...V1, '2014/c.md': V2['2014/b.md'] } }), output, now: NOW, websub: false, lock: lockAt(T0) });
    await expect(run).rejects.toThrow(/finished while this one was building; nothing was written: publish again/);
    expect(output.text('_broadsheet/manifest.json')).not.toBe(manifestBefore);
    expect(output.objects.has(LOCK_KEY)).toBe(false);
  });

  it('tells the user to run again the command it is given, a digest, not publish, when it loses that race or finds the lock held', async () => {
    const output = new MemoryStore();
    await publish({ content: memoryContent({ entries: V1 }), output, now: NOW, websub: false });
    const putIfAbsent = output.putIfAbsent.bind(output);
    let race = true;
    output.putIfAbsent = async (key, body, options) => {
      if (key === LOCK_KEY && race) (race = false), await publish({ content: memoryContent({ entries: V2 }), output: Object.assign(new MemoryStore(), { objects: output.objects }), now: NOW, websub: false });
      return putIfAbsent(key, body, options);
    };
    const lock = { ...lockAt(T0), again: 'run broadsheet digest --send again' };
    const content = memoryContent({ entries: { ...V1, '2014/c.md': V2['2014/b.md'] } });
    await expect(publish({ content, output, now: NOW, websub: false, lock })).rejects.toThrow(/finished while this one was building; nothing was written: run broadsheet digest --send again$/);

    await output.put(LOCK_KEY, JSON.stringify({ owner: 'broadsheet publish by alice', token: 'live', since: new Date(T0).toISOString(), staleAt: new Date(T0 + HOUR).toISOString() }), { contentType: 'application/json' });
    const more = memoryContent({ entries: { ...V2, '2014/d.md': entryText(entry({ title: 'Port reopens', url: 'https://news.example.com/d', date: '2014-05-10' })) } });
    await expect(publish({ content: more, output, now: NOW, websub: false, lock })).rejects.toThrow(/Nothing was written; run broadsheet digest --send again once it has finished\./);
  });

  it('is never deleted by a publish that deletes files', async () => {
    const output = new MemoryStore();
    const lock = lockAt(T0);
    await publish({ content: memoryContent({ entries: V2 }), output, now: NOW, websub: false, lock });
    const held = { owner: 'someone', token: 't', since: new Date(T0).toISOString(), staleAt: new Date(T0 + HOUR).toISOString() };
    // A publish without the lock (a library caller) that deletes the energy tag's files leaves another's lock be.
    await output.put(LOCK_KEY, JSON.stringify(held), { contentType: 'application/json' });
    const result = await publish({ content: memoryContent({ entries: V1 }), output, now: NOW, websub: false });
    expect(result.counts.deleted).toBeGreaterThan(0);
    expect(JSON.parse(output.text(LOCK_KEY)!)).toEqual(held);
  });
});

// A CLI publish renews its lock while it writes (a lease), so one killed on another machine holds the output for a
// lease at most, and one that cannot renew stops writing before another may take the lock over.
describe('the publish lock as a lease', () => {
  const MIN = 60 * 1000;
  const LEASE = 10 * MIN;
  const TEXT = { contentType: 'text/plain; charset=utf-8' };
  const iso = (ms: number) => new Date(ms).toISOString();
  const leaseAt = (clock: () => number, renewEveryMs = 5) => ({ owner: 'lease holder', clock, staleAfterMs: LEASE, renewEveryMs });
  const lockRecord = async (store: Store) => JSON.parse((await store.get(LOCK_KEY))!.toString('utf8')) as { owner: string; token: string; since: string; staleAt: string };
  async function until(holds: () => Promise<boolean>): Promise<void> {
    for (let tries = 0; tries < 2000; tries++) {
      if (await holds()) return;
      await new Promise((done) => setTimeout(done, 5));
    }
    throw new Error('the condition never held');
  }

  it('moves its staleAt a lease on from each renewal, so a waiter past the first staleAt still refuses', async () => {
    const store = new MemoryStore();
    let now = T0;
    await withPublishLock(store, leaseAt(() => now), async () => {
      expect((await lockRecord(store)).staleAt).toBe(iso(T0 + LEASE));
      now = T0 + 3 * MIN;
      await until(async () => (await lockRecord(store)).staleAt === iso(T0 + 3 * MIN + LEASE));
      expect((await lockRecord(store)).since).toBe(iso(T0));
      const waiter = withPublishLock(store, lockAt(T0 + LEASE + MIN, 'waiter'), async () => 'written');
      await expect(waiter).rejects.toThrow(/another publish into .* is running: lease holder, since 2026-12-04T10:00:00\.000Z/);
    });
    expect(await store.get(LOCK_KEY)).toBeUndefined();
  });

  it('refuses every write once half the lease has passed without a renewal', async () => {
    const store = new MemoryStore();
    let now = T0;
    // No renewal comes within the test: the interval is an hour.
    const run = withPublishLock(store, leaseAt(() => now, HOUR), async (held) => {
      now = T0 + LEASE / 2 - 1;
      await held.put('a.txt', 'a', TEXT);
      now = T0 + LEASE / 2;
      await expect(held.delete('a.txt')).rejects.toThrow(PublishLockedError);
      await held.put('b.txt', 'b', TEXT);
    });
    await expect(run).rejects.toThrow(
      `this publish lost its lock memory:${LOCK_KEY} (it could not be renewed since ${iso(T0)}, and another publish may take it over after ${iso(T0 + LEASE)}), so it stopped writing`,
    );
    expect((await store.list('')).map((object) => object.key)).toEqual(['a.txt']);
  });

  it('refuses every write once another publish holds the lock, and leaves that one its lock', async () => {
    const store = new MemoryStore();
    const taker = { owner: 'a publish that took over', token: 'taker', since: iso(T0), staleAt: iso(T0 + HOUR) };
    const run = withPublishLock(store, leaseAt(() => T0), async (held) => {
      await store.put(LOCK_KEY, JSON.stringify(taker), TEXT);
      await until(() => held.put('a.txt', 'a', TEXT).then(() => false, (error: unknown) => error instanceof PublishLockedError));
    });
    await expect(run).resolves.toBeUndefined();
    await expect(withPublishLock(store, leaseAt(() => T0), async (held) => held.put('b.txt', 'b', TEXT))).rejects.toThrow(/another publish into .* is running: a publish that took over/);
    expect(JSON.parse((await store.get(LOCK_KEY))!.toString('utf8'))).toEqual(taker);
  });

  it('names the new holder when a renewal finds the lock taken over', async () => {
    const store = new MemoryStore();
    const run = withPublishLock(store, leaseAt(() => T0), async (held) => {
      await store.put(LOCK_KEY, JSON.stringify({ owner: 'a publish that took over', token: 'taker', since: iso(T0), staleAt: iso(T0 + HOUR) }), TEXT);
      await until(() => held.put('a.txt', 'a', TEXT).then(() => false, () => true));
      await held.put('a.txt', 'a', TEXT);
    });
    await expect(run).rejects.toThrow(`this publish lost its lock memory:${LOCK_KEY} (it is now held by a publish that took over), so it stopped writing`);
  });

  it('is what a publish writes through: one whose lease is no longer trusted writes no file', async () => {
    const { output } = await folder();
    await publish({ content: memoryContent({ entries: V1 }), output, now: NOW, websub: false });
    const before = await hashes(output);
    // The lock is taken at T0; every later reading of the clock is half a lease on, as after a suspended process.
    let readings = 0;
    const clock = () => (readings++ === 0 ? T0 : T0 + LEASE / 2);
    const run = publish({ content: memoryContent({ entries: V2 }), output, now: NOW, websub: false, lock: leaseAt(clock, HOUR) });
    await expect(run).rejects.toThrow(/this publish lost its lock .*, so it stopped writing/);
    expect(await hashes(output)).toEqual(before);
  });

  it('lets no renewal land after the release', async () => {
    // The first renewal's PUT of the lock waits until the work has returned and the release has had its chance.
    class GatedStore extends MemoryStore {
      gate: Promise<void> | undefined;
      gated: Promise<unknown> | undefined;
      override put(key: string, body: PutBody, options: PutOptions): Promise<string> {
        const gate = key === LOCK_KEY ? this.gate : undefined;
        if (!gate) return super.put(key, body, options);
        this.gate = undefined;
        const put = gate.then(() => super.put(key, body, options));
        this.gated = put;
        return put;
      }
    }
    const store = new GatedStore();
    let open = () => {};
    await withPublishLock(store, leaseAt(() => T0), async () => {
      store.gate = new Promise<void>((done) => (open = done));
      await until(async () => store.gated !== undefined);
      // Opened once the work has returned and the release, all in promises on a MemoryStore, has had its turn.
      setImmediate(open);
    });
    await store.gated;
    expect(await store.get(LOCK_KEY)).toBeUndefined();
  });
});


describe('a lock object larger than any lock record', () => {
  /** A store that records the cap of every read of the lock or a takeover marker; an uncapped read would download it whole. */
  class CapRecordingStore extends MemoryStore {
    readonly caps: (number | undefined)[] = [];
    override async get(key: string, options?: ReadOptions): Promise<Buffer | undefined> {
      if (key === LOCK_KEY || key.startsWith('_broadsheet/publish-lock/')) this.caps.push(options?.maxBytes);
      return super.get(key, options);
    }
  }
  // A junk upload: over the cap by one byte, so a reader without one would take it whole.
  const junk = Buffer.alloc(MAX_LOCK_BYTES + 1, 'x');
  const TEXT = { contentType: 'text/plain; charset=utf-8' };

  it('is never read whole: it is not a lock record, so it is taken over, marked by its size, and released', async () => {
    const store = new CapRecordingStore();
    await store.put(LOCK_KEY, junk, TEXT);
    const told: string[] = [];
    const marked = await withPublishLock(store, { ...lockAt(T0), onTakeOver: (line) => told.push(line) }, async () => store.objects.has(`_broadsheet/publish-lock/taken-over-size-${junk.length}`));
    expect(marked).toBe(true);
    expect(told).toEqual([`took over the lock memory:${LOCK_KEY}, which was not a lock record; this publish writes what a publish from scratch would`]);
    expect(store.objects.has(LOCK_KEY)).toBe(false);
    expect(store.caps.length).toBeGreaterThan(0);
    expect(store.caps.every((cap) => cap === MAX_LOCK_BYTES)).toBe(true);
  });

  it('is the same stale object to every waiter: one that finds the size marker taken refuses', async () => {
    const store = new CapRecordingStore();
    await store.put(LOCK_KEY, junk, TEXT);
    await store.put(`_broadsheet/publish-lock/taken-over-size-${junk.length}`, JSON.stringify({ owner: 'another waiter', token: 'other', since: new Date(T0).toISOString(), staleAt: new Date(T0 + HOUR).toISOString() }), TEXT);
    await expect(withPublishLock(store, lockAt(T0), async () => 'written')).rejects.toThrow(/another publish is taking over the stale lock/);
    expect(store.objects.get(LOCK_KEY)?.body.length).toBe(junk.length);
  });

  it('put in place of a held lock stops the holder at its next renewal, unread', async () => {
    const store = new CapRecordingStore();
    const run = withPublishLock(store, { owner: 'lease holder', clock: () => T0, staleAfterMs: HOUR, renewEveryMs: 5 }, async (held) => {
      await store.put(LOCK_KEY, junk, TEXT);
      for (let tries = 0; tries < 2000; tries++) {
        if (await held.put('a.txt', 'a', TEXT).then(() => false, () => true)) break;
        await new Promise((done) => setTimeout(done, 5));
      }
      await held.put('a.txt', 'a', TEXT);
    });
    await expect(run).rejects.toThrow(`this publish lost its lock memory:${LOCK_KEY} (it is now held by something that is not a lock record), so it stopped writing`);
    expect(store.objects.get(LOCK_KEY)?.body.length).toBe(junk.length);
    expect(store.caps.every((cap) => cap === MAX_LOCK_BYTES)).toBe(true);
  });
});

describe('lockState, as status reports the lock', () => {
  const here = { machine: 'desk boot 1', pid: 100 };
  const record = (fields: Record<string, unknown>) => JSON.stringify({ owner: 'broadsheet publish by ada on desk, pid 4242', token: 't', since: '2014-06-01T00:00:00.000Z', staleAt: '2014-06-01T00:10:00.000Z', ...fields });
  const storeWith = async (text?: string) => {
    const store = new MemoryStore();
    if (text !== undefined) await store.put(LOCK_KEY, Buffer.from(text), { contentType: 'application/json' });
    return store;
  };
  const at = (iso: string) => Date.parse(iso);

  it('is none without a lock, and held before its staleAt by a process elsewhere', async () => {
    expect(await lockState(await storeWith(), at('2014-06-01T00:05:00Z'), here)).toBeUndefined();
    expect(await lockState(await storeWith(record({ process: { machine: 'laptop boot 9', pid: 4242 } })), at('2014-06-01T00:05:00Z'), here)).toEqual({ kind: 'held', owner: 'broadsheet publish by ada on desk, pid 4242', since: '2014-06-01T00:00:00.000Z', staleAt: '2014-06-01T00:10:00.000Z' });
  });

  it('is left once past its staleAt, or at once when its process on this machine is gone', async () => {
    expect(await lockState(await storeWith(record({})), at('2014-06-01T00:10:00Z'), here)).toMatchObject({ kind: 'left', why: 'it was not renewed, and is stale since 2014-06-01T00:10:00.000Z' });
    // A pid no process has: the largest Linux allows is 2^22.
    const gone = { machine: here.machine, pid: 2 ** 22 + 1 };
    expect(await lockState(await storeWith(record({ process: gone })), at('2014-06-01T00:05:00Z'), here)).toMatchObject({ kind: 'left', why: 'its process is no longer running' });
  });

  it('is unreadable when the object is no lock record', async () => {
    expect(await lockState(await storeWith('not json'), at('2014-06-01T00:05:00Z'), here)).toEqual({ kind: 'unreadable' });
  });
});
