import { describe, expect, it } from 'vitest';
import { loggedError } from '../../../functions/loggedError.js';

describe('loggedError', () => {
  it('keeps the name and a message with no address', () => {
    const error = Object.assign(new Error('550 5.1.1 <ada@example.org>: Recipient address rejected'), { name: 'DeliveryError' });
    expect(loggedError(error)).toEqual({ name: 'DeliveryError', message: '550 5.1.1 <<address>>: Recipient address rejected' });
  });

  it('replaces an address SES quotes after a colon', () => {
    expect(loggedError(new Error('Email address is not verified. The following identities failed the check in region EU-WEST-1: grace@example.org')).message).toBe(
      'Email address is not verified. The following identities failed the check in region EU-WEST-1: <address>',
    );
  });

  it('logs a thrown value that is not an Error as its text', () => {
    expect(loggedError('refused for bob@example.org')).toEqual({ name: 'Error', message: 'refused for <address>' });
    expect(loggedError(undefined)).toEqual({ name: 'Error', message: 'undefined' });
  });
});
