import { describe, expect, it } from 'vitest';
import { changesReadBy, CLOCK_SKEW_MS, isS3TestEvent, listedProblems, MAX_LISTED, triggerOf } from '../../../functions/publishEvents.js';
import { s3Event, scheduledEvent } from '../../support/lambda.js';

const START = Date.parse('2026-12-05T10:00:00.000Z');
const at = (iso: string) => s3Event('broadsheet-content', ['content/entries/2014/a.md'], 'ObjectCreated:Put', iso);

describe('changesReadBy', () => {
  it('takes a change as read by a publish that started at least CLOCK_SKEW_MS after S3 stored it', () => {
    expect(changesReadBy(at(new Date(START - CLOCK_SKEW_MS).toISOString()), START)).toBe(true);
    expect(changesReadBy(at('2026-12-05T09:58:00.000Z'), START)).toBe(true);
  });

  it('does not for a change closer to the start than the clocks may disagree, or after it', () => {
    expect(changesReadBy(at(new Date(START - CLOCK_SKEW_MS + 1).toISOString()), START)).toBe(false);
    expect(changesReadBy(at('2026-12-05T10:00:01.000Z'), START)).toBe(false);
  });

  it('needs every record of the event read, and a readable eventTime on each', () => {
    const event = at('2026-12-05T09:58:00.000Z');
    event.Records.push(at('2026-12-05T10:00:30.000Z').Records[0]!);
    expect(changesReadBy(event, START)).toBe(false);
    expect(changesReadBy(at('yesterday'), START)).toBe(false);
    const missing = at('2026-12-05T09:58:00.000Z');
    delete (missing.Records[0] as { eventTime?: string }).eventTime;
    expect(changesReadBy(missing, START)).toBe(false);
  });
});

describe('isS3TestEvent', () => {
  // The test message as the S3 User Guide shows it ("Event message structure").
  const testMessage = { Service: 'Amazon S3', Event: 's3:TestEvent', Time: '2014-10-13T15:57:02.089Z', Bucket: 'broadsheet-content', RequestId: '5582815E1AEA5ADF', HostId: '8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE' };

  it('knows S3’s test message, which is no change to publish', () => {
    expect(isS3TestEvent(testMessage)).toBe(true);
    expect(triggerOf(testMessage)).toBeUndefined();
  });

  it('is false for a change notification, a schedule and anything else', () => {
    expect(isS3TestEvent(s3Event('broadsheet-content', ['content/a.md']))).toBe(false);
    expect(isS3TestEvent(scheduledEvent())).toBe(false);
    expect(isS3TestEvent({ ...testMessage, Event: 's3:ObjectCreated:Put' })).toBe(false);
    expect(isS3TestEvent(null)).toBe(false);
  });
});

describe('listedProblems', () => {
  it('lists the first MAX_LISTED, a file that prints like another of all the problems starting its line escaped', () => {
    const alike = (file: string) => ({ file, field: 'id', message: 'reads like another id', fix: 'rename one' });
    const filler = Array.from({ length: MAX_LISTED }, (_, i) => ({ file: `entries/2014/f${i}.md`, field: 'title', message: 'is missing', fix: 'add it' }));
    // The composed look-alike is past the limit, not listed: the decomposed one is still told apart from it.
    const lines = listedProblems([alike('entries/2014/cafe\u0301.md'), ...filler, alike('entries/2014/caf\u00e9.md')]);
    expect(lines).toHaveLength(MAX_LISTED);
    expect(lines[0]).toBe('entries/2014/cafe\\u301.md: id: reads like another id (rename one)');
    expect(lines[MAX_LISTED - 1]).toBe(`entries/2014/f${MAX_LISTED - 2}.md: title: is missing (add it)`);
  });
});
