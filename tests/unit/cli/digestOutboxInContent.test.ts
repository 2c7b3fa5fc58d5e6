import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestCommand } from '../../../cli/commands/digest.js';
import type { CliIo } from '../../../cli/io.js';
import { ConfigError, UsageError } from '../../../lib/shared/errors.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';

const SEND = ['--week', '2014-W20', '--send', '--now', '2014-05-19T08:00:00+09:00'];

/** A content folder with a week's entry and a subscriber list, so that a file-transport send would go ahead. */
async function site() {
  const content = await contentFolder({ site: siteYaml(), entries: { '2014/a.md': entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-13' })) } });
  await writeFile(join(content, 'subscribers.txt'), 'ada@example.org\n');
  const cwd = await mkdtemp(join(tmpdir(), 'broadsheet-digest-outbox-'));
  const out: string[] = [];
  const io: CliIo = { stdout: (line) => out.push(line), stderr: () => undefined, env: {}, cwd, isTty: false };
  return { content, cwd, out, io };
}

describe('digest --send --transport file with --outbox inside the content folder', () => {
  it('is refused before the week is archived: the messages hold every recipient’s address, and push-content would upload them', async () => {
    const { content, cwd, out, io } = await site();
    const outbox = join(content, 'outbox');
    const run = digestCommand.run(['--content', content, '--out', 'out', '--transport', 'file', '--outbox', outbox, ...SEND], io);
    await expect(run).rejects.toThrow(UsageError);
    // The working folder and the content are both in the temp folder: the outbox beside the content is ../outbox.
    await expect(run).rejects.toThrow(
      `--outbox: ${outbox} is inside the content folder ${content}; write the week's emails elsewhere (e.g. --outbox ../outbox), or push-content would upload them, with every recipient's address`,
    );
    expect(out).toEqual([]);
    // Nothing archived, nothing written in the content folder.
    expect(await readdir(cwd)).toEqual([]);
    expect((await readdir(content)).sort()).toEqual(['entries', 'site.yml', 'subscribers.txt']);
  });

  it('is refused with no --transport (site.yml’s, file by default), for the default outbox when run from inside the content folder', async () => {
    const { content, io } = await site();
    await expect(digestCommand.run(['--content', '.', '--out', '../out', ...SEND], { ...io, cwd: content })).rejects.toThrow(
      "--outbox: outbox is inside the content folder .; write the week's emails elsewhere (e.g. --outbox ../outbox)",
    );
  });

  it('is not the smtp transport’s concern, which writes no outbox; an outbox beside the content is taken', async () => {
    const { content, cwd, io } = await site();
    // Refused for its own reason (no SMTP_URL), not the unused --outbox.
    await expect(digestCommand.run(['--content', content, '--out', 'out', '--transport', 'smtp', '--outbox', join(content, 'outbox'), ...SEND], io)).rejects.toThrow(ConfigError);
    expect(await digestCommand.run(['--content', content, '--out', 'out', '--transport', 'file', '--outbox', 'outbox', '--quiet', ...SEND], io)).toBe(0);
    expect(await readdir(join(cwd, 'outbox', '2014-W20'))).toHaveLength(1);
  });
});

describe('digest --send --subscribers DIR inside the content folder', () => {
  it('is refused before the week is archived: the store holds the subscribers’ addresses, and push-content would upload them', async () => {
    const { content, cwd, out, io } = await site();
    const store = join(content, 'subscribers');
    await mkdir(store);
    const run = digestCommand.run(['--content', content, '--out', 'out', '--transport', 'file', '--outbox', 'outbox', '--subscribers', store, ...SEND], io);
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(
      `--subscribers: ${store} is inside the content folder ${content}; keep the subscriber records elsewhere (e.g. --subscribers ../subscribers), or push-content would upload them, with the subscribers' addresses`,
    );
    expect(out).toEqual([]);
    expect(await readdir(cwd)).toEqual([]);
    expect((await readdir(content)).sort()).toEqual(['entries', 'site.yml', 'subscribers', 'subscribers.txt']);
    expect(await readdir(store)).toEqual([]);
  });
});
