import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseSubscriberList, recipientId } from '../../../lib/subscribers/recipient.js';
import { sendDigest, type SendSummary } from '../../../lib/delivery/sendDigest.js';
import { LEDGER_PREFIX, ledgerPrefix } from '../../../lib/digest/ledgerRecords.js';
import { SendLedger } from '../../../lib/delivery/sendLedger.js';
import { SmtpTransport } from '../../../lib/delivery/smtpTransport.js';
import type { SmtpTimeouts } from '../../../lib/delivery/smtpTimeouts.js';
import type { MailTransport } from '../../../lib/delivery/transport.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import type { Store } from '../../../lib/store/store.js';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { meta, siteYaml, STORE_DIGEST, STORE_SECRET, testSendOptions, testSite, weekModel } from '../../support/digestFixtures.js';
import { FaultySmtp, type FaultySmtpOptions } from '../../support/faultySmtp.js';
import { tempDir } from './support.js';
import { countOf } from '../../../lib/shared/countOf.js';

// Delivery through a real SMTP server on loopback that misbehaves on purpose (tests/support/faultySmtp.ts),
// with the send ledger in a real folder. Short timeouts (FAST, in milliseconds) only where a test waits one out (a
// server that never greets, or never answers the data); elsewhere the transport's own, in seconds. The server runs in
// this process: on a machine loaded past its cores the process is descheduled for hundreds of milliseconds, and on
// waking Node runs the timers that fell due before it reads the reply that came meanwhile, so a timeout of a few
// hundred milliseconds could end a session with a healthy server.
const model = weekModel(testSite(), [meta('2014-05-08')]);
const html = renderDigestHtml(model, { variant: 'email' });
const NOW = DateTime.fromISO('2014-05-12T08:00:00+09:00');
const FAST: SmtpTimeouts = { connection: 500, greeting: 300, reply: 400 };
/** A name's address at example.org; an address stays as it is. */
const at = (name: string) => (name.includes('@') ? name : `${name}@example.org`);

