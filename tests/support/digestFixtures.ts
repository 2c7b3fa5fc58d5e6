import { dump } from 'js-yaml';
import { DateTime } from 'luxon';
import { buildDigestModel, type DigestModel } from '../../lib/digest/digestModel.js';
import type { EntryMeta } from '../../lib/content/entry.js';
import { parseIsoWeek } from '../../lib/time/isoWeek.js';
import { parseSite, type Site } from '../../lib/content/site.js';
import { slugify } from '../../lib/shared/slug.js';
import { entry, entryText, memoryContent } from './content.js';
import type { UnsubscribeMode } from '../../lib/delivery/message.js';
import type { SendDigestOptions } from '../../lib/delivery/sendDigest.js';
import { SendLedger } from '../../lib/delivery/sendLedger.js';
import type { MailTransport } from '../../lib/delivery/transport.js';
import { renderDigestHtml } from '../../lib/digest/renderDigestHtml.js';
import type { Store } from '../../lib/store/store.js';
import type { Recipient } from '../../lib/subscribers/recipient.js';

export const DIGEST = {
  from: 'Test Watch <digest@watch.example.org>',
  unsubscribe: { url: 'https://lists.watch.example.org/unsubscribe?email={email}', mailto: 'unsubscribe@watch.example.org' },
};

/** The digest settings of a site whose subscribers are the store's: they leave through its own /unsubscribe, signed with STORE_SECRET. */
export const STORE_DIGEST = { ...DIGEST, unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' } };
export const STORE_SECRET = 'store-unsubscribe-secret-long-enough';

export function siteYaml(site: Record<string, unknown> = {}, digest: Record<string, unknown> = DIGEST): string {
  return dump({ title: 'Test Watch', description: 'Curated test news.', url: 'https://watch.example.org/', language: 'en-GB', timezone: 'Asia/Seoul', idDate: '2014', digest, ...site });
}

export function testSite(site: Record<string, unknown> = {}, digest: Record<string, unknown> = DIGEST): Site {
  const parsed = parseSite(siteYaml(site, digest));
  if (!parsed.site) throw new Error(JSON.stringify(parsed.problems));
  return parsed.site;
}

let counter = 0;
/** An entry dated `date` (local ISO in Seoul unless it has an offset). */
export function meta(date: string, overrides: Partial<EntryMeta> = {}): EntryMeta {
  const n = ++counter;
  const tags = ['Trade', 'Markets'].map((name) => ({ name, slug: slugify(name) }));
  return {
    key: `entries/2014/e${n}.md`,
    id: `2014/e${n}`,
    title: `Entry ${n}`,
    url: `https://news.example.com/${n}`,
    source: { name: 'Example News', url: 'https://news.example.com/' },
    date: DateTime.fromISO(date, { zone: 'Asia/Seoul' }).toMillis(),
    tags,
    summary: `Summary of entry ${n}.`,
    related: [],
    draft: false,
    ...overrides,
  };
}

export function weekModel(site: Site, entries: EntryMeta[], weekName = '2014-W19'): DigestModel {
  return buildDigestModel(site, parseIsoWeek(weekName, site.timezone)!, entries, new Map());
}

/**
 * Two digest weeks of content, in Seoul (2014-W19 is 5–11 May; W20 is 12–18 May): A and B in W19 (B with no
 * summary: its first paragraph stands in), C in W20, a draft in W19 and an entry embargoed into W21; `extra`
 * entries beside them, and `digest` settings instead of DIGEST's.
 */
export function twoWeeksContent(extra: Record<string, string> = {}, digest?: Record<string, unknown>) {
  return memoryContent({
    site: digest ? siteYaml({}, digest) : siteYaml(),
    entries: {
      '2014/a.md': entryText(entry({ title: 'A in W19', date: '2014-05-06' })),
      '2014/b.md': entryText(entry({ title: 'B in W19', date: '2014-05-09' }), 'Body first paragraph of B.\n\nSecond.\n'),
      '2014/c.md': entryText(entry({ title: 'C in W20', date: '2014-05-13', summary: 'C summary.' })),
      '2014/draft.md': entryText(entry({ title: 'Draft in W19', date: '2014-05-07', draft: true })),
      '2014/embargo.md': entryText(entry({ title: 'Embargoed in W21', date: '2014-05-20' })),
      ...extra,
    },
  });
}

/** The envelope of the tests' sends: From, subject, List-Id and the unsubscribe headers. */
export const TEST_ENVELOPE: { from: string; subject: string; listId: string; unsubscribe: UnsubscribeMode } = {
  from: 'Test Watch <digest@watch.example.org>',
  subject: 'Test',
  listId: 'Test Watch digest <digest.watch.example.org>',
  unsubscribe: { kind: 'headers', urlTemplate: 'https://watch.example.org/u?e={email}', mailto: 'u@watch.example.org' },
};

/** sendDigest's options for a test: the model's email HTML (or `html`), a ledger in `store`, TEST_ENVELOPE. */
export function testSendOptions(options: { model: DigestModel; html?: string; recipients: readonly Recipient[]; transport: MailTransport; store: Store; now: DateTime; runId?: string }): SendDigestOptions {
  const { model, store, runId } = options;
  return {
    model,
    html: options.html ?? renderDigestHtml(model, { variant: 'email' }),
    recipients: options.recipients,
    transport: options.transport,
    ledger: new SendLedger(store, model.week.name),
    now: options.now,
    ...TEST_ENVELOPE,
    ...(runId !== undefined ? { runId } : {}),
  };
}
