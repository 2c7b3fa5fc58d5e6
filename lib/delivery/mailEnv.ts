import { ConfigError } from '../shared/errors.js';
import { MIN_SECRET_LENGTH, tokenSecrets } from '../shared/tokenSecrets.js';

/** The environment the digest's delivery reads, read once. Secrets live here, never in site.yml or logs. */
export interface MailEnv {
  /** SMTP_URL: `smtp://user:pass@host:587` or `smtps://...`; required by the smtp transport. Its query may set the timeouts. */
  smtpUrl?: string;
  /** DIGEST_UNSUBSCRIBE_SECRET: the HMAC key of {token} in digest.unsubscribe.url (or, while rotating, keys: see tokenSecrets). */
  unsubscribeSecret?: string;
  /** SES_ENDPOINT: another SES v2 endpoint (the local emulator in tests); default AWS's. */
  sesEndpoint?: string;
  /** AWS_REGION (or AWS_DEFAULT_REGION). */
  region?: string;
}

export function readMailEnv(env: NodeJS.ProcessEnv): MailEnv {
  const mail: MailEnv = {};
  const smtpUrl = env.SMTP_URL?.trim();
  if (smtpUrl) {
    const problem = smtpUrlProblem(smtpUrl, 'SMTP_URL');
    if (problem) throw new ConfigError(problem);
    mail.smtpUrl = smtpUrl;
  }
  const secret = readUnsubscribeSecret(env);
  if (secret !== undefined) mail.unsubscribeSecret = secret;
  const endpoint = env.SES_ENDPOINT?.trim();
  if (endpoint) {
    if (!/^https?:\/\/[^\s]+$/.test(endpoint)) throw new ConfigError(`SES_ENDPOINT ${JSON.stringify(endpoint)} is not an http(s) URL`);
    mail.sesEndpoint = endpoint;
  }
  const region = env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim();
  if (region) mail.region = region;
  return mail;
}

/**
 * DIGEST_UNSUBSCRIBE_SECRET, or undefined when unset or blank; a ConfigError when it (or a key of a rotation) is too
 * short. Trimmed as the SSM parameter is (functions/ssmParameter.ts): a secret pasted with its line break into a .env
 * file must sign the links the deployed functions verify.
 */
export function readUnsubscribeSecret(env: NodeJS.ProcessEnv): string | undefined {
  const secret = env.DIGEST_UNSUBSCRIBE_SECRET?.trim();
  if (secret === undefined || secret === '') return undefined;
  if (tokenSecrets(secret).some((key) => key.length < MIN_SECRET_LENGTH)) throw new ConfigError('DIGEST_UNSUBSCRIBE_SECRET is too short (use at least 16 random characters, e.g. openssl rand -base64 32)');
  return secret;
}

/** The waits SMTP_URL's query may set, in milliseconds, by nodemailer's names (README, "Delivering through SMTP"). */
const TIMEOUTS = ['connectionTimeout', 'greetingTimeout', 'socketTimeout', 'dnsTimeout'];

/**
 * The other options nodemailer's SMTPConnection reads (nodemailer 10.6.1, dist/esm/smtp-connection/index.js, its
 * `this.options.*`) that a query can carry, which parseConnectionUrl hands on, and every `tls.` key (Node's TLS
 * options). Not `host`, `port`, `secure` nor `auth`: the URL itself gives them. Not `connection`, `socket`,
 * `customAuth` nor `component`: objects or a log label. Not `logger`, `debug` nor `transactionLog`: see LOGGING.
 */
const SETTINGS = ['name', 'localAddress', 'ignoreTLS', 'requireTLS', 'opportunisticTLS', 'servername', 'lmtp', 'allowInternalNetworkInterfaces'];

/** Settings in numbers other than a wait: the grace to close the socket (ms, 0 closes at once), the longest reply (bytes). */
const NUMBERS: Readonly<Record<string, { pattern: RegExp; unit: string; example: number }>> = {
  socketCloseTimeout: { pattern: /^(0|[1-9]\d{0,8})$/, unit: 'milliseconds', example: 2000 },
  maxResponseSize: { pattern: /^[1-9]\d{0,9}$/, unit: 'bytes', example: 1048576 },
};

/**
 * The sending rate, by nodemailer's names for its pooled transport's (SMTPPool's `rateLimit`, messages a `rateDelta`
 * window of milliseconds, default 1000): the relay's limit for the login (Amazon SES's maximum send rate, Microsoft
 * 365's 30 messages a minute). SmtpTransport spaces its messages evenly at that rate (RateLimiter).
 */
export const RATE_KEYS = { limit: 'rateLimit', window: 'rateDelta' } as const;

/** SMTPConnection's options of its log, which the transport keeps off: the command's output is its own. */
const LOGGING = ['logger', 'debug', 'transactionLog'];

/** Said of a problem in the query: a `?` unescaped in the password starts it, and a `#` the fragment. */
const ESCAPE_HINT = ' (a ? or # in the user name or password is written %3F or %23)';

/**
 * Why `url` is no SMTP URL the transport can use, or undefined. The problem never quotes a value, only the names of
 * the settings below and an unknown key that cannot be the password's: the URL holds a password, and a `?` unescaped
 * in that makes the password's tail the query, whose names and values a check finds fault with. `subject` names the
 * URL: `SMTP_URL`, `its value` (an SSM parameter's).
 */
