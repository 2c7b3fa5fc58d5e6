import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSesClient, SesTransport } from '../../../lib/delivery/sesTransport.js';
import { SES_TIMEOUTS } from '../../../lib/delivery/sesTimeouts.js';
import { SmtpTransport } from '../../../lib/delivery/smtpTransport.js';
import { SMTP_TIMEOUTS } from '../../../lib/delivery/smtpTimeouts.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const s = (ms: number) => `${ms / 1000} s`;

describe('the transports’ timeouts', () => {
  it('are the seconds README "Exactly once" states', () => {
    const smtp = new SmtpTransport({ url: 'smtp://127.0.0.1:2525' });
    const ses = new SesTransport({ client: createSesClient({ region: 'us-east-1' }), endpoint: 'AWS SES (us-east-1)', contactList: 'Readers', topic: 'weekly' });
    expect(README).toContain(`| to connect (DNS included) | ${s(SMTP_TIMEOUTS.connection)} | ${s(SES_TIMEOUTS.connection)} |`);
    expect(README).toContain(`| for the greeting | ${s(SMTP_TIMEOUTS.greeting)} | |`);
    expect(README).toContain(`| ${s(SMTP_TIMEOUTS.reply)} | ${s(SES_TIMEOUTS.request)}, for each of the SDK's ${SES_TIMEOUTS.attempts} attempts |`);
    expect(README).toContain(`| one message at most (what the digest function keeps in hand, plus 15 s; an SMTP session still going then is closed) | ${s(smtp.maxSendMs)} | ${s(ses.maxSendMs)} |`);
    // Seconds, not minutes: a hung server must not hold a run for long.
    for (const ms of [...Object.values(SMTP_TIMEOUTS), SES_TIMEOUTS.connection, SES_TIMEOUTS.request]) expect(ms).toBeLessThanOrEqual(30_000);
  });

  it("SMTP_URL's query sets them, with nodemailer's names", () => {
    const smtp = new SmtpTransport({ url: 'smtp://127.0.0.1:2525/?connectionTimeout=100&greetingTimeout=200&socketTimeout=300', timeouts: { reply: 5 } });
    expect(smtp.maxSendMs).toBe(100 + 200 + 8 * 300);
  });
});
