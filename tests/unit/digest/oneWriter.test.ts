import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { digestArtifacts } from '../../../lib/digest/digestArtifacts.js';
import { checkArchived, deliverDigest, digestWeekFiles, prepareSend, requireSite, type DigestSendOptions } from '../../../lib/delivery/digestDelivery.js';
import { decodeDigestModel, encodeDigestModel } from '../../../lib/digest/digestModelCodec.js';
import { digestModelAt, publishDigestWeek } from '../../../lib/publish/publishDigestWeek.js';
import { ArchiveError, ContentError, UsageError } from '../../../lib/shared/errors.js';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { FileTransport } from '../../../lib/delivery/fileTransport.js';
import { addressRecipients } from '../../../lib/delivery/recipientSources.js';
import { LEDGER_PREFIX, ledgerPrefix } from '../../../lib/digest/ledgerRecords.js';
import { recipientId } from '../../../lib/subscribers/recipient.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { publish } from '../../../lib/publish/publish.js';
import { MANIFEST_KEY } from '../../../lib/publish/manifest.js';
import { parseIsoWeek } from '../../../lib/time/isoWeek.js';
import type { Store } from '../../../lib/store/store.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';

// The digest in a deployment is split between two writers of different things: the publish function publishes
// the site and hands back the week's model (publishDigestWeek), the digest function checks the archive and
// sends (checkArchived, deliverDigest), writing only its ledger. Seoul; 2014-W20 is 12–18 May.
const entries = (cTitle = 'C in W20') => ({
  '2014/a.md': entryText(entry({ title: 'A in W19', date: '2014-05-06' })),
  '2014/b.md': entryText(entry({ title: 'B in W20, no summary', date: '2014-05-12' }), 'B’s first paragraph, the summary.\n\nA second paragraph.\n'),
  '2014/c.md': entryText(entry({ title: cTitle, date: '2014-05-13', summary: 'C summary.' })),
});
const content = (cTitle?: string) => memoryContent({ site: siteYaml(), entries: entries(cTitle) });
const NOW = DateTime.fromISO('2014-05-19T08:00:00+09:00');
const builders = [feedArtifacts, digestArtifacts];

function sendTo(outbox: Store): DigestSendOptions {
  return { transport: () => new FileTransport(outbox), recipients: async () => addressRecipients(['reader@example.org']) };
}
/** The model as the digest function receives it: through JSON, as a Lambda response carries it. */
const overTheWire = (model: Parameters<typeof encodeDigestModel>[0]) => decodeDigestModel(JSON.parse(JSON.stringify(encodeDigestModel(model))));

describe('publishDigestWeek (the publish function’s side)', () => {
  it('publishes exactly what a default publish does, and returns the week as archived', async () => {
    const output = new MemoryStore();
    const { publish: result, model } = await publishDigestWeek({ content: content(), output, now: NOW, builders });
    expect(model.week.name).toBe('2014-W20');
    expect(model.entries.map((e) => [e.title, e.summary])).toEqual([
      ['B in W20, no summary', 'B’s first paragraph, the summary.'],
      ['C in W20', 'C summary.'],
    ]);
    expect(result.dryRun).toBe(false);
    // The same files, byte for byte, as a plain publish of the same content.
    const plain = new MemoryStore();
    await publish({ content: content(), output: plain, now: NOW, builders });
    expect([...output.objects.keys()].sort()).toEqual([...plain.objects.keys()].sort());
    for (const [key, object] of plain.objects) expect(output.objects.get(key)!.body.equals(object.body), key).toBe(true);
    // The model renders the week's archived files exactly.
    for (const file of digestWeekFiles(model)) expect(output.objects.get(file.key)!.body.equals(file.body), file.key).toBe(true);
  });

  it('loads the content once: the model comes from the plan the publish made the files from', async () => {
    const source = content();
    const { model } = await publishDigestWeek({ content: source, output: new MemoryStore(), now: NOW, builders });
    // One listing of the entries, the publish's: the model is not loaded again.
    expect(source.requests.list).toBe(1);
    expect(model.entries.map((e) => e.title)).toEqual(['B in W20, no summary', 'C in W20']);
    // The same when the CLI names the week, which must be refused before anything is written if the archive does not keep it.
    const named = content();
    const { model: asked } = await publishDigestWeek({ content: named, output: new MemoryStore(), now: NOW, builders, week: '2014-W20', archiveNamedWeek: true });
    expect(named.requests.list).toBe(1);
    expect(encodeDigestModel(asked)).toEqual(encodeDigestModel(model));
  });

  it('with nothing changed writes nothing and returns the same week', async () => {
    const output = new MemoryStore();
    const first = await publishDigestWeek({ content: content(), output, now: NOW, builders });
    const writes = output.requests.put + output.requests.delete;
    const again = await publishDigestWeek({ content: content(), output, now: NOW, builders });
    expect(output.requests.put + output.requests.delete).toBe(writes);
    expect(again.publish.counts).toMatchObject({ new: 0, changed: 0, deleted: 0 });
    expect(encodeDigestModel(again.model)).toEqual(encodeDigestModel(first.model));
  });

  it('refuses a week that has not ended before writing anything', async () => {
    const output = new MemoryStore();
    await expect(publishDigestWeek({ content: content(), output, now: NOW, builders, week: '2014-W21' })).rejects.toThrow(UsageError);
    await expect(publishDigestWeek({ content: content(), output, now: NOW, builders, week: '2014-W21' })).rejects.toThrow(/2014-W21 has not ended/);
    expect(output.requests.put + output.requests.delete).toBe(0);
  });

  it('refuses a week the archive does not keep, having published only what any publish does', async () => {
    const output = new MemoryStore();
    // 2014-W17 is empty and before the first entry's week.
    await expect(publishDigestWeek({ content: content(), output, now: NOW, builders, week: '2014-W17' })).rejects.toThrow(/2014-W17 has no entries/);
    expect([...output.objects.keys()].sort()).toEqual((await publishedKeys(content())).sort());
    expect(output.objects.has('digests/2014-W17.html')).toBe(false);
  });

  it('refuses invalid content with every problem, writing nothing', async () => {
    const output = new MemoryStore();
    const broken = memoryContent({ site: siteYaml(), entries: { ...entries(), '2014/bad.md': entryText(entry({ title: undefined, date: 'someday' })) } });
    const error = await publishDigestWeek({ content: broken, output, now: NOW, builders }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems.map((p) => p.field).sort()).toEqual(['date', 'title']);
    expect(output.requests.put + output.requests.delete).toBe(0);
  });

  it('refuses such a week before writing anything when asked to archive it (the CLI, its own writer)', async () => {
    const output = new MemoryStore();
    await expect(publishDigestWeek({ content: content(), output, now: NOW, builders, week: '2014-W17', archiveNamedWeek: true })).rejects.toThrow(/2014-W17 has no entries and comes before 2014-W19/);
    expect(output.requests.put + output.requests.delete).toBe(0);
  });
});

