import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSesClient, SesTransport } from '../../../lib/delivery/sesTransport.js';
import { SES_TIMEOUTS } from '../../../lib/delivery/sesTimeouts.js';
import { SmtpTransport } from '../../../lib/delivery/smtpTransport.js';
import { SMTP_TIMEOUTS } from '../../../lib/delivery/smtpTimeouts.js';
import { longestCallMs } from '../../../lib/shared/boundedRequests.js';
import { FEEDBACK_REQUEST_WORST_MS, FEEDBACK_S3 } from '../../../functions/sesFeedback.js';
import { cliSesListBounds } from '../../../cli/sesListBounds.js';
import { readS3Settings, s3ClientOptions } from '../../../functions/config.js';
import { s3RequestWorstCaseMs } from '../../../lib/store/s3Client.js';
import { SENDER_S3, senderMessageReserveMs, senderReserve } from '../../../functions/digestSenderS3.js';
import { digestSendMessageReserveMs } from '../../../functions/digestSendReserve.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const s = (ms: number) => `${ms / 1000} s`;
/** README's prose, its line breaks as spaces. */
const FLAT = README.replace(/\s+/g, ' ');

describe('the transports’ timeouts', () => {
  it('are the seconds README "Exactly once" states', () => {
    const smtp = new SmtpTransport({ url: 'smtp://127.0.0.1:2525' });
    const ses = new SesTransport({ client: createSesClient({ region: 'us-east-1' }), endpoint: 'AWS SES (us-east-1)', contactList: 'Readers', topic: 'weekly' });
    expect(README).toContain(`| to connect (DNS included) | ${s(SMTP_TIMEOUTS.connection)} | ${s(SES_TIMEOUTS.connection)} |`);
    expect(README).toContain(`| for the greeting | ${s(SMTP_TIMEOUTS.greeting)} | |`);
    expect(README).toContain(`SES: the answer's start, and then the whole of its body) | ${s(SMTP_TIMEOUTS.reply)} | ${s(SES_TIMEOUTS.request)}, for each of the SDK's ${SES_TIMEOUTS.attempts} attempts |`);
    expect(README).toContain(`| one message at most (an SMTP session still going then is closed) | ${s(smtp.maxSendMs)} | ${s(ses.maxSendMs)} |`);
    // The sender's S3 requests at their worst: 3 × (2 s + 2 s), and the waits before the 2nd and 3rd attempts (1 s and 2 s, each with 5 s of Retry-After).
    const request = 3 * (2_000 + 2_000) + (1_000 + 5_000) + (2_000 + 5_000);
    expect(senderReserve(readS3Settings({})).storeRequestMs).toBe(request);
    // Kept in hand: one message, its claim, handover (each a create-only PUT and a GET) and confirmation, the batch's last 2 records, and 15 s.
    const kept = (maxSendMs: number) => maxSendMs + (2 + 2 + 1) * request + 2 * request + 15_000;
    for (const maxSendMs of [smtp.maxSendMs, ses.maxSendMs]) expect(senderMessageReserveMs(readS3Settings({}), maxSendMs)).toBe(kept(maxSendMs));
    expect(README).toContain(`| what a digest sender keeps in hand before each message: one message, its 5 ledger requests and the batch's 2 last records at ${s(request)} each, and 15 s | ${s(kept(smtp.maxSendMs))} | ${s(kept(ses.maxSendMs))} |`);
    expect(FLAT).toContain(`(${SENDER_S3.maxAttempts} attempts, each given ${s(SENDER_S3.requestTimeoutMs)} to the start of the answer and ${s(SENDER_S3.requestTimeoutMs)} for each silence in its body: ${s(request)} at the worst`);
    expect(FLAT).toContain(`(${s(kept(ses.maxSendMs))} kept in hand for SES:`);
    // The digest function's own send: the same, but after its last message the week's two notes (a read and a write;
    // two reads and a write) at the sender's bounds and the run record at the function's own, 135 s (worked out below).
    const record = 5 * (10_000 + 10_000) + (1_000 + 2_000 + 4_000 + 8_000) + 4 * 5_000;
    const own = (maxSendMs: number) => maxSendMs + (2 + 2 + 1) * request + (2 + 3) * request + record + 15_000;
    for (const maxSendMs of [smtp.maxSendMs, ses.maxSendMs]) expect(digestSendMessageReserveMs(readS3Settings({}), maxSendMs)).toBe(own(maxSendMs));
    expect(README).toContain(`| what the digest function's own send (no queue) keeps in hand before each message: one message, its 5 ledger requests and the week's 5 note requests at ${s(request)} each, the run record at ${s(record)}, and 15 s | ${s(own(smtp.maxSendMs))} | ${s(own(ses.maxSendMs))} |`);
    expect(FLAT).toContain(`unsettled note) at ${s(request)} a request and the run record at ${s(record)}.`);
    expect(FLAT).toContain(`(a listing, and a read of an attempt not concluded, at ${s(request)} each)`);
    // The other functions' S3 requests: 5 × (10 s + 10 s), and the waits before the 2nd to 5th attempts (1, 2, 4 and 8 s, each with 5 s of Retry-After).
    const others = s3RequestWorstCaseMs(s3ClientOptions(readS3Settings({})));
    expect(others).toBe(5 * (10_000 + 10_000) + (1_000 + 2_000 + 4_000 + 8_000) + 4 * 5_000);
    expect(FLAT).toContain(`at the others' ${s(others)} a request (5 attempts of 10 s and 10 s, and ${s(others - 5 * 20_000)} of waits) the time kept in hand would leave an invocation no time to send`);
    // Seconds, not minutes: a hung server must not hold a run for long.
    for (const ms of [...Object.values(SMTP_TIMEOUTS), SES_TIMEOUTS.connection, SES_TIMEOUTS.request]) expect(ms).toBeLessThanOrEqual(30_000);
  });

  it("give SES's worst, every attempt's answer begun at the request timeout and its body then stalled as long, as README states it", () => {
    const ses = new SesTransport({ client: createSesClient({ region: 'us-east-1' }), endpoint: 'AWS SES (us-east-1)', contactList: 'Readers', topic: 'weekly' });
    // 3 × (15 s + 15 s), and the SDK's longest waits before the 2nd and 3rd attempts: 1 s and 2 s, each with 5 s of Retry-After.
    expect(ses.maxSendMs).toBe(3 * (15_000 + 15_000) + (1_000 + 5_000) + (2_000 + 5_000));
    expect(FLAT).toContain(`SES's ${s(ses.maxSendMs)}: each of the ${SES_TIMEOUTS.attempts} attempts may wait ${s(SES_TIMEOUTS.request)} for the answer to start and ${s(SES_TIMEOUTS.request)} more`);
    // The ses-feedback function's calls: 3 × (2 s + 2 s) and the same waits.
    expect(FEEDBACK_REQUEST_WORST_MS).toBe(3 * (2_000 + 2_000) + (1_000 + 5_000) + (2_000 + 5_000));
    const req = s(FEEDBACK_S3.requestTimeoutMs);
    expect(FLAT).toContain(`at ${s(FEEDBACK_REQUEST_WORST_MS)} each (${FEEDBACK_S3.maxAttempts} attempts of ${req} and ${req}, and 13 s of waits)`);
    // The CLI's ListContacts, a page: 3 × (10 s + 10 s) and the same waits.
    const list = cliSesListBounds({});
    const listWorst = longestCallMs({ attempts: list.maxAttempts, requestMs: list.requestTimeoutMs });
    expect(listWorst).toBe(3 * (10_000 + 10_000) + (1_000 + 5_000) + (2_000 + 5_000));
    expect(FLAT).toContain(`(\`ListContacts\`) at ${s(listWorst)} a page (${list.maxAttempts} attempts of ${s(list.requestTimeoutMs)} and ${s(list.requestTimeoutMs)}, and 13 s).`);
  });

  it("SMTP_URL's query sets them, with nodemailer's names", () => {
    const smtp = new SmtpTransport({ url: 'smtp://127.0.0.1:2525/?connectionTimeout=100&greetingTimeout=200&socketTimeout=300', timeouts: { reply: 5 } });
    expect(smtp.maxSendMs).toBe(100 + 200 + 8 * 300);
  });
});
