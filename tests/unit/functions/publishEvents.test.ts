import { describe, expect, it } from 'vitest';
import { changesReadBy, CLOCK_SKEW_MS } from '../../../functions/publishEvents.js';
import { s3Event } from '../../support/lambda.js';

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