describe('digestModelAt (the week from the plan a publish makes)', () => {
  it('gives the week a publish archived, its first paragraphs from the entry index: no entry file is read again', async () => {
    const output = new MemoryStore();
    const source = content();
    await publish({ content: source, output, now: NOW, builders });
    const gets = source.requests.get;
    const { model, archived } = await digestModelAt({ content: source, output, now: NOW, week: parseIsoWeek('2014-W20', 'Asia/Seoul')! });
    expect(archived).toBe(true);
    expect(source.requests.get - gets).toBe(1);
    expect(model.entries.map((e) => e.summary)).toEqual(['B’s first paragraph, the summary.', 'C summary.']);
    for (const file of digestWeekFiles(model)) expect(output.objects.get(file.key)!.body.equals(file.body), file.key).toBe(true);
  });

  it('says when a default publish does not archive the week (empty, before the first entry’s week)', async () => {
    const output = new MemoryStore();
    await publish({ content: content(), output, now: NOW, builders });
    const { model, archived } = await digestModelAt({ content: content(), output, now: NOW, week: parseIsoWeek('2014-W17', 'Asia/Seoul')! });
    expect(archived).toBe(false);
    expect(model.entries).toEqual([]);
  });

  it('counts a week its ledger shows mailed to subscribers as archived, though it has no entries now', async () => {
    const output = new MemoryStore();
    await publish({ content: content(), output, now: NOW, builders });
    await output.put(`${ledgerPrefix('2014-W17')}${recipientId('ada@example.org')}/1.sent.json`, '{}', { contentType: 'application/json' });
    const { model, archived } = await digestModelAt({ content: content(), output, now: NOW, week: parseIsoWeek('2014-W17', 'Asia/Seoul')! });
    expect(archived).toBe(true);
    expect(model.entries).toEqual([]);
  });
});