const servers: FaultySmtp[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

async function server(options: FaultySmtpOptions = {}): Promise<FaultySmtp> {
  const started = await FaultySmtp.start(options);
  servers.push(started);
  return started;
}

async function ledgerStore(): Promise<LocalStore> {
  const folder = await mkdtemp(join(tmpdir(), 'broadsheet-smtp-ledger-'));
  folders.push(folder);
  return new LocalStore(folder);
}

/** A transport to `smtp` whose `wait` (the one the test waits out) is FAST's, the others the transport's own. */
const fast = (smtp: FaultySmtp, wait: keyof SmtpTimeouts) => new SmtpTransport({ url: smtp.url(), timeouts: { [wait]: FAST[wait] } });

/** One run of the digest to `names` through `transport` (a real SmtpTransport with its own timeouts unless given), closed afterwards. */
async function run(smtp: FaultySmtp, store: Store, names: readonly string[], transport: MailTransport = new SmtpTransport({ url: smtp.url() })): Promise<SendSummary> {
  try {
    return await sendDigest(testSendOptions({ model, html, recipients: parseSubscriberList(names.map(at).join('\n')), transport, store, now: NOW, runId: 'test' }));
  } finally {
    await transport.close?.();
  }
}

/** The first attempt's handover of `name` in the week's ledger. */
const handoverKey = (name: string) => `${ledgerPrefix(model.week.name)}${recipientId(at(name))}/1.handover.json`;

const outcomeOf = (summary: SendSummary, name: string) => summary.results.find((r) => r.address === at(name))?.outcome ?? 'not reached';
const outcomes = (summary: SendSummary, names: readonly string[]) => Object.fromEntries(names.map((name) => [name, outcomeOf(summary, name)]));

describe('smtp delivery under faults', () => {
  it('a message kept but never answered (the connection dropped before its 250) is unknown, never sent again; later recipients still get theirs in the same run', async () => {
    const names = ['ada', 'bob', 'cy', 'di'];
    const store = await ledgerStore();
    const dropping = await server({ data: (to) => (to.includes(at('bob')) ? 'keepAndDrop' : 'accept') });
    const first = await run(dropping, store, names);
    expect(outcomes(first, names)).toEqual({ ada: 'sent', bob: 'unknown', cy: 'sent', di: 'sent' });
    expect(first).toMatchObject({ total: 4, sent: 3, unknown: 1, failed: 0, notReached: 0 });
    expect(first.stopped).toBeUndefined();
    for (const name of names) expect(dropping.count(at(name)), name).toBe(1);
    // A new connection after the drop: the session is not reused.
    expect(dropping.connections).toBe(2);

    // Reruns, against the same server and a healthy one: bob is never sent again, nobody gets a second copy.
    const healthy = await server();
    for (const smtp of [dropping, healthy]) {
      const rerun = await run(smtp, store, names);
      expect(outcomes(rerun, names)).toEqual({ ada: 'skipped', bob: 'unknown', cy: 'skipped', di: 'skipped' });
    }
    expect(healthy.kept).toEqual([]);
    expect(dropping.kept).toHaveLength(4);
  });

  it('a server that accepts the connection and never greets stops the run within the timeouts, claiming nobody; a rerun against a healthy server delivers to everyone', async () => {
    const names = ['ada', 'bob', 'cy'];
    const store = await ledgerStore();
    const silent = await server({ silent: true });
    const started = performance.now();
    const first = await run(silent, store, names, fast(silent, 'greeting'));
    const elapsed = performance.now() - started;
    expect(first).toMatchObject({ total: 3, sent: 0, skipped: 0, failed: 0, unknown: 0, notReached: 3 });
    expect(first.stopped).toMatch(/^SMTP: cannot open a session with 127\.0\.0\.1:\d+: .*(Greeting never received|timed out|Timeout)/i);
    // One greeting timeout, not one per recipient.
    expect(elapsed).toBeLessThan(FAST.connection + FAST.greeting + 500);
    expect(silent.connections).toBe(1);
    expect(await store.list(LEDGER_PREFIX)).toEqual([]);

    const healthy = await server();
    const rerun = await run(healthy, store, names);
    expect(rerun).toMatchObject({ total: 3, sent: 3, notReached: 0 });
    for (const name of names) expect(healthy.count(at(name)), name).toBe(1);
  });

  it('a server that keeps each message and never answers DATA: bounded waits, unknown, and the run stops with a summary counting the whole list', async () => {
    const names = ['ada', 'bob', 'cy', 'di', 'ed'];
    const store = await ledgerStore();
    const hanging = await server({ data: () => 'keepAndHang' });
    const started = performance.now();
    const summary = await run(hanging, store, names, fast(hanging, 'reply'));
    const elapsed = performance.now() - started;
    // Three timeouts in a row, then it stops: the last two are not reached.
    expect(outcomes(summary, names)).toEqual({ ada: 'unknown', bob: 'unknown', cy: 'unknown', di: 'not reached', ed: 'not reached' });
    expect(summary).toMatchObject({ total: 5, sent: 0, skipped: 0, failed: 0, unknown: 3, notReached: 2, stopped: expect.stringContaining('3 messages in a row') });
    expect(elapsed).toBeLessThan(3 * FAST.reply + 3 * FAST.connection + 1000);
    expect(hanging.kept.map((m) => m.to[0])).toEqual([at('ada'), at('bob'), at('cy')]);

    const healthy = await server();
    const rerun = await run(healthy, store, names);
    expect(outcomes(rerun, names)).toEqual({ ada: 'unknown', bob: 'unknown', cy: 'unknown', di: 'sent', ed: 'sent' });
    expect(healthy.kept.map((m) => m.to[0])).toEqual([at('di'), at('ed')]);
  });

  it('the same through the CLI: SMTP_URL sets the timeouts, the summary counts the whole list and the exit status is 2', async () => {
    const names = ['ada', 'bob', 'cy', 'di', 'ed'].map((name) => `${name}-cli`);
    const hanging = await server({ data: () => 'keepAndHang' });
    const content = await contentFolder({ site: siteYaml(), entries: { '2014/a.md': entryText(entry({ title: 'Kaesong output recovers', date: '2014-05-13' })) } });
    const cwd = await tempDir('digest-smtp-hang');
    const started = performance.now();
    const cli = await runCli(['digest', '--content', content, '--week', '2014-W20', '--send', '--transport', 'smtp', '--now', '2014-05-19T08:00:00+09:00', ...names.flatMap((name) => ['--to', at(name)])], {
      cwd,
      env: { SMTP_URL: hanging.url(`socketTimeout=${FAST.reply}`) },
    });
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(cli.code).toBe(2);
    expect(cli.stdout).toContain('0 sent, 0 skipped (already sent), 0 failed, 3 unknown, 2 not reached, of 5 recipients');
    expect(cli.stderr).toMatch(/stopped early: 3 messages in a row failed at the transport \(last: SMTP: .*Timeout/);
    await rm(content, { recursive: true, force: true });
  });

  it('through the CLI to the subscriber store, where a shard holds one or two subscribers: three dropped in a row stop the run, not one per shard', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `store${i}`);
    const dropping = await server({ data: () => 'keepAndDrop' });
    const content = await contentFolder({ site: siteYaml({}, STORE_DIGEST), entries: { '2014/a.md': entryText(entry({ title: 'Kaesong output recovers', date: '2014-05-13' })) } });
    const cwd = await tempDir('digest-smtp-store');
    await writeFile(join(cwd, 'list.txt'), names.map(at).join('\n'));
    expect((await runCli(['subscribers', 'import', 'list.txt', '--subscribers', 'subscribers', '--now', '2014-05-12T08:00:00+09:00'], { cwd })).code).toBe(0);
    const digest = (smtp: FaultySmtp) =>
      runCli(['digest', '--content', content, '--out', 'public', '--week', '2014-W20', '--send', '--transport', 'smtp', '--subscribers', 'subscribers', '--now', '2014-05-19T08:00:00+09:00'], {
        cwd,
        env: { SMTP_URL: smtp.url(), DIGEST_UNSUBSCRIBE_SECRET: STORE_SECRET },
      });
    const first = await digest(dropping);
    expect(first.code, first.stderr).toBe(2);
    expect(dropping.kept).toHaveLength(3);
    expect(first.stdout).toMatch(/through smtp: 0 sent, 0 skipped \(already sent\), 0 failed, 3 unknown, /);
    expect(first.stderr).toMatch(/stopped early: 3 messages in a row failed at the transport/);
    // The shards not begun, in people: the 12 less those of the shards begun (the summary's whole list).
    const begun = Number(/, of (\d+) recipients?/.exec(first.stdout)?.[1]);
    expect(first.stderr).toContain(` of the 256 shards of subscribers not begun, holding ${countOf(12 - begun, 'confirmed subscriber', 'confirmed subscribers')} (not counted above); rerun to send to the rest`);
    // How many, which, and what to look for in the server's log.
    expect(first.stderr).toMatch(/^3 recipients unknown \(store\d+@[^,]+, store\d+@[^,]+, store\d+@[^,)]+\): handed to the mail server, no answer came back, so maybe delivered, and never sent again; look for Message-ID <digest\.2014-W20\.…> to each in the mail server's log/m);

    // The three may have been delivered and are never sent again, until the operator settles them from the server's
    // log: one never accepted is sent again, one accepted is not; everyone else gets the week once.
    const [resend, delivered] = dropping.kept.map((m) => m.to[0]!);
    // Handed over moments ago: refused, as the run may still be waiting for the answer; it has ended, so --force.
    const early = await runCli(['settle', '--week', '2014-W20', '--resend', resend!, '--out', 'public'], { cwd });
    expect(early.code, early.stderr).toBe(2);
    expect(early.stdout).toMatch(/^not settled  \S+: attempt 1 was handed over at \S+, and the run that handed it over may still be waiting for the server's answer; settle it from \S+, or now with --force if that run has ended$/m);
    const settled = await runCli(['settle', '--week', '2014-W20', '--resend', resend!, '--delivered', delivered!, '--out', 'public', '--force'], { cwd });
    expect(settled.code, settled.stderr).toBe(0);
    // status says who is still unknown as the ledger stands (the run's record says 3), and would however old that run.
    const status = await runCli(['status', '--out', 'public'], { cwd });
    expect(status.stdout).toMatch(/^UNSETTLED: week 2014-W20: 1 recipient unknown: .* broadsheet settle --week 2014-W20 --delivered ADDRESS/m);
    const healthy = await server();
    const rerun = await digest(healthy);
    expect(rerun.code, rerun.stderr).toBe(0);
    const dropped = new Set(dropping.kept.map((m) => m.to[0]));
    expect(healthy.kept.map((m) => m.to[0]).sort()).toEqual([resend, ...names.map(at).filter((address) => !dropped.has(address))].sort());
    await rm(content, { recursive: true, force: true });
  });

  it('a 421 stops the run (greeting: before anyone is claimed; at RCPT TO: that claim is given back), and a rerun delivers to the rest', async () => {
    const names = ['ada', 'bob', 'cy', 'di'];
    const store = await ledgerStore();
    const closing = await server({ greeting: { code: 421, message: '4.3.2 Service shutting down' } });
    const refused = await run(closing, store, names);
    expect(refused).toMatchObject({ total: 4, notReached: 4, stopped: expect.stringMatching(/cannot open a session .*421/) });
    expect(await store.list(LEDGER_PREFIX)).toEqual([]);

    const busy = await server({ rcpt: (address) => (address === at('cy') ? { code: 421, message: '4.7.0 Too busy, closing' } : undefined) });
    const first = await run(busy, store, names);
    expect(outcomes(first, names)).toEqual({ ada: 'sent', bob: 'sent', cy: 'not reached', di: 'not reached' });
    expect(first).toMatchObject({ notReached: 2, stopped: expect.stringContaining('421') });
    const ledger = await new SendLedger(store, model.week.name).load();
    expect([...ledger.values()].map((r) => r.status).sort()).toEqual(['released', 'sent', 'sent']);

    const healthy = await server();
    const rerun = await run(healthy, store, names);
    expect(outcomes(rerun, names)).toEqual({ ada: 'skipped', bob: 'skipped', cy: 'sent', di: 'sent' });
    for (const name of names) expect(busy.count(at(name)) + healthy.count(at(name)), name).toBe(1);
  });

  it('the end-of-data dot waits for the handover; a handover that cannot be written ends the session without it, nothing delivered, the claim given back', async () => {
    /** A ledger whose handovers are slow to write, or fail. */
    class HandoverStore extends MemoryStore {
      constructor(readonly refuse: (key: string) => boolean) {
        super();
      }
      override async putIfAbsent(key: string, body: Buffer | string, options: { contentType: string }): Promise<boolean> {
        if (key.endsWith('.handover.json')) {
          await new Promise((resolve) => setTimeout(resolve, 150));
          if (this.refuse(key)) throw new Error('the ledger is unreachable');
        }
        return super.putIfAbsent(key, body, options);
      }
    }
    const names = ['ada', 'bob', 'cy'];
    let store = new HandoverStore((key) => key === handoverKey('bob'));
    const handedAtDot: Record<string, boolean> = {};
    // Whether the ledger holds a handover of the recipient, as the server takes the end of the data.
    const handedOver = (to: string) => [...store.objects.keys()].some((key) => key.startsWith(`${ledgerPrefix(model.week.name)}${recipientId(to)}/`) && key.endsWith('.handover.json'));
    const smtp = await server({ data: ([to]) => ((handedAtDot[to!] = handedOver(to!)), 'accept') });
    const first = await run(smtp, store, names);
    expect(handedAtDot).toEqual({ [at('ada')]: true });
    expect(outcomes(first, names)).toEqual({ ada: 'sent', bob: 'not reached', cy: 'not reached' });
    expect(first.stopped).toBe('the send ledger cannot be written: the ledger is unreachable');
    expect(smtp.kept.map((m) => m.to)).toEqual([[at('ada')]]);
    expect([...(await new SendLedger(store, model.week.name).load()).values()].map((r) => r.status).sort()).toEqual(['released', 'sent']);

    const ledger = store.objects;
    store = Object.assign(new HandoverStore(() => false), { objects: ledger });
    const rerun = await run(smtp, store, names);
    expect(outcomes(rerun, names)).toEqual({ ada: 'skipped', bob: 'sent', cy: 'sent' });
    expect(handedAtDot).toEqual({ [at('ada')]: true, [at('bob')]: true, [at('cy')]: true });
    for (const name of names) expect(smtp.count(at(name)), name).toBe(1);
  });

  it('a 5xx to one recipient is failed and the run goes on; a rerun retries it', async () => {
    const names = ['ada', 'bob', 'cy'];
    const store = await ledgerStore();
    const picky = await server({ rcpt: (address) => (address === at('bob') ? { code: 550, message: '5.1.1 No such user' } : undefined) });
    const first = await run(picky, store, names);
    expect(outcomes(first, names)).toEqual({ ada: 'sent', bob: 'failed', cy: 'sent' });
    expect(first.results.find((r) => r.address === at('bob'))!.detail).toContain('550');
    // The session survives a refusal (reset, not reconnected).
    expect(picky.connections).toBe(1);
    const healthy = await server();
    const rerun = await run(healthy, store, names);
    expect(outcomes(rerun, names)).toEqual({ ada: 'skipped', bob: 'sent', cy: 'skipped' });
  });

  it('a relay that refuses every recipient with 5.7.1 relaying denied stops the run at the first, its claim given back, no one failed; fixed, the rerun sends to everyone once', async () => {
    const names = ['ada', 'bob', 'cy', 'di'];
    const store = await ledgerStore();
    // Postfix's wording names the recipient, which the stop reason (kept in the run record) must not.
    const denying = await server({ rcpt: (address) => ({ code: 554, message: `5.7.1 <${address}>: Relay access denied` }) });
    const first = await run(denying, store, names);
    expect(first).toMatchObject({ total: 4, sent: 0, failed: 0, notReached: 4, stopped: "SMTP: the relay refuses to send for this sender or login, whoever the recipient (554 5.7.1 <<address>>: Relay access denied); fix the relay's settings or SMTP_URL's login" });
    expect([...(await new SendLedger(store, model.week.name).load()).values()].map((r) => r.status)).toEqual(['released']);
    expect(denying.kept).toEqual([]);
    const healthy = await server();
    const rerun = await run(healthy, store, names);
    expect(outcomes(rerun, names)).toEqual({ ada: 'sent', bob: 'sent', cy: 'sent', di: 'sent' });
    for (const name of names) expect(healthy.count(at(name)), name).toBe(1);
  });

  it("Microsoft 365's SMTP submission refusing the login's next message (its daily recipients spent) after two went out stops the run there, no one failed; a rerun sends to the rest", async () => {
    const names = ['ada', 'bob', 'cy', 'di'];
    const store = await ledgerStore();
    // Microsoft's wording (smtpRefusalScope's PROVIDER_CODES): the sender's quota, after the data, to every recipient;
    // the stop names the login's quota as what to wait for (smtpTransport's RELAY_FIXES).
    let answered = 0;
    const quota = await server({ data: () => (++answered <= 2 ? 'accept' : { code: 554, message: '5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException' }) });
    const first = await run(quota, store, names);
    expect(first).toMatchObject({ total: 4, sent: 2, failed: 0, notReached: 2, stopped: "SMTP: the relay refuses to send for this sender or login, whoever the recipient (554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException); SMTP_URL's login has spent its sending quota: wait for it to reset, or raise it with the relay" });
    expect(outcomes(first, names)).toEqual({ ada: 'sent', bob: 'sent', cy: 'not reached', di: 'not reached' });
    const healthy = await server();
    const rerun = await run(healthy, store, names);
    expect(outcomes(rerun, names)).toEqual({ ada: 'skipped', bob: 'skipped', cy: 'sent', di: 'sent' });
  });

  it("a relay refusing every message as its From domain fails DMARC (Gmail's 5.7.26) stops the run at the first, no one failed, naming digest.from's domain's DNS; fixed, the rerun sends to everyone once", async () => {
    const names = ['ada', 'bob', 'cy', 'di'];
    const store = await ledgerStore();
    // Gmail's wording (support.google.com/a/answer/3726730), after the data: the sender's domain, whoever the recipient.
    const dmarc = await server({ data: () => ({ code: 550, message: "5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy." }) });
    const first = await run(dmarc, store, names);
    expect(first).toMatchObject({
      total: 4,
      sent: 0,
      failed: 0,
      notReached: 4,
      stopped: "SMTP: the relay refuses to send for this sender or login, whoever the recipient (550 5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy.); digest.from's domain (site.yml) fails sender authentication: publish SPF and DKIM records in its DNS that cover this relay, aligned with its DMARC policy",
    });
    expect([...(await new SendLedger(store, model.week.name).load()).values()].map((r) => r.status)).toEqual(['released']);
    const healthy = await server();
    const rerun = await run(healthy, store, names);
    expect(outcomes(rerun, names)).toEqual({ ada: 'sent', bob: 'sent', cy: 'sent', di: 'sent' });
    for (const name of names) expect(healthy.count(at(name)), name).toBe(1);
  });

  it("Amazon SES's SMTP interface refusing the From address as not verified stops the run at the first, naming digest.from; one naming only a recipient (its sandbox) is that recipient's failure", async () => {
    const names = ['ada', 'bob', 'cy', 'di'];
    const store = await ledgerStore();
    // The envelope sender the transport gives (MAIL FROM), from the site's digest.from.
    const sender = /<([^>]+)>/.exec(model.site.digest.from!)![1]!;
    const notVerified = (identity: string) => ({ code: 554, message: `Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: ${identity}` });
    const unverifiedFrom = await server({ data: () => notVerified(sender) });
    const first = await run(unverifiedFrom, store, names);
    expect(first).toMatchObject({ total: 4, sent: 0, failed: 0, notReached: 4 });
    expect(first.stopped).toBe("SMTP: the relay refuses to send for this sender or login, whoever the recipient (554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: <address>); fix digest.from in site.yml: an address this relay lets SMTP_URL's login send from");
    const sandbox = await server({ data: (to) => (to[0] === at('bob') ? notVerified(at('bob')) : 'accept') });
    const rerun = await run(sandbox, store, names);
    expect(outcomes(rerun, names)).toEqual({ ada: 'sent', bob: 'failed', cy: 'sent', di: 'sent' });
  });

  it("a relay refusing the digest as too large (Gmail's 552 5.2.3) stops the run at the first, no one failed, naming the message's size, the bytes the relay then takes from the rerun", async () => {
    const names = ['ada', 'bob', 'cy', 'di'];
    const store = await ledgerStore();
    // Gmail's wording (support.google.com/a/answer/3726730), after the data: a limit of every message, not one mailbox's.
    const response = "552 5.2.3 Your message exceeded Google's message size limits. For more information, visit https://support.google.com/mail/?p=MaxSizeError";
    const tooLarge = await server({ data: () => ({ code: 552, message: response.slice(4) }) });
    const first = await run(tooLarge, store, names);
    expect(first).toMatchObject({ total: 4, sent: 0, failed: 0, notReached: 4 });
    const bytes = /the digest's message \((\d+) bytes\) is larger than the relay takes: lower digest\.maxBytes in site\.yml/.exec(first.stopped ?? '');
    expect(first.stopped).toBe(`SMTP: the relay refuses to send for this sender or login, whoever the recipient (${response}); the digest's message (${bytes?.[1]} bytes) is larger than the relay takes: lower digest.maxBytes in site.yml (the budget of each of its HTML and text parts) until the message fits the relay's size limit, or raise that limit with the relay`);
    const healthy = await server();
    const rerun = await run(healthy, store, names);
    expect(outcomes(rerun, names)).toEqual({ ada: 'sent', bob: 'sent', cy: 'sent', di: 'sent' });
    // The size named is the first message's: the bytes the relay took for that recipient.
    expect(Number(bytes?.[1])).toBe(healthy.kept.find((message) => message.to.includes(at('ada')))!.raw.length);
  });

  it("Exchange Online's 5.4.1 'Recipient address rejected: Access denied' (no such address, its edge blocking) to the run's first messages, at two domains, is each recipient's: failed, the run goes on", async () => {
    const names = ['ada@one.example', 'bob@two.example', 'cy@one.example', 'di@two.example'];
    const store = await ledgerStore();
    const edge = await server({ rcpt: () => ({ code: 550, message: '5.4.1 Recipient address rejected: Access denied. AS(201806281)' }) });
    const first = await run(edge, store, names);
    // Read as unclear, three alike at two domains would stop the run as its relay's refusal.
    expect(first).toMatchObject({ total: 4, sent: 0, failed: 4, notReached: 0 });
    expect(first.stopped).toBeUndefined();
  });

  it('a relay that turns to a bare 550 after the first message went out: the rest are failed, not stopped (the code does not say whose), and the next send, the relay taking mail again, sends to them once', async () => {
    const names = ['ada', 'bob', 'cy', 'di'];
    const store = await ledgerStore();
    let accepted = 0;
    const turning = await server({ rcpt: () => (++accepted <= 1 ? undefined : { code: 550, message: '' }) });
    const first = await run(turning, store, names);
    expect(first).toMatchObject({ total: 4, sent: 1, failed: 3, unknown: 0, notReached: 0 });
    expect(first.stopped).toBeUndefined();
    expect(outcomes(first, names)).toEqual({ ada: 'sent', bob: 'failed', cy: 'failed', di: 'failed' });
    expect(first.results.find((r) => r.address === at('bob'))!.detail).toMatch(/\b550\b/);
    expect([...(await new SendLedger(store, model.week.name).load()).values()].map((r) => r.status).sort()).toEqual(['failed', 'failed', 'failed', 'sent']);
    const healthy = await server();
    const rerun = await run(healthy, store, names);
    expect(outcomes(rerun, names)).toEqual({ ada: 'skipped', bob: 'sent', cy: 'sent', di: 'sent' });
    expect(names.map((name) => turning.count(at(name)) + healthy.count(at(name)))).toEqual([1, 1, 1, 1]);
  });

  it("SMTP_URL's ?rateLimit= and ?rateDelta= keep the run to the relay's rate: no window of the server's own arrival times holds more messages than the limit", async () => {
    // 2 messages a 400 ms window: one each 200 ms. Eight recipients take at least 7 × 200 ms; unspaced, they all
    // arrive within a few tens of milliseconds on loopback.
    const [limit, windowMs] = [2, 400];
    const names = ['ada', 'bob', 'cy', 'di', 'ed', 'flo', 'gus', 'hal'];
    const arrivals: number[] = [];
    const smtp = await server({
      data: () => {
        arrivals.push(performance.now());
        return 'accept';
      },
    });
    const summary = await run(smtp, await ledgerStore(), names, new SmtpTransport({ url: smtp.url(`rateLimit=${limit}&rateDelta=${windowMs}`) }));
    expect(summary.sent).toBe(names.length);
    expect(arrivals).toHaveLength(names.length);
    // Each window of the server's clock, starting at an arrival, less a margin for the time between the limiter's
    // release and the data's end (loaded machines): within it at most `limit` arrivals.
    const margin = 100;
    const most = Math.max(...arrivals.map((start) => arrivals.filter((t) => t >= start && t < start + windowMs - margin).length));
    expect(most).toBeLessThanOrEqual(limit);
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual((names.length - 1) * (windowMs / limit) - margin);
  });

  it("a relay refusing the login before TLS (smtp-server's own 538 to AUTH, the client told to ignoreTLS) stops the run at the first, nothing sent, naming SMTP_URL's TLS as the fix", async () => {
    // smtp-server as it is: STARTTLS offered, AUTH answered with 538 on a session without TLS (RFC 4954 §6).
    const relay = new SMTPServer({ logger: false, disableReverseLookup: true, onAuth: (_auth, _session, callback) => callback(null, { user: 'digest' }) });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()));
    try {
      const port = (relay.server.address() as AddressInfo).port;
      const transport = new SmtpTransport({ url: `smtp://digest:app-password-1234@127.0.0.1:${port}/?ignoreTLS=true` });
      const summary = await sendDigest(testSendOptions({ model, html, recipients: parseSubscriberList(['ada', 'bob'].map(at).join('\n')), transport, store: await ledgerStore(), now: NOW, runId: 'test' })).finally(() => transport.close());
      expect(summary.sent).toBe(0);
      expect(summary.failed).toBe(0);
      expect(summary.stopped).toMatch(new RegExp(`^SMTP: cannot open a session with 127\\.0\\.0\\.1:${port}: .*538 .*Must issue a STARTTLS command first; the relay takes nothing before TLS: set SMTP_URL to smtps://…:465, or to smtp:// with \\?requireTLS=true and without ignoreTLS$`));
      expect(summary.stopped).not.toContain('app-password');
    } finally {
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    }
  });

  it('temporary refusals of every recipient stop the run after three in a row', async () => {
    const names = ['ada', 'bob', 'cy', 'di'];
    const store = await ledgerStore();
    const deferring = await server({ rcpt: () => ({ code: 450, message: '4.2.1 Mailbox busy' }) });
    const summary = await run(deferring, store, names);
    expect(summary).toMatchObject({ total: 4, failed: 3, notReached: 1, stopped: expect.stringContaining('3 messages in a row') });
  });
});

