import { describe, expect, it } from 'vitest';
import { runKey } from '../../../lib/publish/runRecord.js';
import { recipientId } from '../../../lib/subscribers/recipient.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { withoutAddressHashes } from '../../../lib/shared/withoutAddressHashes.js';

describe('withoutAddressHashes', () => {
  it("replaces a record's folder (its id) and a ledger's recipient id, wherever a key or an ARN quotes them", () => {
    const id = subscriberId('ada@example.org');
    const ledger = recipientId('ada@example.org');
    expect(withoutAddressHashes(`cannot get s3://content/_subscribers/${id}/0000000001.json: AccessDenied (HTTP 403): not authorized on resource: "arn:aws:s3:::content/_subscribers/${id}/0000000001.json"`)).toBe(
      'cannot get s3://content/_subscribers/<hash>/0000000001.json: AccessDenied (HTTP 403): not authorized on resource: "arn:aws:s3:::content/_subscribers/<hash>/0000000001.json"',
    );
    expect(withoutAddressHashes(`cannot put s3://site/_broadsheet/digest-ledger/2014-W19/${ledger}/1.claim.json`)).toBe('cannot put s3://site/_broadsheet/digest-ledger/2014-W19/<hash>/1.claim.json');
    expect(withoutAddressHashes(`"${id.toUpperCase()}" is not a subscriber id`)).toBe('"<hash>" is not a subscriber id');
  });

  it("leaves shorter hex runs (a keyed record's 16-digit HMAC name, S3's request id), UUIDs and words with hex inside", () => {
    const text = 'cannot get s3://content/_subscribers/inboxes/0123456789abcdef/0000000001.json: RequestId: 4442587FB7D0A2F9, request 1b4e28ba-2fa1-11d2-883f-0016d3cca427, x0123456789abcdef0123456789abcdef';
    expect(withoutAddressHashes(text)).toBe(text);
  });

  // What an operator follows a failure by: a run's id (a Lambda request id, a CLI run's `cli-` one) and the record's key
  // it names, an X-Ray trace id. None holds a run of 32 hex digits, so none is taken for an address's hash.
  it("leaves a run's id, its record's key and a trace id, which name no address", () => {
    const lambdaRun = 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef';
    const cliRun = 'cli-0f8fad5b-d9cb-469f-a165-70867728950e';
    const text = `cannot put s3://site/${runKey({ id: lambdaRun, startedAt: '2014-05-19T00:00:00.000Z' })} for run ${cliRun}: Root=1-5759e988-bd862e3fe1be46a994272793`;
    expect(withoutAddressHashes(text)).toBe(text);
  });
});
