import { describe, expect, it } from 'vitest';
import { loggedError } from '../../../functions/loggedError.js';
import { StoreError } from '../../../lib/shared/errors.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';

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

describe("loggedError: a storage error's key", () => {
  it("logs no address's hash a storage error quotes: the key it failed on, the resource's ARN in S3's AccessDenied", () => {
    const id = subscriberId('ada@example.org');
    const error = new StoreError(`cannot get s3://content/_subscribers/${id}/0000000001.json: AccessDenied (HTTP 403): User is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::content/_subscribers/${id}/0000000001.json"`);
    const logged = loggedError(error);
    expect(logged).toEqual({ name: 'StoreError', message: 'cannot get s3://content/_subscribers/<hash>/0000000001.json: AccessDenied (HTTP 403): User is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::content/_subscribers/<hash>/0000000001.json"' });
    // Not even its first 16 digits, enough to look an address up.
    expect(JSON.stringify(logged)).not.toContain(id.slice(0, 16));
  });

  it('replaces the hash before the cut to 1,000 characters, so that no part of one is left at the end', () => {
    const id = subscriberId('ada@example.org');
    const message = `${'x'.repeat(990)} ${id}/0000000001.json`;
    expect(loggedError(new Error(message)).message).toBe(`${'x'.repeat(990)} <hash>/00`);
  });
});
