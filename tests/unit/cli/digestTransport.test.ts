import { describe, expect, it } from 'vitest';
import { digestCommand, makeTransport } from '../../../cli/commands/digest.js';
import { prepareSend } from '../../../lib/delivery/digestDelivery.js';
import { ConfigError, UsageError } from '../../../lib/shared/errors.js';
import { testSite } from '../../support/digestFixtures.js';

const unsubscribe = { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' };
const withList = testSite({}, { from: 'W <d@watch.example.org>', unsubscribe, ses: { contactList: 'Readers', topic: 'weekly', identity: 'watch.example.org' } });
const withoutList = testSite({}, { from: 'W <d@watch.example.org>', unsubscribe, ses: { identity: 'watch.example.org' } });
const env = { region: 'us-east-1' };
const SECRET = '0123456789abcdef0123456789abcdef';

describe("the CLI's ses transport: SES manages unsubscribes only for the contact list's own recipients", () => {
  it('the contact list gets SES’s unsubscribe; other recipients (--subscribers, --to) Broadsheet’s own, though site.yml names a list', async () => {
    const prepare = (contactList: boolean) => prepareSend(withList, { transport: (config) => makeTransport('ses', config, '/nowhere', env, { contactList }), unsubscribeSecret: SECRET });
    const list = await prepare(true);
    expect(list.transport.listManaged).toBe(true);
    expect(list.unsubscribe).toEqual({ kind: 'ses' });
    const others = await prepare(false);
    expect(others.transport.listManaged).toBe(false);
    expect(others.unsubscribe).toEqual({ kind: 'headers', urlTemplate: unsubscribe.url, mailto: unsubscribe.mailto, secret: SECRET });
  });

  it('needs no contact list in site.yml for them; only a send to the list does', async () => {
    expect((await makeTransport('ses', withoutList.digest, '/nowhere', env, { contactList: false })).listManaged).toBe(false);
    await expect(makeTransport('ses', withoutList.digest, '/nowhere', env, { contactList: true })).rejects.toThrow(ConfigError);
  });
});

describe('digest --endpoint', () => {
  it('goes with an s3:// --content or --subscribers, and is refused alone rather than ignored', async () => {
    const io = { stdout: () => {}, stderr: () => {}, env: {}, cwd: '/nowhere', isTty: false };
    await expect(digestCommand.run(['--endpoint', 'http://127.0.0.1:4569'], io)).rejects.toThrow(new UsageError('digest: --endpoint goes with --bucket or an s3:// --content or --subscribers'));
  });
});