export function smtpUrlProblem(url: string, subject: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${subject} is not a URL (write smtp://user:password@host:587 or smtps://user:password@host:465)`;
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') return `${subject} must start with smtp:// or smtps://`;
  return unknownKeyProblem(parsed.searchParams, url, subject) ?? repeatedKeyProblem(parsed.searchParams, subject) ?? badNumberProblem(parsed.searchParams, subject) ?? rateProblem(parsed.searchParams, subject);
}

/**
 * A setting given twice (`?rateLimit=14&rateLimit=14`) nodemailer's parseConnectionUrl reads as a list of both, no
 * number: a rate or a wait so given is none at all, while the checks below read the first alone. Named (a known key,
 * never a value) with the fix; unknownKeyProblem has passed every key.
 */
function repeatedKeyProblem(query: URLSearchParams, subject: string): string | undefined {
  for (const name of new Set(query.keys())) {
    if (query.getAll(name).length > 1) return `${subject}'s query sets ${name} more than once, which nodemailer reads as no setting at all: keep one ${name}=`;
  }
  return undefined;
}

/**
 * A key nodemailer does not know (`conectionTimeout`) would be ignored without a word, its default kept. The key is
 * named (a name, never a value) only when it cannot be a password's tail: the user info ends at an `@`, so a `?` in the
 * password leaves one after it, in the query or the fragment; with none there, the query is the URL's own. Nor when
 * it has no value (`?Tr0ub4dor`): a bare word there is as likely a password or key put after the host.
 */
function unknownKeyProblem(query: URLSearchParams, url: string, subject: string): string | undefined {
  for (const name of new Set(query.keys())) {
    if (TIMEOUTS.includes(name) || SETTINGS.includes(name) || Object.hasOwn(NUMBERS, name) || Object.values(RATE_KEYS).includes(name as never) || /^tls\.[A-Za-z]+$/.test(name)) continue;
    if (LOGGING.includes(name)) {
      return `${subject}'s query sets ${LOGGING.slice(0, -1).join(', ')} or ${LOGGING.at(-1)}, which only say what nodemailer's log writes, and Broadsheet keeps that log off: its output is the command's (leave it out)`;
    }
    const known = [...TIMEOUTS, ...Object.keys(NUMBERS), ...Object.values(RATE_KEYS), ...SETTINGS].join(', ');
    const ownQuery = !url.slice(url.indexOf('?')).includes('@');
    // A key with no value is no setting either way, and may be a secret written where a setting goes.
    const valued = query.getAll(name).some((value) => value !== '');
    if (ownQuery && valued && /^[A-Za-z0-9._-]{1,64}$/.test(name)) {
      return `${subject}'s query sets ${name}, which is no setting of an SMTP connection: correct or remove it (known: ${known}, and tls.* such as tls.rejectUnauthorized)`;
    }
    return `${subject}'s query sets (not shown), which is no setting of an SMTP connection (known: ${known}, and tls.* such as tls.rejectUnauthorized)${ESCAPE_HINT}`;
  }
  return undefined;
}

/**
 * A wait that is not a whole number of milliseconds above 0 is refused: nodemailer takes `abc` or `-5` and its timer
 * fires at once, so every message fails as timed out, and the run's deadline for one message is not a number.
 */
function badNumberProblem(query: URLSearchParams, subject: string): string | undefined {
  for (const name of TIMEOUTS) {
    const value = query.get(name);
    if (value !== null && !/^[1-9]\d{0,8}$/.test(value)) {
      return `${subject} sets ${name}=(not shown), which is not a number of milliseconds (write e.g. ${name}=10000, or leave it out for the default)${ESCAPE_HINT}`;
    }
  }
  // nodemailer keeps its default for a value not a number (`2s`), unsaid.
  for (const [name, { pattern, unit, example }] of Object.entries(NUMBERS)) {
    const value = query.get(name);
    if (value !== null && !pattern.test(value)) {
      return `${subject} sets ${name}=(not shown), which is not a whole number of ${unit} (write e.g. ${name}=${example}, or leave it out for the default)${ESCAPE_HINT}`;
    }
  }
  return undefined;
}

/**
 * A rate that is not a whole number of messages (above 0) a window of whole milliseconds is refused: nodemailer's pool
 * reads `abc` as no limit, and a relay that throttles then stops the run at its limit. A window without the limit
 * limits nothing.
 */
function rateProblem(query: URLSearchParams, subject: string): string | undefined {
  const fix = `write e.g. ${RATE_KEYS.limit}=30&${RATE_KEYS.window}=60000 for 30 messages a minute, or ${RATE_KEYS.limit}=14 for 14 a second`;
  const limit = query.get(RATE_KEYS.limit);
  const window = query.get(RATE_KEYS.window);
  if (limit !== null && !/^[1-9]\d{0,5}$/.test(limit)) return `${subject} sets ${RATE_KEYS.limit}=(not shown), which is not a whole number of messages from 1 to 999999 (${fix}, or leave it out for no limit)${ESCAPE_HINT}`;
  if (window !== null && !/^[1-9]\d{0,8}$/.test(window)) return `${subject} sets ${RATE_KEYS.window}=(not shown), which is not a whole number of milliseconds (${fix}; it is 1000 when left out)${ESCAPE_HINT}`;
  if (window !== null && limit === null) return `${subject} sets ${RATE_KEYS.window}, the window of ${RATE_KEYS.limit}, without ${RATE_KEYS.limit}: alone it limits nothing (${fix})`;
  return undefined;
}