describe('killed at any moment, then run again', () => {
  /**
   * The run dies at its k-th step (a ledger write or a send), either before doing it or right after it,
   * before the run learns the result: from then on nothing it awaits ever settles, as in a process killed
   * there (SIGKILL, a Lambda timeout).
   */
  class Death {
    steps = 0;
    dead = false;
    /** Settles when the run dies. */
    readonly died: Promise<void>;
    private dying!: () => void;
    constructor(
      readonly at: number,
      readonly after: boolean,
    ) {
      this.died = new Promise((resolve) => (this.dying = resolve));
    }
    async step<T>(operation: () => Promise<T>): Promise<T> {
      if (this.dead) return never();
      const step = this.steps++;
      if (step === this.at && !this.after) return this.die();
      const result = await operation();
      if (step === this.at) return this.die();
      return result;
    }
    private die(): Promise<never> {
      this.dead = true;
      this.dying();
      return never();
    }
  }
  const never = () => new Promise<never>(() => undefined);

  function dying(store: Store, death: Death): Store {
    return Object.assign(Object.create(store) as Store, {
      put: (key: string, body: Buffer | string, options: { contentType: string }) => death.step(() => store.put(key, body, options)),
      putIfAbsent: (key: string, body: Buffer | string, options: { contentType: string }) => death.step(() => store.putIfAbsent(key, body, options)),
    });
  }

  // No timeout is meant to be waited out here, the server being healthy: the transports have their own, and the test
  // waits on the run's end or its death, not on time. Its own limit is for 26 runs and reruns on a loaded machine.
  // Each death has a server, a ledger and a transport of its own, so the 26 run side by side: one at a time, the test
  // spent most of its time waiting on loopback round trips.
  it('at most one copy per recipient, and everyone the rerun does not report unknown gets theirs, wherever the first run died; unknown only once handed over', async () => {
    const names = ['ada', 'bob', 'cy'];
    // A whole run: per recipient a claim, a send, its handover (within the send) and a confirmation.
    const steps = names.length * 4;
    const deaths = Array.from({ length: steps + 1 }, (_, k) => [false, true].map((after) => ({ k, after }))).flat();
    expect(deaths).toHaveLength(26);
    const settled = await Promise.allSettled(
      deaths.map(async ({ k, after }) => {
        const smtp = await server();
        const store = await ledgerStore();
        const death = new Death(k, after);
        const transport = new SmtpTransport({ url: smtp.url() });
        const send = transport.send.bind(transport);
        const first = run(smtp, dying(store, death), names, Object.assign(transport, { send: (...args: Parameters<typeof send>) => death.step(() => send(...args)) }));
        // The run ends (it outlived step k: k is past its last step) or dies, whichever comes first.
        await Promise.race([first, death.died]);
        expect(death.dead || k === steps, `died ${after ? 'after' : 'before'} step ${k}`).toBe(true);
        // Its session ends as a killed process's does, at once (not waiting on a QUIT a session mid-message ignores).
        smtp.dropConnections();
        await transport.close();

        const rerun = await run(smtp, store, names);
        const where = `died ${after ? 'after' : 'before'} step ${k}`;
        for (const name of names) {
          const copies = smtp.count(at(name));
          expect(copies, `${name}, ${where}`).toBeLessThanOrEqual(1);
          if (outcomeOf(rerun, name) !== 'unknown') expect(copies, `${name}, ${where}`).toBe(1);
          // Claimed and killed before its handover: nothing went out, and the rerun sent it.
          else expect(await store.get(handoverKey(name)), `${name} unknown without a handover, ${where}`).toBeDefined();
        }
        // One death leaves at most the one recipient it interrupted in doubt.
        expect(rerun.unknown, where).toBeLessThanOrEqual(1);
        expect(rerun.notReached, where).toBe(0);
        await smtp.close();
        servers.splice(servers.indexOf(smtp), 1);
      }),
    );
    // Every death's own failure, named by where it died.
    for (const result of settled) if (result.status === 'rejected') throw result.reason;
  }, 120_000);
});
