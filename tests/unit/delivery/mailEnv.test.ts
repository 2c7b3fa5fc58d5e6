import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMailEnv } from '../../../lib/delivery/mailEnv.js';
import { SmtpTransport } from '../../../lib/delivery/smtpTransport.js';
import { ConfigError } from '../../../lib/shared/errors.js';

const HINT = ' (a ? or # in the user name or password is written %3F or %23)';

describe("readMailEnv: SMTP_URL's sending rate, by nodemailer's pool's names", () => {
  const url = (query: string) => `smtp://digest:app-password-1234@smtp.example.org:587/${query}`;
  const FIX = 'write e.g. rateLimit=30&rateDelta=60000 for 30 messages a minute, or rateLimit=14 for 14 a second';

  it('takes a whole number of messages a window of whole milliseconds (1000 when left out)', () => {
    for (const query of ['?rateLimit=30&rateDelta=60000', '?rateLimit=14', '?rateLimit=1&rateDelta=1']) expect(readMailEnv({ SMTP_URL: url(query) }).smtpUrl).toBe(url(query));
  });

  it('refuses a rate that is no whole number of messages, or a window of none, naming the key and the fix, never the value', () => {
    for (const [query, message] of [
      ['?rateLimit=0.5', `SMTP_URL sets rateLimit=(not shown), which is not a whole number of messages from 1 to 999999 (${FIX}, or leave it out for no limit)${HINT}`],
      ['?rateLimit=0', `SMTP_URL sets rateLimit=(not shown), which is not a whole number of messages from 1 to 999999 (${FIX}, or leave it out for no limit)${HINT}`],
      ['?rateLimit=30/min', `SMTP_URL sets rateLimit=(not shown), which is not a whole number of messages from 1 to 999999 (${FIX}, or leave it out for no limit)${HINT}`],
      ['?rateLimit=30&rateDelta=1m', `SMTP_URL sets rateDelta=(not shown), which is not a whole number of milliseconds (${FIX}; it is 1000 when left out)${HINT}`],
      ['?rateDelta=60000', `SMTP_URL sets rateDelta, the window of rateLimit, without rateLimit: alone it limits nothing (${FIX})`],
    ] as const) {
      expect(() => readMailEnv({ SMTP_URL: url(query) }), query).toThrow(new ConfigError(message));
    }
  });

  it('refuses a setting given twice, which nodemailer reads as none (no limit), naming the key, never the value', () => {
    // What nodemailer makes of it: a list, so no rate at all.
    expect(new SmtpTransport({ url: url('?rateLimit=14&rateLimit=14') }).rate).toBeUndefined();
    for (const [query, name] of [
      ['?rateLimit=14&rateLimit=14', 'rateLimit'],
      ['?rateLimit=14&rateDelta=1000&rateDelta=60000', 'rateDelta'],
      ['?socketTimeout=5000&socketTimeout=6000', 'socketTimeout'],
    ] as const) {
      expect(() => readMailEnv({ SMTP_URL: url(query) }), query).toThrow(new ConfigError(`SMTP_URL's query sets ${name} more than once, which nodemailer reads as no setting at all: keep one ${name}=`));
    }
  });

  it('is the transport’s rate in messages a second, divided among the senders side by side', () => {
    // Microsoft 365's 30 a minute is one every 2 s; SES's 14 a second; two senders at 14 a second, 7 each.
    expect(new SmtpTransport({ url: url('?rateLimit=30&rateDelta=60000') }).rate).toBe(0.5);
    expect(new SmtpTransport({ url: url('?rateLimit=14') }).rate).toBe(14);
    expect(new SmtpTransport({ url: url('?rateLimit=14'), senders: 2 }).rate).toBe(7);
    // No rateLimit, no limit.
    expect(new SmtpTransport({ url: url('?socketTimeout=5000') }).rate).toBeUndefined();
    expect(new SmtpTransport({ url: url('') }).rate).toBeUndefined();
  });
});

