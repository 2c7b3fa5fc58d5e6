import { describe, expect, it } from 'vitest';
import { withoutAddresses } from '../../../lib/shared/mailbox.js';

describe('withoutAddresses and percent-encoded addresses', () => {
  it('replaces a word holding a percent-encoded "@" (RFC 3986 §2.1), as a URL quotes an address', () => {
    // An SES v2 UpdateContact error names the contact in its request path; encodeURIComponent('ada+news@example.org').
    const path = `/v2/email/contact-lists/watch/contacts/${encodeURIComponent('ada+news@example.org')}`;
    expect(path).toContain('%40');
    expect(withoutAddresses(`Contact not found: ${path} (404)`)).toBe('Contact not found: <address> (404)');
    // mailto: ends at ":" (a word's end), so the scheme stays.
    expect(withoutAddresses(`List-Unsubscribe: <mailto:${encodeURIComponent('grace@example.org')}?subject=unsubscribe>`)).toBe('List-Unsubscribe: <mailto:<address>>');
  });

  it('replaces an address encoded twice or more (%2540: the "%" itself encoded)', () => {
    const twice = encodeURIComponent(encodeURIComponent('ada@example.org'));
    const thrice = encodeURIComponent(twice);
    expect(twice).toBe('ada%2540example.org');
    expect(withoutAddresses(`retry ${twice} and ${thrice}`)).toBe('retry <address> and <address>');
  });

  it('leaves words with other percent-encodings alone', () => {
    const text = `s3://content-bucket/${encodeURIComponent('a b/c')} 100%25 %4 %400x`;
    // "%400x" holds "%40": over-scrubbed, which hides nothing a log needs; the rest stays as it was.
    expect(withoutAddresses(text)).toBe('s3://content-bucket/a%20b%2Fc 100%25 %4 <address>');
  });
});
