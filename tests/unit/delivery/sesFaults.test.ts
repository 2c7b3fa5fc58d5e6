import { ListContactsCommand, MessageRejected, SendEmailCommand, SESv2Client, SESv2ServiceException } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../lib/shared/errors.js';
import { buildDigestMessage } from '../../../lib/delivery/message.js';
import { parseRecipient, parseSubscriberList } from '../../../lib/subscribers/recipient.js';
import { sendDigest } from '../../../lib/delivery/sendDigest.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { SendLedger } from '../../../lib/delivery/sendLedger.js';
import { sesContactRecipients } from '../../../lib/delivery/sesContactRecipients.js';
import { SesTransport } from '../../../lib/delivery/sesTransport.js';
import { DateTime } from 'luxon';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { meta, testSendOptions, testSite, weekModel } from '../../support/digestFixtures.js';
import { decodeWords } from '../../support/encodedWords.js';

/** Nothing to record before the message goes out: these tests send without a ledger. */
const HAND_OVER = async (): Promise<void> => undefined;

// SES rejections and throttling are faults the local emulator cannot produce, so these use an SDK mock.
const ses = mockClient(SESv2Client);
afterEach(() => ses.reset());
// The unit project runs its files in one module graph a worker (isolate: false): the mock of the class must not
// outlive this file, or a later file's real SES client answers from it.
afterAll(() => ses.restore());

const model = weekModel(testSite(), [meta('2014-05-08')]);
const message = (address: string) =>
  buildDigestMessage({ model, html: renderDigestHtml(model, { variant: 'email' }), recipient: parseRecipient(address), from: 'W <d@watch.example.org>', subject: 'S', listId: 'W digest <digest.watch.example.org>', unsubscribe: { kind: 'ses' }, date: DateTime.fromISO('2014-05-12T00:00:00Z') });
const fault = (name: string, status: number) => new SESv2ServiceException({ name, $fault: status < 500 ? 'client' : 'server', $metadata: { httpStatusCode: status }, message: `${name} happened` });

