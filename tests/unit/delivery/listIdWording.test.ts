import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildDigestMessage, digestMessageId, listIdOf, unsubscribeUrl } from '../../../lib/delivery/message.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { parseRecipient } from '../../../lib/subscribers/recipient.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// RFC 2919 §2: List-Id is a phrase and the list id, `[phrase] "<" list-id ">"`. The phrase is the digest's name
// (digestName): "Weekly digest of {title}", or a title that says digest already alone, where "{title} digest" read
// "Weekly Digest digest". The list id, which filters and the unsubscribe tokens go by, is the same.
const site = testSite({ title: 'Weekly Digest' });
// The site's url is https://watch.example.org/ (testSite): its list id is digest.HOST.
const ID = 'digest.watch.example.org';
const SECRET = 'list-id-wording-secret-long-enough';

describe('the List-Id of a site titled "Weekly Digest"', () => {
  it('reads "Weekly Digest", the list id unchanged, as a mail client parses it', async () => {
    expect(listIdOf(site)).toBe(`Weekly Digest <${ID}>`);
    const model = weekModel(site, [meta('2014-05-08')]);
    const message = await buildDigestMessage({
      model,
      html: renderDigestHtml(model, { variant: 'email' }),
      recipient: parseRecipient('ada@example.org'),
      from: 'Weekly Digest <digest@watch.example.org>',
      subject: 'S',
      listId: listIdOf(site),
      unsubscribe: { kind: 'headers', urlTemplate: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org', secret: SECRET },
      date: DateTime.fromISO('2014-05-12T08:00:00+09:00'),
    });
    const parsed = await simpleParser(message.raw);
    expect((parsed.headers.get('list') as { id: { id: string; name: string } }).id).toEqual({ id: ID, name: 'Weekly Digest' });
  });

  it('keeps the unsubscribe token and the Message-ID a List-Id with the old phrase gave: they name the list id alone', () => {
    const before = `Weekly Digest digest <${ID}>`;
    const template = 'https://watch.example.org/unsubscribe?token={token}';
    expect(unsubscribeUrl(template, 'ada@example.org', listIdOf(site), SECRET)).toBe(unsubscribeUrl(template, 'ada@example.org', before, SECRET));
    expect(digestMessageId('2014-W19', listIdOf(site), 'ada@example.org', site)).toBe(digestMessageId('2014-W19', before, 'ada@example.org', site));
  });
});