describe('checkArchived and deliverDigest (the digest function’s side)', () => {
  it('sends once the archive holds the week as the model renders it; the ledger is its only write', async () => {
    const output = new MemoryStore();
    const outbox = new MemoryStore();
    const source = content();
    const { model } = await publishDigestWeek({ content: source, output, now: NOW, builders });
    const received = overTheWire(model);
    const send = sendTo(outbox);
    const prepared = await prepareSend(await requireSite(source), send);
    const writes = recordWrites(output);
    await checkArchived(output, received);
    const delivery = await deliverDigest(received, { output, now: NOW, send, prepared });
    expect(delivery.send).toMatchObject({ sent: 1, failed: 0 });
    expect([...outbox.objects.keys()]).toHaveLength(1);
    // Every write of the delivery went to the ledger, and the site holds only what a publish writes besides.
    expect(writes.length).toBeGreaterThan(0);
    for (const key of writes) expect(key.startsWith(`${LEDGER_PREFIX}2014-W20/`), key).toBe(true);
    expect([...output.objects.keys()].filter((key) => !key.startsWith(LEDGER_PREFIX)).sort()).toEqual(
      [...(await publishedKeys(source))].sort(),
    );
  });

  it('sends nothing when nothing is published', async () => {
    const { model } = await publishDigestWeek({ content: content(), output: new MemoryStore(), now: NOW, builders });
    await expect(checkArchived(new MemoryStore(), model)).rejects.toBeInstanceOf(ArchiveError);
  });

  it('sends nothing when the archive changed after the model was made (the content was edited and published)', async () => {
    const output = new MemoryStore();
    const { model } = await publishDigestWeek({ content: content(), output, now: NOW, builders });
    await publish({ content: content('C in W20, edited'), output, now: NOW, builders });
    await expect(checkArchived(output, model)).rejects.toThrow(/digests\/2014-W20\.html and digests\/2014-W20\.txt are not published as rendered/);
  });

  it('tells a model that does not render what the publisher reported archiving from a stale archive', async () => {
    const output = new MemoryStore();
    const { model } = await publishDigestWeek({ content: content(), output, now: NOW, builders });
    const reported = Object.fromEntries(digestWeekFiles(model).map((file) => [file.key, output.objects.get(file.key)!.body]).map(([key, body]) => [key, sha(body as Buffer)]));
    await checkArchived(output, model, reported);
    const garbled = { ...model, entries: model.entries.map((e, i) => (i === 0 ? { ...e, title: `${e.title}!` } : e)) };
    await expect(checkArchived(output, garbled, reported)).rejects.toThrow(/does not render digests\/2014-W20\.html and digests\/2014-W20\.txt as the publish function archived them/);
  });

  it('sends a model the publisher reported archiving though a later publish re-rendered the week, naming the files; not once they are gone', async () => {
    const output = new MemoryStore();
    const { model } = await publishDigestWeek({ content: content(), output, now: NOW, builders });
    const reported = Object.fromEntries(digestWeekFiles(model).map((file) => [file.key, sha(output.objects.get(file.key)!.body)]));
    // The editor's correction of C, published after the model was handed over: the archive link shows it corrected.
    await publish({ content: content('C in W20, corrected'), output, now: NOW, builders });
    expect(await checkArchived(output, model, reported)).toEqual(['digests/2014-W20.html', 'digests/2014-W20.txt']);
    // Without the week's files published, the email's link would not work.
    await expect(checkArchived(new MemoryStore(), model, reported)).rejects.toThrow(/digests\/2014-W20\.html and digests\/2014-W20\.txt are not published; nothing is sent/);
  });

  it('names a manifest it cannot read, not the week, as what stops the send', async () => {
    const output = new MemoryStore();
    const { model } = await publishDigestWeek({ content: content(), output, now: NOW, builders });
    const reported = Object.fromEntries(digestWeekFiles(model).map((file) => [file.key, sha(output.objects.get(file.key)!.body)]));
    // Its first half, as a read cut short gives it: not JSON.
    const whole = output.objects.get(MANIFEST_KEY)!.body;
    await output.put(MANIFEST_KEY, whole.subarray(0, whole.length / 2), { contentType: 'application/json' });
    const unreadable = `${MANIFEST_KEY} cannot be read (it is not JSON), so the archive the email links to cannot be checked; nothing is sent until a publish writes the manifest again`;
    await expect(checkArchived(output, model)).rejects.toThrow(new ArchiveError(unreadable));
    await expect(checkArchived(output, model, reported)).rejects.toThrow(new ArchiveError(unreadable));
  });

  it('archives an empty week but does not send it without sendEmpty', async () => {
    const source = memoryContent({ site: siteYaml(), entries: { '2014/a.md': entryText(entry({ title: 'A in W19', date: '2014-05-06' })) } });
    const output = new MemoryStore();
    const outbox = new MemoryStore();
    const { model } = await publishDigestWeek({ content: source, output, now: NOW, builders });
    expect(model.week.name).toBe('2014-W20');
    await checkArchived(output, model);
    const send = sendTo(outbox);
    const delivery = await deliverDigest(model, { output, now: NOW, send, prepared: await prepareSend(await requireSite(source), send) });
    expect(delivery).toEqual({ notSent: '2014-W20 has no entries and digest.sendEmpty is false: archived as empty, not sent' });
    expect(outbox.objects.size).toBe(0);
  });
});

/** The keys of every write to `store` from now on. */
function recordWrites(store: MemoryStore): string[] {
  const keys: string[] = [];
  for (const method of ['put', 'putIfAbsent', 'delete'] as const) {
    const original = store[method].bind(store) as (key: string, ...rest: unknown[]) => Promise<unknown>;
    (store as unknown as Record<string, unknown>)[method] = (key: string, ...rest: unknown[]) => {
      keys.push(key);
      return original(key, ...rest);
    };
  }
  return keys;
}

async function publishedKeys(source: Store): Promise<string[]> {
  const plain = new MemoryStore();
  await publish({ content: source, output: plain, now: NOW, builders });
  return [...plain.objects.keys()];
}

function sha(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
