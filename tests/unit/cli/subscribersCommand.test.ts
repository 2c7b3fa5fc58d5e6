import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { subscribersCommand } from '../../../cli/commands/subscribers.js';
import type { CliIo } from '../../../cli/io.js';
import { ConfigError, UsageError } from '../../../lib/shared/errors.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';

const NOW = '2014-05-12T09:00:00Z';

/** Runs `subscribers ARGS` in a folder of its own; what it printed, line by line. */
async function folder() {
  const cwd = await mkdtemp(join(tmpdir(), 'broadsheet-subscribers-'));
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { stdout: (line) => out.push(line), stderr: (line) => err.push(line), env: {}, cwd, isTty: false };
    await subscribersCommand.run([...args, '--now', NOW], io);
    return { out, err, json: () => JSON.parse(out.join('\n')) as unknown };
  };
  return { cwd, run };
}

describe('subscribers takes --json and --quiet with every action', () => {
  it('--json: what each action did, as one JSON document', async () => {
    const { cwd, run } = await folder();
    await writeFile(join(cwd, 'list.txt'), 'ada@example.org\nnot-an-address\n');
    expect((await run('import', 'list.txt', '--json')).json()).toEqual({ ok: true, action: 'import', file: join(cwd, 'list.txt'), added: ['ada@example.org'], already: [], refused: [], invalid: ['2: "not-an-address" is not one mailbox: no "@"'], repeated: [], namesDropped: [] });
    expect((await run('add', 'Bob@Example.org', '--json')).json()).toEqual({ ok: true, action: 'add', address: 'bob@example.org', added: true, status: 'confirmed', tags: [] });
    expect((await run('add', 'bob@example.org', '--json')).json()).toEqual({ ok: true, action: 'add', address: 'bob@example.org', added: false, status: 'confirmed', tags: [] });
    expect((await run('suppress', 'bob@example.org', '--json')).json()).toEqual({ ok: true, action: 'suppress', address: 'bob@example.org', status: 'suppressed' });
    expect((await run('unsubscribe', 'Zed@Example.org', '--json')).json()).toEqual({ ok: true, action: 'unsubscribe', address: 'zed@example.org', outcome: 'recorded', status: 'unsubscribed' });
    expect((await run('unsubscribe', 'bob@example.org', '--json')).json()).toEqual({ ok: true, action: 'unsubscribe', address: 'bob@example.org', outcome: 'suppressed', status: 'suppressed' });
    expect((await run('export', '--json')).json()).toEqual(['ada@example.org']);
    // eve never subscribed: nothing to erase.
    expect((await run('forget', 'eve@example.org', '--json')).json()).toEqual({ ok: true, action: 'forget', address: 'eve@example.org', forgotten: false, outcome: 'absent' });
  });

  it('--quiet: only the summary lines, and why an address was not added or not found', async () => {
    const { cwd, run } = await folder();
    await writeFile(join(cwd, 'list.txt'), 'ada@example.org\n');
    expect((await run('import', 'list.txt', '--quiet')).out).toEqual(['imported 1, already subscribed 0, refused (unsubscribed or suppressed) 0, invalid 0']);
    expect((await run('add', 'bob@example.org', '--quiet')).out).toEqual([]);
    expect((await run('add', 'bob@example.org', '--quiet')).out).toEqual(['bob@example.org is already subscribed (every entry)']);
    expect((await run('suppress', 'bob@example.org', '--quiet')).out).toEqual([]);
    expect((await run('list', '--quiet')).out).toEqual([`2 subscriber records, 1 confirmed, in ${join(cwd, 'subscribers')}/`]);
    expect((await run('forget', 'eve@example.org', '--quiet')).out).toEqual([`eve@example.org is not in ${join(cwd, 'subscribers')}/`]);
  });

  it('add says that the display name given with the address is not kept, as import does, under --quiet and in --json too', async () => {
    const { run } = await folder();
    const dropped = (address: string, name: string) => `the store keeps addresses only: the display name of ${address} ("${name}") was not kept`;
    expect((await run('add', 'Ada Lovelace <Ada@Example.org>')).out).toEqual([`added ada@example.org; ${dropped('ada@example.org', 'Ada Lovelace')}`]);
    expect((await run('add', '"Hopper, G." <grace@example.org>', '--quiet')).out).toEqual([`added grace@example.org; ${dropped('grace@example.org', 'Hopper, G.')}`]);
    expect((await run('add', 'Linus <linus@example.org>', '--json')).json()).toEqual({ ok: true, action: 'add', address: 'linus@example.org', added: true, status: 'confirmed', tags: [], nameDropped: 'Linus' });
  });

  it('unsubscribe: says what it did, that an address had no record (recorded all the same) or had left already', async () => {
    const { cwd, run } = await folder();
    const store = `${join(cwd, 'subscribers')}/`;
    await run('add', 'ada@example.org');
    expect((await run('unsubscribe', 'Ada@Example.org')).out).toEqual(['unsubscribed ada@example.org: the digest is not sent to it any more']);
    expect((await run('unsubscribe', 'ada@example.org', '--quiet')).out).toEqual(['ada@example.org is unsubscribed already; nothing changed']);
    expect((await run('unsubscribe', 'ada+news@example.org', '--quiet')).out).toEqual([`ada+news@example.org had no record in ${store}: recorded as unsubscribed, so add and import never take it in; if the unsubscribe mail's subject names another address, unsubscribe that one`]);
    expect((await run('add', 'ada+news@example.org')).out).toEqual(['ada+news@example.org unsubscribed: not added (add and import never take back an address that left; to come back, they sign up again with the form on the site, which mails them a confirmation link)']);
    await expect(run('unsubscribe', 'not-an-address')).rejects.toThrow(new UsageError('subscribers unsubscribe: "not-an-address" is not one mailbox: no "@" (give one address, such as ada@example.org)'));
  });

  it('add refuses a quoted local part (valid by RFC 5322 §3.4.1) as an address it does not take, with the fix, and writes nothing', async () => {
    const { run } = await folder();
    const needed = 'is refused: the part before "@" is a quoted string, which RFC 5322 §3.4.1 allows but Broadsheet does not take: use an address without quotes';
    await expect(run('add', '"john doe"@example.org')).rejects.toThrow(new UsageError(`subscribers add: "\\"john doe\\"@example.org" ${needed}`));
    await expect(run('forget', '"john"@example.org')).rejects.toThrow(new UsageError('subscribers forget: "\\"john\\"@example.org" is refused: the part before "@" is in quotes it does not need: write it without them, the same mailbox (RFC 5322 §3.2.4)'));
    expect((await run('list')).out.at(-1)).toMatch(/^0 subscriber records, 0 confirmed, in /);
  });

  it('says which action a flag goes with, and that an action is missing', async () => {
    const { run } = await folder();
    await expect(run('list', '--tags', 'Trade')).rejects.toThrow(new UsageError('subscribers list: --tags goes with add only'));
    await expect(run('--json')).rejects.toThrow(new UsageError('subscribers: an action is missing (list, add, import, export, unsubscribe, suppress or forget)'));
  });
});

