import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { subscribersCommand } from '../../../cli/commands/subscribers.js';
import type { CliIo } from '../../../cli/io.js';
import { UsageError } from '../../../lib/shared/errors.js';

/** A folder holding a content folder (site.yml, entries/); `run` runs `subscribers ARGS` from `cwd`, what it printed. */
async function site() {
  const root = await mkdtemp(join(tmpdir(), 'broadsheet-subscribers-in-content-'));
  const content = join(root, 'content');
  await mkdir(join(content, 'entries'), { recursive: true });
  await writeFile(join(content, 'site.yml'), 'title: T\n');
  const run = async (cwd: string, ...args: string[]) => {
    const out: string[] = [];
    const io: CliIo = { stdout: (line) => out.push(line), stderr: () => undefined, env: {}, cwd, isTty: false };
    await subscribersCommand.run([...args, '--now', '2014-05-12T09:00:00Z'], io);
    return out;
  };
  return { root, content, run };
}

describe('subscribers --subscribers inside the content folder', () => {
  it('is refused before a record is written: the records hold addresses, and push-content would upload them', async () => {
    const { root, content, run } = await site();
    const refusal = "--subscribers: content/subscribers is inside the content folder content; keep the subscriber records elsewhere (e.g. --subscribers subscribers), or push-content would upload them, with the subscribers' addresses";
    await expect(run(root, 'add', 'ada@example.org', '--subscribers', 'content/subscribers')).rejects.toThrow(UsageError);
    await expect(run(root, 'add', 'ada@example.org', '--subscribers', 'content/subscribers')).rejects.toThrow(refusal);
    await expect(run(root, 'list', '--subscribers', 'content/subscribers')).rejects.toThrow(refusal);
    expect((await readdir(content)).sort()).toEqual(['entries', 'site.yml']);
  });

  it('is refused for the default folder when run from inside the content folder, which gives no --content', async () => {
    const { content, run } = await site();
    await expect(run(content, 'add', 'ada@example.org')).rejects.toThrow('--subscribers: subscribers is inside the content folder .; keep the subscriber records elsewhere (e.g. --subscribers ../subscribers)');
    expect((await readdir(content)).sort()).toEqual(['entries', 'site.yml']);
  });

  it('takes the folder beside the content, as before', async () => {
    const { root, content, run } = await site();
    expect(await run(root, 'add', 'ada@example.org')).toEqual(['added ada@example.org']);
    expect(await run(content, 'list', '--subscribers', '../subscribers', '--quiet')).toEqual([`1 subscriber record, 1 confirmed, in ${join(root, 'subscribers')}/`]);
  });
});