describe('SES faults', () => {
  const transport = () => new SesTransport({ client: new SESv2Client({ region: 'us-east-1' }), endpoint: 'AWS SES (us-east-1)', contactList: 'Readers', topic: 'weekly' });

  it('sends with ListManagementOptions for the list and topic', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    expect(await transport().send(await message('ada@example.org'), HAND_OVER)).toBe('m-1');
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input.ListManagementOptions).toEqual({ ContactListName: 'Readers', TopicName: 'weekly' });
    expect(input.Destination).toEqual({ ToAddresses: ['ada@example.org'] });
  });

  it('gives SES its From and To in 7-bit ASCII, a display name as encoded words (its SendEmail reference)', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-2' });
    const built = await buildDigestMessage({ model, html: renderDigestHtml(model, { variant: 'email' }), recipient: parseRecipient('Ådä Lövelace <ada@example.org>'), from: 'Économie Watch 📰 <d@watch.example.org>', subject: 'Économie: 5–11 May', listId: 'W digest <digest.watch.example.org>', unsubscribe: { kind: 'ses' }, date: DateTime.fromISO('2014-05-12T00:00:00Z') });
    await transport().send(built, HAND_OVER);
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    const ascii = [input.FromEmailAddress!, ...input.Destination!.ToAddresses!, input.Content!.Simple!.Subject!.Data!];
    for (const text of ascii) expect(text).toMatch(/^[ -~]+$/);
    expect(ascii.map(decodeWords)).toEqual(['Économie Watch 📰 <d@watch.example.org>', 'Ådä Lövelace <ada@example.org>', 'Économie: 5–11 May']);
    // Already 7-bit: no Charset, so SES sends the encoded words as they are rather than encode them again.
    expect(input.Content!.Simple!.Subject!.Charset).toBeUndefined();
  });

  it('gives SES the Reply-To of digest.replyTo, as the raw message has it', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-3' });
    const built = await buildDigestMessage({ model, html: renderDigestHtml(model, { variant: 'email' }), recipient: parseRecipient('ada@example.org'), from: 'W <d@watch.example.org>', replyTo: 'Rédaction <editors@watch.example.org>', subject: 'S', listId: 'W digest <digest.watch.example.org>', unsubscribe: { kind: 'ses' }, date: DateTime.fromISO('2014-05-12T00:00:00Z') });
    await transport().send(built, HAND_OVER);
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input.ReplyToAddresses).toHaveLength(1);
    expect(input.ReplyToAddresses![0]).toMatch(/^[ -~]+$/);
    expect(decodeWords(input.ReplyToAddresses![0]!)).toBe('Rédaction <editors@watch.example.org>');
  });

  it('a rejection is refused (not sent, recorded failed) and the run goes on', async () => {
    ses.on(SendEmailCommand).rejects(fault('MessageRejected', 400));
    const error = await transport().send(await message('ada@example.org'), HAND_OVER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ outcome: 'refused' });
  });

  it("throttling, a paused account and a server error (after the SDK's retries) are the transport down: not attempted", async () => {
    for (const [name, status] of [['TooManyRequestsException', 429], ['SendingPausedException', 400], ['InternalFailure', 500]] as const) {
      ses.reset();
      ses.on(SendEmailCommand).rejects(fault(name, status));
      await expect(transport().send(await message('ada@example.org'), HAND_OVER)).rejects.toMatchObject({ outcome: 'notAttempted' });
    }
  });

  it('SES rejecting the From identity (MessageRejected naming it) is the transport refusing: not attempted, the run stops at the first, its claim given back', async () => {
    // TEST_ENVELOPE's From, as SES names the identity: in its own case.
    const unverified = new MessageRejected({ message: 'Email address is not verified. The following identities failed the check in region US-EAST-1: Digest@Watch.example.org', $metadata: { httpStatusCode: 400 } });
    ses.on(SendEmailCommand).rejects(unverified);
    const list = ['ada@a.example', 'bob@b.example', 'cy@c.example'];
    const store = new MemoryStore();
    const summary = await sendDigest(testSendOptions({ model, recipients: parseSubscriberList(list.join('\n')), transport: transport(), store, now: DateTime.fromISO('2014-05-12T08:00:00+09:00') }));
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(summary).toMatchObject({
      failed: 0,
      sent: 0,
      notReached: 3,
      stopped: 'AWS SES (us-east-1) refuses the sender digest@watch.example.org, whoever the recipient (nothing was sent): MessageRejected (HTTP 400): Email address is not verified. The following identities failed the check in region US-EAST-1: Digest@Watch.example.org; verify it in SES',
    });
    expect([...(await new SendLedger(store, model.week.name).load()).values()].map((r) => r.status)).toEqual(['released']);
    // A rejection naming the recipient alone (SES's sandbox) stays theirs.
    ses.reset();
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: 'Email address is not verified. The following identities failed the check in region US-EAST-1: ada@a.example', $metadata: { httpStatusCode: 400 } }));
    await expect(transport().send(await message('ada@a.example'), HAND_OVER)).rejects.toMatchObject({ outcome: 'refused' });
  });

  it("a rejection naming a recipient whose address ends in the From address's (ed@… beside d@…) stays that recipient's", async () => {
    // The message's From is d@watch.example.org: within ed@watch.example.org as text, yet another address.
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: 'Email address is not verified. The following identities failed the check in region US-EAST-1: ed@watch.example.org', $metadata: { httpStatusCode: 400 } }));
    await expect(transport().send(await message('ed@watch.example.org'), HAND_OVER)).rejects.toMatchObject({ outcome: 'refused' });
    // And one naming the From address among others, as the sandbox does when neither is verified, is the sender's.
    ses.reset();
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: 'Email address is not verified. The following identities failed the check in region US-EAST-1: ed@watch.example.org, d@watch.example.org', $metadata: { httpStatusCode: 400 } }));
    const both = (await transport().send(await message('ed@watch.example.org'), HAND_OVER).catch((e: unknown) => e)) as DeliveryError;
    expect(both).toMatchObject({ outcome: 'notAttempted' });
    // The run's stop reason (its record's) quotes the rejection without the recipient's address.
    expect(both.message).toContain('failed the check in region US-EAST-1: <recipient>, d@watch.example.org;');
  });

  it("SES rejecting every message alike, naming no one: the run stops after the first three, as a relay's refusal, and the rest are not reached", async () => {
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: 'Email address is not verified.', $metadata: { httpStatusCode: 400 } }));
    const list = ['ada@a.example', 'bob@b.example', 'cy@c.example', 'di@d.example'];
    const summary = await sendDigest(testSendOptions({ model, recipients: parseSubscriberList(list.join('\n')), transport: transport(), store: new MemoryStore(), now: DateTime.fromISO('2014-05-12T08:00:00+09:00') }));
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(3);
    expect(summary).toMatchObject({ failed: 3, sent: 0, notReached: 1, stopped: expect.stringMatching(/^the relay refused each of the first 3 messages, to 3 domains, alike \(AWS SES \(us-east-1\) refused the message \(not delivered\): MessageRejected \(HTTP 400\): Email address is not verified\.\)/) });
  });

  it('reads every page of the contact list with the topic filter', async () => {
    ses.on(ListContactsCommand).resolvesOnce({ Contacts: [{ EmailAddress: 'a@example.org' }], NextToken: 't' }).resolvesOnce({ Contacts: [{ EmailAddress: 'b@example.org' }, { EmailAddress: 'c@example.org', UnsubscribeAll: true }] });
    const recipients = await sesContactRecipients(new SESv2Client({ region: 'us-east-1' }), 'Readers', 'weekly');
    expect(recipients.map((r) => r.address)).toEqual(['a@example.org', 'b@example.org']);
    expect(ses.commandCalls(ListContactsCommand)[0]!.args[0].input.Filter).toEqual({ FilteredStatus: 'OPT_IN', TopicFilter: { TopicName: 'weekly', UseDefaultIfPreferenceUnavailable: true } });
  });
});
