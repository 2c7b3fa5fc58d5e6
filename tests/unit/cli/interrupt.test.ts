import { afterEach, describe, expect, it } from 'vitest';
import { Interrupt } from '../../../cli/interrupt.js';
import { MANIFEST_KEY } from '../../../lib/publish/manifest.js';
import { LOCK_KEY, withPublishLock } from '../../../lib/publish/publishLock.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { observeStore } from '../../../cli/progress.js';
import { InterruptedError } from '../../../lib/shared/errors.js';
import type { CliIo } from '../../../cli/io.js';

const lines: string[] = [];
const io: CliIo = { stdout: () => undefined, stderr: (line) => lines.push(line), env: {}, cwd: '/', isTty: false };
const made: Interrupt[] = [];
const interrupt = () => {
  const made1 = new Interrupt(io, 'publish');
  made.push(made1);
  return made1;
};
afterEach(() => {
  for (const one of made.splice(0)) one.dispose();
  lines.length = 0;
});

// process.emit runs the listeners as a signal would, without sending one.
describe('Interrupt', () => {
  it('after Ctrl-C refuses the site\'s writes, the manifest among them, until the publish writes its checkpoint', async () => {
    const stop = interrupt();
    await stop.beforeWrite('index.html');
    process.emit('SIGINT');
    await expect(stop.beforeWrite('feed.json')).rejects.toBeInstanceOf(InterruptedError);
    await expect(stop.beforeWrite(MANIFEST_KEY)).rejects.toBeInstanceOf(InterruptedError);
    await stop.beforeWrite(LOCK_KEY);
    stop.checkpoint();
    await stop.beforeWrite(MANIFEST_KEY);
    // The checkpoint lets its manifest through, nothing else of the site.
    await expect(stop.beforeWrite('rss.xml')).rejects.toBeInstanceOf(InterruptedError);
  });

  it('takes one Ctrl-C: its listener is gone after it, so a second one ends the process at once (Node\'s default)', () => {
    const before = process.listenerCount('SIGINT');
    interrupt();
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    process.emit('SIGINT');
    expect(lines).toEqual(['broadsheet publish: Ctrl-C: stopping once the files being written are whole (Ctrl-C again to quit at once)']);
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it('takes one signal of either kind: after Ctrl-C a SIGTERM ends the process at once too, and the stop stays Ctrl-C\'s', async () => {
    const before = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') };
    const stop = interrupt();
    process.emit('SIGINT');
    // Neither listener is left: a second signal, whichever, falls to Node's default and ends the process.
    expect(process.listenerCount('SIGINT')).toBe(before.SIGINT);
    expect(process.listenerCount('SIGTERM')).toBe(before.SIGTERM);
    expect(lines).toHaveLength(1);
    await expect(stop.beforeWrite('index.html')).rejects.toThrow(new InterruptedError('SIGINT', 'stopped by SIGINT: nothing was written'));
  });

  it('lets the lock\'s release through whole after Ctrl-C: the marker of the stale lock it took over goes with it', async () => {
    const T0 = Date.parse('2026-12-04T10:00:00Z');
    const output = new MemoryStore();
    // A lock left by a publish that died, stale by now.
    await output.put(LOCK_KEY, JSON.stringify({ owner: 'a publish that died', token: 'dead', since: new Date(T0).toISOString(), staleAt: new Date(T0 + 1000).toISOString() }), { contentType: 'application/json' });
    const stop = interrupt();
    const guarded = observeStore(output, { beforeWrite: (key) => stop.beforeWrite(key) });
    const stopped = withPublishLock(guarded, { owner: 'this publish', clock: () => T0 + 60_000 }, async (held) => {
      process.emit('SIGINT');
      await held.put('index.html', 'x', { contentType: 'text/html' });
    });
    await expect(stopped).rejects.toBeInstanceOf(InterruptedError);
    expect([...output.objects.keys()].filter((key) => key.startsWith('_broadsheet/'))).toEqual([]);
  });
});
