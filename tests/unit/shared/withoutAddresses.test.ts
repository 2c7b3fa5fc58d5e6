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
    // "%400x" holds "%40" but no local part before it nor a domain after it: no address.
    expect(withoutAddresses(text)).toBe(text);
  });
});

describe('withoutAddresses and words with an "@" that are no address', () => {
  it('keeps an npm scope and a package\'s version, as the SDK\'s errors name them', () => {
    // What @smithy/node-http-handler's TimeoutError says; no local part before its "@".
    const timeout = '@smithy/node-http-handler - [ERROR] a request has exceeded the configured 2000 ms requestTimeout.';
    expect(withoutAddresses(timeout)).toBe(timeout);
    // A version after "@": no top-level label of letters.
    expect(withoutAddresses('from @aws-sdk/client-sesv2@3.600.0')).toBe('from @aws-sdk/client-sesv2@3.600.0');
    // Beside them, an address is still replaced.
    expect(withoutAddresses(`${timeout} to ada@example.org`)).toBe(`${timeout} to <address>`);
  });

  it('keeps a URL\'s userinfo, whose "@" ends it (RFC 3986 §3.2.1), as the example of a fix gives it', () => {
    const fix = `create it with read -rs SMTP_URL (type smtps://user:password@smtp.example.org:465, unechoed), then printf '%s' "$SMTP_URL" | aws ssm put-parameter`;
    expect(withoutAddresses(fix)).toBe(fix);
    expect(withoutAddresses('write smtp://user:password@host:587 or smtps://user@smtp.example.org:465')).toBe('write smtp://user:password@host:587 or smtps://user@smtp.example.org:465');
  });

  it('still replaces an address a URL\'s userinfo holds (percent-encoded there), and one after a scheme with no "//"', () => {
    expect(withoutAddresses('smtps://digest%40watch.example.org:app-password@smtp.example.org:465')).toBe('smtps:<address>:app-password@smtp.example.org:465');
    expect(withoutAddresses('smtps://ada%40example.org@smtp.example.org:465')).toBe('smtps:<address>:465');
    expect(withoutAddresses('mailto:ada@example.org and in region EU-WEST-1:grace@example.org')).toBe('mailto:<address> and in region EU-WEST-1:<address>');
  });
});
