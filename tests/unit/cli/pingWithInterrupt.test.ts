import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pingWithInterrupt } from '../../../cli/pingWithInterrupt.js';
import { TestHub } from '../../support/hub.js';
import type { CliIo } from '../../../cli/io.js';

const lines: string[] = [];
const io: CliIo = { stdout: () => undefined, stderr: (line) => lines.push(line), env: {}, cwd: '/', isTty: false };
let hub: TestHub;
beforeEach(async () => {
  hub = await new TestHub().start();
});
afterEach(async () => {
  lines.length = 0;
  await hub.close();
});

describe('pingWithInterrupt', () => {
  it.each([
    ['SIGINT', 'SIGTERM', 'Ctrl-C', 'Ctrl-C'],
    ['SIGTERM', 'SIGINT', 'SIGTERM', 'signal'],
  ] as const)('takes one signal of either kind: after %s, while the ping is under way, no %s listener is left to take the next', async (first, other, name, again) => {
    // Other files' runs in this process may hold listeners of their own: only those pingWithInterrupt adds are looked at.
    const before = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);
    const added = (signal: NodeJS.Signals) => process.listeners(signal).filter((listener) => !before.has(listener));
    let reached!: () => void;
    const atHub = new Promise<void>((resolve) => (reached = resolve));
    // The hub reads the ping and never answers: the ping is under way when the signal comes.
    hub.respond = () => {
      reached();
      return 'hang';
    };
    const pinging = pingWithInterrupt({ hub: hub.url, feeds: ['https://news.example.com/feed.json'] }, io, 'publish');
    await atHub;
    expect(added(other)).toHaveLength(1);
    // As the signal would run it, without sending one.
    const [listener] = added(first);
    (listener as () => void)();
    // Neither listener is left while the ping ends: the next signal, whichever, falls to Node's default and ends the process.
    expect(added('SIGINT')).toEqual([]);
    expect(added('SIGTERM')).toEqual([]);
    const pings = await pinging;
    expect(pings.map((ping) => ping.ok)).toEqual([false]);
    expect(lines).toEqual([`broadsheet publish: ${name}: the WebSub pings left are not sent; the publish is done (${again} again to quit at once)`]);
  });
});