describe('subscribers import', () => {
  // The fuzzer's finding: a mistyped file or a folder was refused as "cannot read …: ENOENT", an error code and no fix.
  it('refuses a file that is not there, or a folder, saying so in words with the fix', async () => {
    const { cwd, run } = await folder();
    const fix = 'give the list to import: a text file of one address a line, such as content/subscribers.txt';
    await expect(run('import', 'subscriber.txt')).rejects.toThrow(new UsageError(`subscribers import: ${join(cwd, 'subscriber.txt')}: there is no such file (${fix})`));
    await expect(run('import', '.')).rejects.toThrow(new UsageError(`subscribers import: ${cwd}: it is a folder, not a file (${fix})`));
  });
});

describe('subscribers add', () => {
  it('exits 2 for an address that is suppressed or unsubscribed, which it refuses, and 0 for one already subscribed', async () => {
    const { cwd } = await folder();
    const code = (...args: string[]) => subscribersCommand.run([...args, '--now', NOW], { stdout: () => undefined, stderr: () => undefined, env: {}, cwd, isTty: false });
    expect(await code('add', 'ada@example.org')).toBe(0);
    expect(await code('add', 'ada@example.org')).toBe(0);
    expect(await code('suppress', 'ada@example.org')).toBe(0);
    expect(await code('add', 'ada@example.org')).toBe(2);
    expect(await code('add', 'ada@example.org', '--json')).toBe(2);
    // Unsubscribed through the site's link.
    expect(await code('add', 'bob@example.org')).toBe(0);
    const store = new StoreSubscriberStore(new LocalStore(join(cwd, 'subscribers')));
    const bob = (await store.get(subscriberId('bob@example.org')))!;
    expect(await store.put({ ...bob.subscriber, status: 'unsubscribed', unsubscribedAt: NOW }, bob.version)).toBe(true);
    expect(await code('add', 'bob@example.org')).toBe(2);
  });

  it('says ok: false in --json for an address it refuses, as its exit status does', async () => {
    const { cwd } = await folder();
    const lines: string[] = [];
    const run = (...args: string[]) => subscribersCommand.run([...args, '--now', NOW], { stdout: (line) => lines.push(line), stderr: () => undefined, env: {}, cwd, isTty: false });
    await run('suppress', 'ada@example.org');
    lines.length = 0;
    expect(await run('add', 'ada@example.org', '--json')).toBe(2);
    expect(JSON.parse(lines.join('\n'))).toMatchObject({ ok: false, action: 'add', address: 'ada@example.org', added: false, status: 'suppressed' });
  });
});

describe('subscribers forget', () => {
  it('refuses a DIGEST_UNSUBSCRIBE_SECRET too short to be the deployment\'s, as digest and preview do, and forgets nothing', async () => {
    const { cwd } = await folder();
    const run = (env: NodeJS.ProcessEnv, ...args: string[]) => subscribersCommand.run([...args, '--now', NOW], { stdout: () => undefined, stderr: () => undefined, env, cwd, isTty: false });
    expect(await run({}, 'add', 'ada@example.org')).toBe(0);
    // 15 characters: one fewer than the functions accept, so no inbox count was ever named under it.
    await expect(run({ DIGEST_UNSUBSCRIBE_SECRET: 'fifteen-chars!!' }, 'forget', 'ada@example.org')).rejects.toThrow(new ConfigError('DIGEST_UNSUBSCRIBE_SECRET is too short (use at least 16 random characters, e.g. openssl rand -base64 32)'));
    const store = new StoreSubscriberStore(new LocalStore(join(cwd, 'subscribers')));
    expect((await store.get(subscriberId('ada@example.org')))?.subscriber.status).toBe('confirmed');
  });
});

describe('subscribers --help', () => {
  it('says that forget erases the inbox count only with DIGEST_UNSUBSCRIBE_SECRET set, which names it', () => {
    const help = subscribersCommand.help.replace(/\s+/g, ' ');
    expect(help).toContain('and the count of links sent to its inbox, which is named under DIGEST_UNSUBSCRIBE_SECRET: without it set, that count (times, no address) is left to expire');
    expect(help).toContain('Environment: DIGEST_UNSUBSCRIBE_SECRET (forget:');
  });
});
