import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createEntry } from '../../../cli/newEntry.js';
import { runRecordLines } from '../../../cli/runLines.js';
import { finishXml } from '../../../lib/feeds/feedGuards.js';
import { iconArtifacts } from '../../../lib/pages/iconArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import type { RunRecord } from '../../../lib/publish/runRecord.js';
import { PublishBusyError, RenderError, TakenError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

const NOW = DateTime.fromISO('2014-05-12T09:00:00+09:00', { setZone: true });
const failed: RunRecord = { id: 'run-1', kind: 'publish', trigger: 'manual', startedAt: '2014-05-12T00:00:00.000Z', endedAt: '2014-05-12T00:00:02.000Z', outcome: 'failed', counts: {}, changed: [], changedTotal: 0, problems: [], problemsTotal: 0 };

/** Status's line under a run that failed with `error`, as its record keeps it (the class name and the message). */
function statusLine(error: unknown, record: Partial<RunRecord> = {}): string {
  const { name, message } = error as Error;
  return runRecordLines({ ...failed, ...record, error: name, message })[1]!;
}

const caught = (run: () => unknown): Promise<unknown> => Promise.resolve().then(run).catch((error: unknown) => error);

describe("status's words for a RenderError, true for each thrower", () => {
  const words = (message: string) => `    the output could not be built safely: ${message} (a fault in Broadsheet, not in the content: report it with this message)`;

  it('two builders that claim one unit (buildSite): the code is at fault, not an entry', async () => {
    const content = memoryContent({ site: SITE, entries: { '2014/a.md': entryText(entry()) } });
    const error = await caught(() => publish({ content, output: new MemoryStore(), now: NOW, builders: [iconArtifacts, iconArtifacts] }));
    expect(error).toBeInstanceOf(RenderError);
    // Both builders write the generated icon.
    expect(statusLine(error)).toBe(words('two outputs claim the same file icon.png'));
  });

  it("a guard around the feed package (finishXml): its message names no entry, and the content's text was cleaned before it", async () => {
    const error = await caught(() => finishXml('<rss>\u0000</rss>'));
    expect(error).toBeInstanceOf(RenderError);
    expect(statusLine(error)).toBe(words('a feed contains a character that XML forbids'));
  });
});

describe("status's words for a TakenError (new's file, id or article taken by another entry)", () => {
  it('names the clash; its message gives the fix, and running it again would not help, so no todo', async () => {
    const content = memoryContent({ site: SITE, entries: { '2014/rason-port.md': entryText(entry({ url: 'https://example.com/old' })) } });
    const error = await caught(() => createEntry(content, { url: 'https://example.com/new', title: 'Rason port', date: '2014-05-12' }, NOW));
    expect(error).toBeInstanceOf(TakenError);
    expect(statusLine(error, { kind: 'publish', trigger: 'cli' })).toBe(
      '    the new entry clashes with one already there: entries/2014/rason-port.md already exists and was left as it is: give a different --title, or edit that file',
    );
  });
});

describe("status's words for a PublishBusyError (the digest function's publish busy with another publish)", () => {
  it('says the week was not published; its message says a retry publishes and sends, so no todo', () => {
    // The real throw needs Lambda's throttling: tests/e2e/digest/lambda.test.ts covers it, and its log names the class.
    const message = 'the publish function is busy (throttled: another publish is running); nothing was sent, and a retry publishes and sends';
    const error = new PublishBusyError(message);
    expect(error.name).toBe('PublishBusyError');
    expect(statusLine(error, { kind: 'digest', trigger: 'schedule', week: '2014-W19' })).toBe(`    the digest could not publish its week: ${message}`);
  });
});
