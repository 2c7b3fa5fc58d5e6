import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { digestArtifacts } from '../../../lib/digestArtifacts.js';
import { runDigest, type DigestSendOptions, type RenderedArchive } from '../../../lib/digestRun.js';
import { ArchiveError, UsageError } from '../../../lib/errors.js';
import { feedArtifacts } from '../../../lib/feedArtifacts.js';
import { FileTransport } from '../../../lib/mail/fileTransport.js';
import { addressRecipients } from '../../../lib/mail/recipientSources.js';
import { LEDGER_PREFIX } from '../../../lib/mail/sendLedger.js';
import { MemoryStore } from '../../../lib/memoryStore.js';
import { publish } from '../../../lib/publish.js';
import type { Store } from '../../../lib/store.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { siteYaml } from './fixtures.js';

// runDigest with ensurePublished: it renders the archive as a dry run, lets another writer publish it, and sends
// only when the manifest holds the week's files as rendered. Seoul; 2014-W20 is 12–18 May.
const entries = (cTitle = 'C in W20') => ({
  '2014/a.md': entryText(entry({ title: 'A in W19', date: '2014-05-06' })),
  '2014/c.md': entryText(entry({ title: cTitle, date: '2014-05-13', summary: 'C summary.' })),
});
const content = (cTitle?: string) => memoryContent({ site: siteYaml(), entries: entries(cTitle) });
const NOW = DateTime.fromISO('2014-05-19T08:00:00+09:00');
const builders = [feedArtifacts, digestArtifacts];

function sendTo(outbox: Store): DigestSendOptions {
  return { transport: () => new FileTransport(outbox), recipients: async () => addressRecipients(['reader@example.org']) };
}
/** The publish function, as far as the archive goes: the same publish() with the same builders. */
const publishFunction = (from: Store, output: Store) => publish({ content: from, output, now: NOW, builders });

describe('runDigest with another writer (ensurePublished)', () => {
  it('writes nothing before the hook, then sends once the hook has published the week; the ledger is its only write', async () => {
    const source = content();
    const output = new MemoryStore();
    const outbox = new MemoryStore();
    const seen: RenderedArchive[] = [];
    let putsByPublisher = 0;
    const result = await runDigest({
      content: source,
      output,
      now: NOW,
      builders,
      send: sendTo(outbox),
      ensurePublished: async (archive) => {
        seen.push(archive);
        expect(output.requests.put + output.requests.delete).toBe(0);
        expect(outbox.objects.size).toBe(0);
        const before = output.requests.put;
        await publishFunction(source, output);
        putsByPublisher = output.requests.put - before;
      },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.dryRun.dryRun).toBe(true);
    expect(seen[0]!.weekKeys).toEqual(['digests/2014-W20.html', 'digests/2014-W20.txt']);
    expect(seen[0]!.dryRun.changes.find((change) => change.key === 'digests/2014-W20.html')?.status).toBe('new');
    expect(result.send).toMatchObject({ sent: 1 });
    expect([...outbox.objects.keys()]).toHaveLength(1);
    // After the publisher's writes, runDigest wrote only ledger records.
    const ledgerWrites = output.requests.put - putsByPublisher;
    expect(ledgerWrites).toBe([...output.objects.keys()].filter((key) => key.startsWith(LEDGER_PREFIX)).length);
  });

  it('sends nothing when the hook returns without publishing', async () => {
    const output = new MemoryStore();
    const outbox = new MemoryStore();
    await expect(runDigest({ content: content(), output, now: NOW, builders, send: sendTo(outbox), ensurePublished: async () => undefined })).rejects.toBeInstanceOf(ArchiveError);
    expect(outbox.objects.size).toBe(0);
    expect(output.objects.size).toBe(0);
  });

  it('sends nothing when what was published is not what was rendered (the content changed in between)', async () => {
    const output = new MemoryStore();
    const outbox = new MemoryStore();
    const run = runDigest({ content: content(), output, now: NOW, builders, send: sendTo(outbox), ensurePublished: async () => void (await publishFunction(content('C in W20, edited'), output)) });
    await expect(run).rejects.toThrow(/digests\/2014-W20\.html and digests\/2014-W20\.txt are not published as rendered/);
    expect(outbox.objects.size).toBe(0);
  });

  it('calls the hook when archiving only, too', async () => {
    const output = new MemoryStore();
    let calls = 0;
    const source = content();
    await runDigest({ content: source, output, now: NOW, builders, week: '2014-W19', ensurePublished: async () => void (calls++, await publishFunction(source, output)) });
    expect(calls).toBe(1);
    expect(output.text('digests/2014-W19.txt')).toContain('A in W19');
  });

  it('refuses a week the other writer does not archive (empty, before the first entry), without calling the hook', async () => {
    let calls = 0;
    const run = runDigest({ content: content(), output: new MemoryStore(), now: NOW, builders, week: '2014-W17', ensurePublished: async () => void calls++ });
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow(/2014-W17 has no entries/);
    expect(calls).toBe(0);
  });
});
