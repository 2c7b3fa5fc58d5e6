import { describe, expect, it } from 'vitest';
import { loggedText } from '../../../functions/loggedText.js';

describe('loggedText', () => {
  // A bounce or alias address whose local part holds 32 hex digits or more (VERP, a reply token): the address is
  // replaced whole, not its digits alone, which would leave the rest of it, the domain, as an address no more.
  it('replaces an address whose local part holds a run of hex digits as an address, whole', () => {
    const token = '0123456789abcdef0123456789abcdef';
    expect(loggedText(`550 5.1.1 <${token}@example.org>: unknown user`)).toBe('550 5.1.1 <<address>>: unknown user');
    expect(loggedText(`refused for ada.${token}@example.org and bounce-${token}%40example.org`)).toBe('refused for <address> and <address>');
    // A URL's user and password are no address: a hex password in one is still a hash's run.
    expect(loggedText(`smtps://user:${token}@smtp.example.org:465 refused`)).toBe('smtps://user:<hash>@smtp.example.org:465 refused');
  });
});
