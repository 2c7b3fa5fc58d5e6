import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { SITE } from '../../support/content.js';
import { once } from '../../support/once.js';
import { ENTRIES, REFUSED_SITE, siteYmlRuns, TODO, WINDOWS_SITE } from '../../support/siteYmlRuns.js';
import { runMain } from '../../support/runMain.js';

// Clumsy and hostile site.yml, check and publish in process (cli/main.ts): tests/e2e/editors/siteYmlInput.test.ts runs
// one case of each rule through the real CLI.
const { publish, refused } = siteYmlRuns((args) => runMain(args));
const refusedAtOnce = once(() => refused(REFUSED_SITE, { ...ENTRIES, '2014/todo.md': TODO }));
const windowsSite = once(() => publish(WINDOWS_SITE));

describe('site.yml and front matter with no field', () => {
  it('an empty site.yml and front matter of comments only: each named empty with the fields to write, publish refuses', async () => {
    // A file of no bytes, read by the CLI; a site.yml of comments only reads as this one (parseSite, in
    // tests/unit/content/site.test.ts).
    expect(await refused('')).toEqual([
      { file: 'site.yml', line: undefined, field: 'file', message: 'is empty: it holds no field, only blank lines or comments', fix: 'write title:, description:, url:, language: and timezone: one per line' },
    ]);
    expect((await refusedAtOnce()).filter((problem) => problem.file === 'entries/2014/todo.md')).toEqual([
      { file: 'entries/2014/todo.md', line: undefined, field: 'front matter', message: 'is empty: it holds no field, only blank lines or comments', fix: 'write title:, url:, source: and date: one per line between the two --- lines' },
    ]);
  });
});

// An author address refused beside a digest.ses block naming a contactList without its topic: one check and one
// publish for both.
const HALF_LIST_SITE = { ...SITE, author: { name: 'Editors', email: 'jöhn@watch.example.org' }, digest: { from: 'Watch <digest@watch.example.org>', transport: 'ses', ses: { contactList: 'Readers' } } };
const halfListRefused = once(async () => {
  const problems = await refused(HALF_LIST_SITE);
  // Every problem of that site.yml is one this file expects, once.
  expect(problems.map((problem) => problem.field).sort()).toEqual(['author.email', 'digest.ses']);
  return problems;
});

describe('an author address in the Atom feeds', () => {
  // RFC 4287 §3.2.3: atom:email is an RFC 2822 addr-spec, ASCII only; the W3C validator calls anything else InvalidAddrSpec.
  it('a part before "@" in another script, or a "!" in the domain: one line each, publish refuses', async () => {
    expect((await halfListRefused()).filter((problem) => problem.field === 'author.email')).toEqual([
      // author: (7), its name: (8) and email: (9).
      { file: 'site.yml', line: '9', field: 'author.email', message: '"jöhn@watch.example.org" is not an email address: the part before "@" is not ASCII, and an Atom <email> is an RFC 2822 address, ASCII only (RFC 4287 §3.2.3)', fix: 'write an address like jane@example.org, or remove email' },
    ]);
    expect(await refused({ ...SITE, author: { name: 'Editors', email: 'editors@watch!example.org' } })).toMatchObject([{ field: 'author.email', message: expect.stringContaining('is not a domain name') }]);
  });

  it('a domain in another script: published in its IDNA form, in every Atom feed and on the pages', async () => {
    const { checked, run, out } = await windowsSite();
    expect(checked.code, checked.stderr).toBe(0);
    expect(run.code, run.stderr).toBe(0);
    // RFC 3492 §7.1's example: bücher is xn--bcher-kva.
    for (const feed of ['atom.xml', join('tags', 'trade', 'atom.xml')]) {
      expect(await readFile(join(out, feed), 'utf8')).toContain('<email>editors@xn--bcher-kva.example</email>');
    }
    expect(await readFile(join(out, 'index.html'), 'utf8')).toContain('mailto:editors@xn--bcher-kva.example');
  });
});

// A deployment sends to its subscriber store through SES without a contact list: its site.yml names the ses
// transport and, perhaps, the stack's configuration set, and no contactList or topic, which check must not ask for.
describe('digest.ses without a contact list', () => {
  it('passes check and publishes; a contactList without its topic is one line naming the fix', async () => {
    const deployed = await publish({ ...SITE, digest: { from: 'Watch <digest@watch.example.org>', transport: 'ses', ses: { configurationSet: 'broadsheet-prod' } } });
    expect([deployed.checked.code, deployed.checked.stderr]).toEqual([0, '']);
    expect(deployed.run.code, deployed.run.stderr).toBe(0);
    // The line of `ses:` in the file contentFolder writes (js-yaml's dump).
    const line = dump(HALF_LIST_SITE).split('\n').findIndex((text) => text.trim() === 'ses:') + 1;
    expect((await halfListRefused()).filter((problem) => problem.field === 'digest.ses')).toEqual([
      { file: 'site.yml', line: String(line), field: 'digest.ses', message: 'names a contactList without its topic', fix: 'write both, ses: {contactList: Readers, topic: weekly-digest}, or neither (a deployment sends to its subscriber store)' },
    ]);
  });
});
