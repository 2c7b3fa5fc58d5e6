import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateContactCommand, CreateContactListCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../../functions/logger.js';
import { createSesFeedbackHandler, type FeedbackContacts } from '../../../functions/sesFeedback.js';
import { sesContactRecipients } from '../../../lib/delivery/sesContactRecipients.js';
import { createSesClient } from '../../../lib/delivery/sesTransport.js';
import { REPO } from '../../support/cli.js';
import { FaultProxy, SES_UNAVAILABLE } from '../../support/faultProxy.js';
import { captureLogs, lambdaContext } from '../../support/lambda.js';
import { freshBucket, testS3Client } from '../../support/s3.js';
import { snsEvent as snsEventOf } from '../../support/snsEvent.js';

// The real ses-feedback handler against s3rver and the SES emulator's contact lists (tests/setup/ses.ts), through a
// proxy that records each SES request: SES answers UpdateContact NotFoundException alike for a list it does not have
// and for an address the list does not hold, so only GetContactList tells a misnamed SES_CONTACT_LIST apart.
const s3 = testS3Client(inject('s3Endpoint'));
const NOW = DateTime.fromISO('2014-05-19T00:00:00Z');
const tag = `${process.pid}l${Date.now() % 100000}`;
let bucket: string;
let proxy: FaultProxy;
let ses: SESv2Client;
beforeAll(async () => {
  bucket = await freshBucket(s3, 'feedback-list');
  proxy = await FaultProxy.start(inject('sesEndpoint'));
  ses = createSesClient({ region: 'us-east-1', endpoint: proxy.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, timeouts: { connection: 500, request: 1_000 } });
});
afterAll(async () => {
  await proxy?.close();
});

let sent = 0;
const snsEvent = (...messages: unknown[]) => snsEventOf(messages, () => `m-${tag}-${sent++}`);
const hardBounce = (...addresses: string[]) => ({ eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: addresses.map((emailAddress) => ({ emailAddress })) } });
const complaint = (address: string) => ({ eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: address }] } });

/** A handler as one cold start makes it, its contact list `list`. */
function coldStart(list: string): ReturnType<typeof createSesFeedbackHandler> {
  const contacts: FeedbackContacts = { list, ses, endpoint: proxy.endpoint };
  return createSesFeedbackHandler(() => ({ config: { contentBucket: bucket, subscribersPrefix: '_subscribers/' }, s3, logger: createLogger('broadsheet-ses-feedback'), now: () => NOW, contacts }));
}
/**
 * The log lines serverless.yml's SesContactListMissingMetricFilter counts: its pattern's terms, each `$.FIELD = "VALUE"`
 * joined by &&, as CloudWatch Logs matches them against a JSON line (its "Filter pattern syntax" for JSON log events).
 */
