import { describe, expect, it } from 'vitest';
import { readMailEnv } from '../../../lib/delivery/mailEnv.js';
import { ConfigError } from '../../../lib/shared/errors.js';

describe("readMailEnv: SMTP_URL's waits", () => {
  const url = (query: string) => `smtp://digest:app-password-1234@smtp.example.org:587/${query}`;

  it('takes whole numbers of milliseconds above 0, by nodemailer’s names', () => {
    const value = url('?connectionTimeout=5000&greetingTimeout=5000&socketTimeout=60000&dnsTimeout=1');
    expect(readMailEnv({ SMTP_URL: value }).smtpUrl).toBe(value);
  });

  it('refuses any other value, naming the wait and the value, never the password', () => {
    for (const [query, name, value] of [
      ['?connectionTimeout=abc', 'connectionTimeout', 'abc'],
      ['?greetingTimeout=-5', 'greetingTimeout', '-5'],
      ['?socketTimeout=0', 'socketTimeout', '0'],
      ['?socketTimeout=1.5', 'socketTimeout', '1.5'],
      ['?dnsTimeout=', 'dnsTimeout', ''],
      ['?connectionTimeout=1e4', 'connectionTimeout', '1e4'],
    ] as const) {
      let message = '';
      try {
        readMailEnv({ SMTP_URL: url(query) });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, query).toBe(`SMTP_URL sets ${name}=${JSON.stringify(value)}, which is not a number of milliseconds (write e.g. ${name}=10000, or leave it out for the default)`);
      expect(message).not.toContain('app-password');
    }
  });

  it('takes the other connection settings and tls.* as they are', () => {
    expect(readMailEnv({ SMTP_URL: url('?tls.rejectUnauthorized=false') }).smtpUrl).toBe(url('?tls.rejectUnauthorized=false'));
    expect(readMailEnv({ SMTP_URL: url('?requireTLS=true&name=watch.example.org') }).smtpUrl).toBe(url('?requireTLS=true&name=watch.example.org'));
  });

  it('refuses a key no SMTP connection knows (a misspelt wait would be ignored), listing the known ones', () => {
    expect(() => readMailEnv({ SMTP_URL: url('?conectionTimeout=5000') })).toThrow(
      new ConfigError('SMTP_URL\'s query sets "conectionTimeout", which is no setting of an SMTP connection (known: connectionTimeout, greetingTimeout, socketTimeout, dnsTimeout, name, localAddress, ignoreTLS, requireTLS, opportunisticTLS, servername, and tls.* such as tls.rejectUnauthorized)'),
    );
  });
});