describe("readMailEnv: SMTP_URL's waits", () => {
  const url = (query: string) => `smtp://digest:app-password-1234@smtp.example.org:587/${query}`;

  it('takes whole numbers of milliseconds above 0, by nodemailer’s names', () => {
    const value = url('?connectionTimeout=5000&greetingTimeout=5000&socketTimeout=60000&dnsTimeout=1');
    expect(readMailEnv({ SMTP_URL: value }).smtpUrl).toBe(value);
  });

  it('refuses any other value, naming the wait, never the value (a ? unescaped in the password makes its tail the query)', () => {
    for (const [query, name] of [
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
      expect(message, query).toBe(`SMTP_URL sets ${name}=(not shown), which is not a number of milliseconds (write e.g. ${name}=10000, or leave it out for the default)${HINT}`);
      expect(message).not.toContain('app-password');
    }
  });

  it('takes the other connection settings and tls.* as they are', () => {
    expect(readMailEnv({ SMTP_URL: url('?tls.rejectUnauthorized=false') }).smtpUrl).toBe(url('?tls.rejectUnauthorized=false'));
    expect(readMailEnv({ SMTP_URL: url('?requireTLS=true&name=watch.example.org') }).smtpUrl).toBe(url('?requireTLS=true&name=watch.example.org'));
  });

  it('takes the options nodemailer 10.6.1’s SMTPConnection reads beside the waits: LMTP, the close grace, the longest reply', () => {
    const value = url('?lmtp=true&socketCloseTimeout=2000&maxResponseSize=1048576&allowInternalNetworkInterfaces=true');
    expect(readMailEnv({ SMTP_URL: value }).smtpUrl).toBe(value);
    expect(readMailEnv({ SMTP_URL: url('?socketCloseTimeout=0') }).smtpUrl).toBe(url('?socketCloseTimeout=0'));
  });

  it('refuses a close grace or a longest reply that is not a whole number, which nodemailer would ignore', () => {
    expect(() => readMailEnv({ SMTP_URL: url('?socketCloseTimeout=2s') })).toThrow(
      new ConfigError(`SMTP_URL sets socketCloseTimeout=(not shown), which is not a whole number of milliseconds (write e.g. socketCloseTimeout=2000, or leave it out for the default)${HINT}`),
    );
    expect(() => readMailEnv({ SMTP_URL: url('?maxResponseSize=0') })).toThrow(
      new ConfigError(`SMTP_URL sets maxResponseSize=(not shown), which is not a whole number of bytes (write e.g. maxResponseSize=1048576, or leave it out for the default)${HINT}`),
    );
  });

  it('takes each option nodemailer’s SMTPConnection reads, as its source names them, unless the URL gives it, a query cannot carry it, or it is of the log', () => {
    const source = readFileSync(join(createRequire(import.meta.url).resolve('nodemailer'), '../smtp-connection/index.js'), 'utf8');
    const read = [...new Set([...source.matchAll(/this\.options\.([A-Za-z]+)/g)].map((match) => match[1]!))].sort();
    const accepted = read.filter((name) => {
      try {
        return readMailEnv({ SMTP_URL: url(`?${name}=1`) }).smtpUrl !== undefined;
      } catch {
        return false;
      }
    });
    const fromUrl = ['host', 'port', 'secure'];
    const notText = ['component', 'connection', 'customAuth', 'secured', 'socket'];
    const log = ['debug', 'transactionLog'];
    // An object, set key by key as tls.* (above).
    const nested = ['tls'];
    const takes = ['allowInternalNetworkInterfaces', 'connectionTimeout', 'dnsTimeout', 'greetingTimeout', 'ignoreTLS', 'lmtp', 'localAddress', 'maxResponseSize', 'name', 'opportunisticTLS', 'requireTLS', 'servername', 'socketCloseTimeout', 'socketTimeout'];
    expect(read).toEqual([...fromUrl, ...notText, ...log, ...nested, ...takes].sort());
    expect(accepted).toEqual(takes);
  });

  it('refuses the options of nodemailer’s log, which the transport keeps off', () => {
    for (const name of ['transactionLog', 'debug', 'logger']) {
      expect(() => readMailEnv({ SMTP_URL: url(`?${name}=true`) }), name).toThrow(
        new ConfigError("SMTP_URL's query sets logger, debug or transactionLog, which only say what nodemailer's log writes, and Broadsheet keeps that log off: its output is the command's (leave it out)"),
      );
    }
  });

  const KNOWN = 'known: connectionTimeout, greetingTimeout, socketTimeout, dnsTimeout, socketCloseTimeout, maxResponseSize, rateLimit, rateDelta, name, localAddress, ignoreTLS, requireTLS, opportunisticTLS, servername, lmtp, allowInternalNetworkInterfaces, and tls.* such as tls.rejectUnauthorized';

  it('refuses a key no SMTP connection knows (a misspelt wait would be ignored), naming it and listing the known ones, never its value nor the password', () => {
    for (const [query, name, value] of [
      ['?conectionTimeout=5000', 'conectionTimeout', '5000'],
      ['?lmpt=true', 'lmpt', 'true'],
      ['?socketCloseTimout=2000', 'socketCloseTimout', '2000'],
      ['?secrue=Tr0ub4dor', 'secrue', 'Tr0ub4dor'],
      ['?name=mail.example.org&tls.servername=mx.example.org&sec%72ue=Tr0ub4dor', 'secrue', 'Tr0ub4dor'],
    ] as const) {
      let message = '';
      try {
        readMailEnv({ SMTP_URL: url(query) });
      } catch (error) {
        expect(error, query).toBeInstanceOf(ConfigError);
        message = (error as Error).message;
      }
      expect(message, query).toBe(`SMTP_URL's query sets ${name}, which is no setting of an SMTP connection: correct or remove it (${KNOWN})`);
      for (const secret of [value, 'app-password-1234', 'smtp.example.org']) expect(message, query).not.toContain(secret);
    }
    // With no login: an open relay's URL.
    expect(() => readMailEnv({ SMTP_URL: 'smtp://127.0.0.1:2525?secrue=true' })).toThrow(new ConfigError(`SMTP_URL's query sets secrue, which is no setting of an SMTP connection: correct or remove it (${KNOWN})`));
  });

  it('does not name a key that may be a password’s tail (an @ after the ?), nor one that is no plain name, nor one with no value', () => {
    for (const value of ['smtp://mail@smtp.example.org:587?Tr0ub4dor', 'smtp://mail:pw@smtp.example.org:587?name=mx.example.org&Tr0ub4dor=', 'smtp://mail:587?Tr0ub4dor@smtp.example.org:587', 'smtp://mail:587?Tr0ub4dor#x@smtp.example.org:587', 'smtp://mail:p@ss?Tr0ub4dor@smtp.example.org:587', `smtp://mail:pw@smtp.example.org:587?${'x'.repeat(65)}=1`, 'smtp://mail:pw@smtp.example.org:587?se%0Acret=1']) {
      expect(() => readMailEnv({ SMTP_URL: value }), value).toThrow(new ConfigError(`SMTP_URL's query sets (not shown), which is no setting of an SMTP connection (${KNOWN})${HINT}`));
    }
  });

  it('never quotes a part of the URL when the password holds an unescaped ? or #', () => {
    // Each password's tail becomes the query's name or value (`?`), or the fragment (`#`), which the URL ends at.
    for (const password of ['587?Tr0ub4dor-and-3', '587?socketTimeout=Tr0ub4dor', '587?maxResponseSize=Tr0ub4dor', 'x?debug=Tr0ub4dor', 'ab#Tr0ub4dor?x', 'Tr0ub4dor#?']) {
      let message = '';
      try {
        readMailEnv({ SMTP_URL: `smtp://mail:${password}@smtp.example.org:587` });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, password).toMatch(/^SMTP_URL/);
      expect(message, password).not.toContain('Tr0ub4dor');
      expect(message, password).not.toContain('smtp.example.org');
    }
  });
});
