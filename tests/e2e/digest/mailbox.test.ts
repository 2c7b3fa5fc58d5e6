import { writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { DIGEST, siteYaml, STORE_DIGEST } from '../../support/digestFixtures.js';
import { mailboxFor } from '../../support/smtpMailbox.js';
import { tempDir } from './support.js';

const smtpUrl = inject('smtpUrl');
const mailbox = inject('smtpMailbox');
const tag = `${process.pid}m${Date.now() % 100000}`;
const ENTRIES = { '2014/a.md': entryText(entry({ title: 'Kaesong output recovers', date: '2014-05-13' })) };

describe('one message per mailbox, through a real SMTP server', () => {
  it('sends once to a mailbox that several lines reach, and refuses group syntax, control characters and display-name tricks as invalid lines', async () => {
    const victim = `victim-${tag}@example.org`;
    const attacker = `attacker-${tag}@example.org`;
    const lines = [
      victim,
      `a:${victim}`, // group syntax: a library would read it as the group "a" holding the victim
      `Victim <${victim.toUpperCase()}>`, // the same mailbox
      `"Victim" <${victim}>`, // the same mailbox
      `${victim}\u0000`, // NUL
      `"${victim}" <${attacker}>`, // shows the victim, goes to the attacker
      `Victim <${victim}> <${attacker}>`, // two addresses
      `${attacker}, ${victim}`, // a list
    ];
    const content = await contentFolder({ site: siteYaml(), entries: ENTRIES });
    await writeFile(join(content, 'subscribers.txt'), `${lines.join('\n')}\n`);
    const run = await runCli(['digest', '--content', content, '--week', '2014-W20', '--send', '--transport', 'smtp', '--now', '2014-05-19T08:00:00+09:00'], { cwd: await tempDir('digest-mailbox'), env: { SMTP_URL: smtpUrl } });
    // One mailbox and five invalid lines (recorded failed, so the exit status is 2).
    expect(run.stdout).toContain('1 sent, 0 skipped (already sent), 5 failed, 0 unknown, of 6 recipients');
    expect(run.code).toBe(2);
    // The line once, before its reason: the reason (kept in the send ledger, logged by the digest function) holds none of it.
    expect(run.stdout).toMatch(/failed\s+a:victim-\S+: <recipient> is not one mailbox: group or list syntax/);
    expect(run.stdout).toContain(`failed   ${victim}\\u0000: `);
    const received = await mailboxFor(mailbox, [victim, attacker]);
    expect(received.map((message) => message.to)).toEqual([[victim]]);
    await rm(content, { recursive: true, force: true });
  });
});

describe('check and the digest From', () => {
  for (const [what, from] of [
    ['group syntax', 'Team: News <digest@watch.example.org>'],
    ['U+2028 in the display name', 'Test Watch\u2028Bcc: eve@example.org <digest@watch.example.org>'],
    ['two mailboxes', 'Test Watch <digest@watch.example.org>, eve@example.org'],
  ] as const) {
    it(`refuses a from that is not one mailbox (${what}), naming the field`, async () => {
      const content = await contentFolder({ site: siteYaml({}, { ...DIGEST, from }), entries: ENTRIES });
      const check = await runCli(['check', '--content', content]);
      expect(check.code).toBe(1);
      // Text output shows a line separator in a message escaped, so the problem stays one line (README, check).
      // digest: is line 7 of siteYaml, its from: line 8.
      expect(check.stderr).toContain(`site.yml:8: digest.from: ${JSON.stringify(from).replaceAll('\u2028', '\\u2028')} is not an email address`);
      await rm(content, { recursive: true, force: true });
    });
  }

  it('gives a display name holding a comma back in double quotes', async () => {
    const content = await contentFolder({ site: siteYaml({}, { ...DIGEST, from: 'Watch, Test <digest@watch.example.org>' }), entries: ENTRIES });
    const check = await runCli(['check', '--content', content]);
    expect(check.stderr).toContain(`(put the name in double quotes: from: '"Watch, Test" <digest@watch.example.org>')`);
    await rm(content, { recursive: true, force: true });
  });

  it('accepts one mailbox with a quoted display name', async () => {
    // A signed unsubscribe link: one naming the recipient by {email} alone is warned of (RFC 8058 §3.1).
    const content = await contentFolder({ site: siteYaml({}, { ...STORE_DIGEST, from: '"Watch, Test" <digest@watch.example.org>' }), entries: ENTRIES });
    const check = await runCli(['check', '--content', content]);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    await rm(content, { recursive: true, force: true });
  });
});