function countedByAlarm(lines: Record<string, unknown>[]): Record<string, unknown>[] {
  const text = readFileSync(join(REPO, 'serverless.yml'), 'utf8');
  const pattern = /\n {4}SesContactListMissingMetricFilter:\n(?: {6}.*\n)*? {8}FilterPattern: '(.+)'\n/.exec(text)![1]!;
  const terms = [...pattern.matchAll(/\$\.(\w+) = "([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as const);
  expect(pattern).toBe(`{ ${terms.map(([field, value]) => `$.${field} = "${value}"`).join(' && ')} }`);
  return lines.filter((line) => terms.every(([field, value]) => line[field] === value));
}
const getList = (list: string) => proxy.seen.filter((request) => request.method === 'GET' && request.url === `/v2/email/contact-lists/${list}`).length;
const updates = (list: string) => proxy.seen.filter((request) => request.method === 'PUT' && request.url.startsWith(`/v2/email/contact-lists/${list}/contacts/`)).length;

describe('the ses-feedback function given a contact list SES does not have (SES_CONTACT_LIST misnamed)', () => {
  it('logs an ERROR naming the param, its value, where SES was asked and the fix, each event, asking whether the list exists once a cold start', async () => {
    const list = `Misnamed${tag}`;
    const handler = coldStart(list);
    const [ada, grace, linus] = ['ada', 'grace', 'linus'].map((name) => `${name}-${tag}@example.org`);
    const logs = captureLogs();
    try {
      expect(await handler(snsEvent(hardBounce(ada!, grace!)), lambdaContext('broadsheet-test-ses-feedback', 'req-1'))).toEqual({ suppressed: 2 });
      expect(await handler(snsEvent(complaint(linus!)), lambdaContext('broadsheet-test-ses-feedback', 'req-2'))).toEqual({ suppressed: 1 });
    } finally {
      logs.restore();
    }
    const errors = logs.lines().filter((line) => line.level === 'ERROR');
    const message = `SES_CONTACT_LIST (--param sesContactList) names "${list}", a contact list ${proxy.endpoint} does not have: nobody is marked unsubscribed there (deploy with --param sesContactList= the name site.yml's digest.ses.contactList gives, or empty for no contact list)`;
    // One line an event: two addresses of the bounce, one of the complaint, none marked.
    expect(errors.map((line) => [line.message, line.parameter, line.variable, line.value, line.notMarked])).toEqual([
      [message, 'sesContactList', 'SES_CONTACT_LIST', list, 2],
      [message, 'sesContactList', 'SES_CONTACT_LIST', list, 1],
    ]);
    expect(logs.lines().filter((line) => line.message === 'feedback').map((line) => [line.contactsUnsubscribed, line.notContacts, line.notMarked])).toEqual([
      [0, 0, 2],
      [0, 0, 1],
    ]);
    // Each address still tried (a list created since would mark it); the list asked after once, for the cold start.
    expect(updates(list)).toBe(3);
    expect(getList(list)).toBe(1);
    expect(logs.raw()).not.toContain('@example.org');
    // The lines the stack's alarm counts (SesContactListMissingAlarm): these, and no other.
    expect(countedByAlarm(logs.lines())).toEqual(errors);
  });
});

describe('the ses-feedback function given a contact list SES has', () => {
  it('counts an address the list does not hold as no contact, without an ERROR, asking whether the list exists once', async () => {
    const list = `Readers${tag}`;
    await ses.send(new CreateContactListCommand({ ContactListName: list, Topics: [{ TopicName: 'weekly', DisplayName: 'Weekly digest', DefaultSubscriptionStatus: 'OPT_OUT' }] }));
    const [contact, stranger, other] = ['contact', 'stranger', 'other'].map((name) => `${name}-${tag}@example.org`);
    await ses.send(new CreateContactCommand({ ContactListName: list, EmailAddress: contact, TopicPreferences: [{ TopicName: 'weekly', SubscriptionStatus: 'OPT_IN' }] }));
    const handler = coldStart(list);
    const logs = captureLogs();
    try {
      await handler(snsEvent(hardBounce(stranger!)), lambdaContext('broadsheet-test-ses-feedback', 'req-3'));
      await handler(snsEvent(hardBounce(contact!, other!)), lambdaContext('broadsheet-test-ses-feedback', 'req-4'));
    } finally {
      logs.restore();
    }
    expect(logs.lines().filter((line) => line.level === 'ERROR' || line.level === 'WARN')).toEqual([]);
    expect(countedByAlarm(logs.lines())).toEqual([]);
    expect(logs.lines().filter((line) => line.message === 'feedback').map((line) => [line.contactsUnsubscribed, line.notContacts, line.notMarked])).toEqual([
      [0, 1, undefined],
      [1, 1, undefined],
    ]);
    expect(getList(list)).toBe(1);
    expect(await sesContactRecipients(ses, list, 'weekly')).toEqual([]);
  });

  it('names where SES was asked, as the CLI does, in the line of an event SES failed', async () => {
    const list = `Down${tag}`;
    await ses.send(new CreateContactListCommand({ ContactListName: list, Topics: [{ TopicName: 'weekly', DisplayName: 'Weekly digest', DefaultSubscriptionStatus: 'OPT_OUT' }] }));
    const handler = coldStart(list);
    proxy.decide = ({ method }) => (method === 'PUT' ? SES_UNAVAILABLE : 'pass');
    const logs = captureLogs();
    try {
      await expect(handler(snsEvent(complaint(`down-${tag}@example.org`)), lambdaContext('broadsheet-test-ses-feedback', 'req-5'))).rejects.toMatchObject({ name: 'ServiceUnavailable' });
    } finally {
      proxy.decide = () => 'pass';
      logs.restore();
    }
    expect(logs.lines().filter((line) => line.level === 'ERROR')).toMatchObject([{ message: 'feedback failed; Lambda retries the event', error: { name: 'ServiceUnavailable', message: `${proxy.endpoint}: Service Unavailable` } }]);
    // A failed run is the errors alarm's (Lambda's Errors metric), not the missing list's.
    expect(countedByAlarm(logs.lines())).toEqual([]);
  });

  it('throws an SES refusal that quotes the address without it, as Lambda\'s runtime logs what a handler throws', async () => {
    const list = `Refusing${tag}`;
    const address = `refused-${tag}@example.org`;
    const handler = coldStart(list);
    // SES's 400 (not retried), its message naming the contact, as a mail service's refusals name the recipient.
    proxy.decide = ({ method }) => (method === 'PUT' ? { status: 400, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'BadRequestException' }, body: JSON.stringify({ message: `Contact ${address} cannot be updated` }) } : 'pass');
    const logs = captureLogs();
    let thrown: unknown;
    try {
      thrown = await handler(snsEvent(complaint(address)), lambdaContext('broadsheet-test-ses-feedback', 'req-6')).catch((error: unknown) => error);
    } finally {
      proxy.decide = () => 'pass';
      logs.restore();
    }
    expect(thrown).toMatchObject({ name: 'BadRequestException', message: 'Contact <address> cannot be updated' });
    // What the runtime writes of it (errorType, errorMessage, the enumerable fields, the stack): no address.
    const error = thrown as Error;
    const written = JSON.stringify({ errorType: error.name, errorMessage: error.message, ...error, stack: error.stack?.split('\n') });
    expect(written).toContain('BadRequestException: Contact <address> cannot be updated');
    expect(written).not.toContain('@example.org');
    expect(logs.raw()).not.toContain('@example.org');
  });
});
