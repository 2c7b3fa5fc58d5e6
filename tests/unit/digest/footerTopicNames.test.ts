import { DateTime } from 'luxon';
import { simpleParser, type ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { runDigest } from '../../../cli/digestRun.js';
import type { DigestSendOptions } from '../../../lib/delivery/digestDelivery.js';
import { fanOutDigest, parseShardMessage, sendDigestShard } from '../../../lib/delivery/digestFanout.js';
import { FileTransport } from '../../../lib/delivery/fileTransport.js';
import { digestArtifacts } from '../../../lib/digest/digestArtifacts.js';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { publishDigestWeek } from '../../../lib/publish/publishDigestWeek.js';
import { slugify } from '../../../lib/shared/slug.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { offeredTags } from '../../../lib/subscribers/offeredTags.js';
import { storedTagList } from '../../../lib/subscribers/storedTagList.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { siteYaml, TEST_ENVELOPE } from '../../support/digestFixtures.js';

// A subscriber's digest footer names the topics they chose as the site names them (the topics page's names), a topic
// no entry of the week carries too: it said "rason" for a reader who ticked "Rasŏn". Its name comes from the site's
// tag list (tags/tags.json), which the send reads once: in one process (broadsheet digest, cli/digestRun.ts) and
// carried with the stored model to each batch (the digest function's fan-out).

// Seoul: 2014-W19 is 5–11 May, W20 12–18 May. W19's entry is tagged Telecoms; only W20's carries Rasŏn.
const NOW = DateTime.fromISO('2014-05-19T08:00:00+09:00');
const RASON = 'Rasŏn';
const content = () =>
  memoryContent({
    site: siteYaml(),
    entries: {
      '2014/a.md': entryText(entry({ title: 'Koryolink in W19', date: '2014-05-06', tags: ['Telecoms'] })),
      '2014/b.md': entryText(entry({ title: 'Power line in W20', date: '2014-05-13', tags: [RASON, 'Infrastructure'] })),
    },
  });
const CHOSEN = [slugify('Telecoms'), slugify(RASON)];
const FOOTER = `for the entries tagged Telecoms, ${RASON}.`;

/** A file transport into memory, and the messages it wrote, read back as a mail client reads them. */
function capture() {
  const outbox = new MemoryStore();
  const transport = new FileTransport(outbox);
  const send: DigestSendOptions = { transport: () => transport, timeLeft: () => 60_000 };
  const delivered = () => Promise.all([...outbox.objects.values()].map((object) => simpleParser(object.body)));
  return { delivered, transport, send };
}

async function subscribers() {
  const store = new StoreSubscriberStore(new MemoryStore());
  await addSubscriber(store, 'kim@example.org', { method: 'imported', now: NOW, tags: CHOSEN });
  return store;
}

const footer = (message: ParsedMail) => ({ text: message.text!.replace(/\s+/g, ' '), html: message.html as string });

describe("a subscriber's footer names a chosen topic the week's entries do not carry as the site does", () => {
  it('sent by broadsheet digest, which reads the published tag list', async () => {
    expect(CHOSEN[1]).not.toBe(RASON);
    const { delivered, send } = capture();
    const output = new MemoryStore();
    await runDigest({ content: content(), output, now: NOW, week: '2014-W19', builders: [pageArtifacts, digestArtifacts], send, subscribers: { store: await subscribers() } });
    const [mail, ...more] = await delivered();
    expect([mail!.to, more]).toMatchObject([{ text: 'kim@example.org' }, []]);
    const { text, html } = footer(mail!);
    expect(text).toContain(`subscribed to the weekly digest of Test Watch, ${FOOTER}`);
    expect(html).toMatch(new RegExp(`for the entries tagged <bdi[^>]*>Telecoms</bdi>, <bdi[^>]*>${RASON}</bdi>\\.</p>`));
  });

  it("sent by the digest function's batches, which get the tag list with the stored model", async () => {
    const output = new MemoryStore();
    const { model } = await publishDigestWeek({ content: content(), output, now: NOW, week: '2014-W19', archiveNamedWeek: true, builders: [pageArtifacts, digestArtifacts] });
    const siteTags = await offeredTags(output);
    expect(siteTags).toContainEqual({ slug: CHOSEN[1], name: RASON });
    const bodies: string[] = [];
    await fanOutDigest(model, { output, queue: { send: async (batch) => void bodies.push(...batch) }, siteTags: siteTags! });
    const { delivered, transport, send } = capture();
    const store = await subscribers();
    const batch = bodies.map(parseShardMessage).find((message) => message.shard === subscriberId('kim@example.org').slice(0, 2))!;
    await sendDigestShard(batch, { output, subscribers: store, now: NOW, send, prepare: () => ({ transport, unsubscribe: TEST_ENVELOPE.unsubscribe, from: TEST_ENVELOPE.from }) });
    const [mail, ...more] = await delivered();
    expect([mail!.to, more]).toMatchObject([{ text: 'kim@example.org' }, []]);
    expect(footer(mail!).text).toContain(FOOTER);
  });

  it('and a batch stored by a version that kept the slugs alone still sends, each slug its own name as that version showed it', () => {
    expect(storedTagList(['telecoms', 'rason'])).toEqual([
      { slug: 'telecoms', name: 'telecoms' },
      { slug: 'rason', name: 'rason' },
    ]);
    expect(storedTagList([{ slug: 'rason', name: RASON }])).toEqual([{ slug: 'rason', name: RASON }]);
    for (const damaged of [undefined, 'rason', [{ slug: 'rason' }], [null]]) expect(storedTagList(damaged)).toBeUndefined();
  });
});
