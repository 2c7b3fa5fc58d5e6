import { watch } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { simpleParser } from 'mailparser';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { mailboxFor } from '../../support/smtpMailbox.js';
import { headerFields, SAMPLE, startCli, tempDir } from './support.js';

const NOW = '2026-11-27T09:00:00+09:00';
const smtpUrl = inject('smtpUrl');
const mailbox = inject('smtpMailbox');
const tag = `${process.pid}${Date.now() % 100000}`;

describe('the smtp transport, against a real SMTP server', () => {
  it('delivers multipart/alternative messages with one List-Unsubscribe carrying both URIs, the subject and the links', async () => {
    const to = [`ada-${tag}@example.org`, `grace-${tag}@example.org`];
    const run = await runCli(['digest', '--content', SAMPLE, '--out', 'public', '--week', '2014-W19', '--send', '--transport', 'smtp', '--now', NOW, ...to.flatMap((a) => ['--to', a])], { cwd: await tempDir('digest-smtp'), env: { SMTP_URL: smtpUrl } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 sent, 0 skipped (already sent), 0 failed, 0 unknown, of 2 recipients');

    const received = await mailboxFor(mailbox, to);
    expect(received.map((m) => m.to[0]).sort()).toEqual([...to].sort());
    for (const message of received) {
      const mail = await simpleParser(message.raw);
      const address = message.to[0]!;
      expect(headerFields(message.raw, 'Content-Type')[0]).toMatch(/^multipart\/alternative; boundary=/);
      expect(mail.subject).toBe('Peninsula Economy Watch: May 5–11, 2014');
      // Test copies (--to): the version of the email is in the id, apart from the week's send.
      expect(mail.messageId).toMatch(/^<digest\.2014-W19\.test-[0-9a-f]{16}\.[0-9a-f]{8}\.[0-9a-f]{20}@watch\.example\.org>$/);
      const unsubscribe = headerFields(message.raw, 'List-Unsubscribe');
      expect(unsubscribe).toEqual([`<https://lists.watch.example.org/unsubscribe?email=${encodeURIComponent(address)}>, <mailto:unsubscribe@watch.example.org?subject=unsubscribe%20${encodeURIComponent(address)}&body=unsubscribe%20${encodeURIComponent(address)}>`]);
      expect(headerFields(message.raw, 'List-Unsubscribe-Post')).toEqual(['List-Unsubscribe=One-Click']);
      expect(headerFields(message.raw, 'List-Id')).toEqual(['Weekly digest of Peninsula Economy Watch <digest.watch.example.org>']);
      // Links: each article, view in browser, unsubscribe.
      expect(mail.html).toContain('href="https://www.38north.org/2014/05/koryolink-two-million/"');
      expect(mail.html).toMatch(/href="https:\/\/watch\.example\.org\/digests\/2014-W19\.html"[^>]*>View in browser</);
      expect(mail.html).toContain(`href="https://lists.watch.example.org/unsubscribe?email=${encodeURIComponent(address)}"`);
      expect(mail.text).toContain('View in browser: https://watch.example.org/digests/2014-W19.html');
    }
  });

  it('logs and records a refused recipient and goes on with the others', async () => {
    // The fourth, a quoted local part (valid by RFC 5322 §3.4.1), is refused before SMTP with the fix, never a RCPT TO.
    const quoted = `"quoted ${tag}"@example.org`;
    const to = [`first-${tag}@example.org`, `reject-${tag}@example.org`, `last-${tag}@example.org`, quoted];
    const run = await runCli(['digest', '--content', SAMPLE, '--week', '2014-W19', '--send', '--transport', 'smtp', '--now', NOW, ...to.flatMap((a) => ['--to', a])], { cwd: await tempDir('digest-smtp-reject'), env: { SMTP_URL: smtpUrl } });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(new RegExp(`failed\\s+reject-${tag}@example.org: SMTP: .*550`));
    expect(run.stdout).toContain(`failed   ${quoted}: <recipient> is refused: the part before "@" is a quoted string, which RFC 5322 §3.4.1 allows but Broadsheet does not take: use an address without quotes`);
    expect(run.stdout).toContain('2 sent, 0 skipped (already sent), 2 failed, 0 unknown, of 4 recipients');
    expect((await mailboxFor(mailbox, to)).map((m) => m.to[0]).sort()).toEqual([to[0], to[2]].sort());
    expect(await mailboxFor(mailbox, [quoted, `quoted ${tag}@example.org`])).toEqual([]);
  });

  it('gives every recipient exactly one message when a run is killed halfway and run again', async () => {
    // The server keeps the third message and answers it ten seconds later (`unanswered`, tests/setup/smtp.ts): the
    // kill lands as that message is kept, while the run waits on its answer, halfway through the six.
    const to = Array.from({ length: 6 }, (_, i) => `${i === 2 ? 'unanswered' : 'killed'}-${i}-${tag}@example.org`);
    const cwd = await tempDir('digest-smtp-kill');
    const args = ['digest', '--content', SAMPLE, '--week', '2014-W19', '--send', '--transport', 'smtp', '--now', NOW, ...to.flatMap((a) => ['--to', a])];
    // The mailbox is read again each time the server writes a file in it, not on a timer: each read parses every
    // message the run's files have sent.
    let written = 0;
    let wake: (() => void) | undefined;
    const watcher = watch(mailbox, () => {
      written += 1;
      wake?.();
    });
    const first = startCli(args, cwd, { SMTP_URL: smtpUrl });
    let late = false;
    const deadline = setTimeout(() => ((late = true), wake?.()), 20_000);
    try {
      while (!(await mailboxFor(mailbox, [to[2]!])).length) {
        if (written === 0 && !late) await new Promise<void>((resolve) => (wake = resolve));
        if (late) throw new Error('the first run never got to the third message');
        written = 0;
      }
    } finally {
      clearTimeout(deadline);
      watcher.close();
    }
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    expect((await mailboxFor(mailbox, to)).map((m) => m.to[0])).toEqual(to.slice(0, 3));

    const rerun = await runCli(args, { cwd, env: { SMTP_URL: smtpUrl } });
    // The message the killed run was waiting on was delivered but never confirmed: unknown, not resent; handed over
    // seconds ago, by a run this one cannot tell from one still waiting for its answer: in progress there.
    expect(rerun.stdout).toMatch(new RegExp(`unknown\\s+${to[2]!.replaceAll('.', '\\.')}`));
    expect(rerun.stdout).toContain('3 sent, 2 skipped (already sent), 0 failed, 1 unknown (1 in progress in another run), of 6 recipients');
    expect(rerun.stderr).toContain(`in progress in another run: ${to[2]}: handed over at `);
    const counts = new Map(to.map((a) => [a, 0]));
    for (const message of await mailboxFor(mailbox, to)) for (const address of message.to) counts.set(address, (counts.get(address) ?? 0) + 1);
    expect([...counts.values()]).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('fails fast with a clear message when SMTP_URL is missing, before sending anything', async () => {
    const cwd = await tempDir('digest-smtp-nourl');
    const run = await runCli(['digest', '--content', SAMPLE, '--week', '2014-W19', '--send', '--transport', 'smtp', '--now', NOW, '--to', `x-${tag}@example.org`], { cwd, env: { SMTP_URL: '' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the smtp transport needs SMTP_URL');
    // Nothing was archived either: the send could not have worked, so the run stopped before publishing.
    expect(await readdir(cwd)).toEqual([]);
  });

  it('fails fast, never naming the password, when SMTP_URL sets a wait that is no number of milliseconds', async () => {
    const cwd = await tempDir('digest-smtp-badwait');
    const run = await runCli(['digest', '--content', SAMPLE, '--week', '2014-W19', '--send', '--transport', 'smtp', '--now', NOW, '--to', `x-${tag}@example.org`], { cwd, env: { SMTP_URL: `${smtpUrl}?greetingTimeout=-5` } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('broadsheet digest: SMTP_URL sets greetingTimeout=(not shown), which is not a number of milliseconds (write e.g. greetingTimeout=10000, or leave it out for the default) (a ? or # in the user name or password is written %3F or %23)\n');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('fails fast naming a misspelt key of SMTP_URL, never its value nor the password', async () => {
    const cwd = await tempDir('digest-smtp-badkey');
    const withLogin = smtpUrl.replace('smtp://', 'smtp://digest:Tr0ub4dor-pw@');
    const run = await runCli(['digest', '--content', SAMPLE, '--week', '2014-W19', '--send', '--transport', 'smtp', '--now', NOW, '--to', `x-${tag}@example.org`], { cwd, env: { SMTP_URL: `${withLogin}?secrue=s3cret-value` } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^broadsheet digest: SMTP_URL's query sets secrue, which is no setting of an SMTP connection: correct or remove it \(known: connectionTimeout, [^)]*\)\n$/);
    for (const secret of ['Tr0ub4dor-pw', 's3cret-value']) expect(run.stderr).not.toContain(secret);
    expect(await readdir(cwd)).toEqual([]);
  });
});
