import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { batchStreakKey, PAUSE_MS, readBatchStreak, saveBatchStreak } from '../../../lib/delivery/batchStreak.js';
import { DeliveryError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';

const WEEK = '2014-W19';
const T0 = DateTime.fromISO('2014-05-12T09:00:00Z');
const lost = new DeliveryError('connection closed after DATA', 'unknown');

/** One batch: reads the streak, fails `failures` times (or succeeds once with 0), stores it. */
async function batch(output: MemoryStore, now: DateTime, failures: number): Promise<string | undefined> {
  const { streak, stored, paused } = await readBatchStreak(output, WEEK, now);
  if (paused) return paused;
  if (failures === 0) streak.succeeded();
  for (let i = 0; i < failures && !streak.tripped; i++) streak.failed(lost);
  await saveBatchStreak(output, WEEK, streak, stored, now);
  return undefined;
}

describe('the fan-out batches\' streak of transport failures', () => {
  it('adds up across batches: the third failure in a row pauses every batch for PAUSE_MS', async () => {
    const output = new MemoryStore();
    expect(await batch(output, T0, 1)).toBeUndefined();
    expect(await batch(output, T0, 1)).toBeUndefined();
    expect(await batch(output, T0, 1)).toBeUndefined();
    expect(JSON.parse(output.objects.get(batchStreakKey(WEEK))!.body.toString())).toEqual({ inARow: 3, last: 'connection closed after DATA', pausedUntil: '2014-05-12T09:15:00.000Z' });
    const paused = await batch(output, T0.plus({ milliseconds: PAUSE_MS - 1 }), 0);
    expect(paused).toBe('the transport failed 3 times in a row (last: connection closed after DATA); batches wait until 2014-05-12T09:15:00.000Z');
  });

  it('after the pause, one failure starts the next pause; one success ends the streak', async () => {
    const output = new MemoryStore();
    await batch(output, T0, 3);
    const after = T0.plus({ milliseconds: PAUSE_MS });
    expect(await batch(output, after, 1)).toBeUndefined();
    expect(await batch(output, after, 0)).toMatch(/^the transport failed 3 times in a row/);
    const later = after.plus({ milliseconds: PAUSE_MS });
    expect(await batch(output, later, 0)).toBeUndefined();
    expect(JSON.parse(output.objects.get(batchStreakKey(WEEK))!.body.toString())).toEqual({ inARow: 0 });
    // Two failures after a success do not pause.
    expect(await batch(output, later, 2)).toBeUndefined();
    expect(await batch(output, later, 0)).toBeUndefined();
  });

  it('writes nothing for a batch that changed nothing, and starts again from a damaged record', async () => {
    const output = new MemoryStore();
    await batch(output, T0, 0);
    expect(output.objects.has(batchStreakKey(WEEK))).toBe(false);
    await output.put(batchStreakKey(WEEK), '{"inARow": 3, "pausedUn', { contentType: 'application/json' });
    expect(await batch(output, T0, 0)).toBeUndefined();
  });
});
