import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loggedRecipientDetail } from '../../../functions/loggedRecipientDetail.js';
import { recipientId } from '../../../lib/subscribers/recipient.js';

describe('loggedRecipientDetail', () => {
  it("names the recipient <recipient>, and hides another address and a ledger key's hash that the error quotes", () => {
    const address = 'ada@example.org';
    const other = 'grace@example.org';
    // A store error quoting the ledger key of another recipient: its name is that address's hash.
    const key = `_broadsheet/digest-ledger/2014-W19/${recipientId(other)}.json`;
    const sha = createHash('sha256').update(other).digest('hex');
    const detail = `550 rejected ${address} (alias of ${other}); cannot put s3://site/${key}; etag ${sha}`;
    const logged = loggedRecipientDetail({ address, detail });
    expect(logged).toBe('550 rejected <recipient> (alias of <address>); cannot put s3://site/_broadsheet/digest-ledger/2014-W19/<hash>.json; etag <hash>');
  });

  it('is empty for a result without a detail', () => {
    expect(loggedRecipientDetail({ address: 'ada@example.org' })).toBe('');
  });
});
