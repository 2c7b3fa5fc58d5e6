import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { digestCommand } from '../../../cli/commands/digest.js';
import { pushContentCommand } from '../../../cli/commands/pushContent.js';
import type { CliIo } from '../../../cli/io.js';
import { freshBucket, s3rverEnv, testS3Client } from '../../support/s3.js';
import { SAMPLE, tempDir } from '../digest/support.js';

// push-content and digest --send run in-process with a terminal io; the bar goes to process.stderr, which is
// made a 100-column TTY here and recorded. The commands' own lines go through the io.
const CLEAR = '\r\x1b[2K';
let drawn: string[];
let folder: string;
const descriptors = { isTTY: Object.getOwnPropertyDescriptor(process.stderr, 'isTTY'), columns: Object.getOwnPropertyDescriptor(process.stderr, 'columns') };

function terminalIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (line) => void out.push(line), stderr: (line) => void err.push(line), env: { ...process.env, DEBUG: '' }, cwd: folder, isTty: true };
}
const bars = (label: string) => drawn.filter((text) => text.startsWith(`${CLEAR}${label} [`)).map((text) => text.slice(CLEAR.length));

beforeAll(async () => {
  folder = await tempDir('progress');
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});
beforeEach(() => {
  drawn = [];
  Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
  Object.defineProperty(process.stderr, 'columns', { value: 100, configurable: true });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (drawn.push(String(chunk)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const [name, descriptor] of Object.entries(descriptors)) {
    if (descriptor) Object.defineProperty(process.stderr, name, descriptor);
    else delete (process.stderr as unknown as Record<string, unknown>)[name];
  }
});

describe('digest --send on a terminal', () => {
  const args = (out: string, ...extra: string[]) => ['--content', SAMPLE, '--week', '2014-W19', '--now', '2014-05-19T08:00:00+09:00', '--send', '--out', join(folder, out), '--outbox', join(folder, `${out}-outbox`), '--to', 'a@example.org', '--to', 'b@example.org', '--to', 'c@example.org', ...extra];

  it('draws a bar over the per-recipient lines, up to one tick per recipient, and clears it before the summary', async () => {
    const io = terminalIo();
    expect(await digestCommand.run(args('send'), io)).toBe(0);
    const sending = bars('sending');
    expect(sending[0]).toMatch(/^sending \[#+-+\] 1\/3 emails/);
    expect(sending.at(-1)).toBe('sending [##############################] 3/3 emails');
    expect(drawn.at(-1)).toBe(CLEAR);
    // The 2nd and 3rd recipients' lines clear the bar first (the 1st comes before it is drawn), and done() clears it.
    expect(drawn.filter((text) => text === CLEAR)).toHaveLength(3);
    // Each recipient's line still reaches stdout, once.
    expect(io.out.filter((line) => /^sent {5}[abc]@example\.org\b/.test(line))).toHaveLength(3);
    expect(io.out.at(-1)).toMatch(/^Sent the 2014-W19 digest through file .*: 3 sent/);
  });

  it('counts a rerun\'s skipped recipients too', async () => {
    expect(await digestCommand.run(args('rerun'), terminalIo())).toBe(0);
    drawn = [];
    const io = terminalIo();
    expect(await digestCommand.run(args('rerun'), io)).toBe(0);
    expect(io.out.filter((line) => line.startsWith('skipped '))).toHaveLength(3);
    expect(bars('sending').at(-1)).toMatch(/ 3\/3 emails$/);
  });

  it('draws nothing with --quiet or --json', async () => {
    expect(await digestCommand.run(args('quiet', '--quiet'), terminalIo())).toBe(0);
    expect(await digestCommand.run(args('json', '--json'), terminalIo())).toBe(0);
    expect(drawn.filter((text) => text.includes('sending'))).toEqual([]);
  });
});

describe('push-content on a terminal', () => {
  const endpoint = inject('s3Endpoint');
  const saved: Record<string, string | undefined> = {};
  let bucket: string;
  let content: string;
  beforeAll(async () => {
    bucket = await freshBucket(testS3Client(endpoint), 'progress-push');
    content = join(folder, 'content');
    await mkdir(join(content, 'entries'), { recursive: true });
    await writeFile(join(content, 'site.yml'), 'title: Progress\ndescription: A test.\nurl: https://progress.example.org/\nlanguage: en\ntimezone: UTC\nidDate: "2014"\n');
    for (let i = 1; i <= 4; i++) await writeFile(join(content, 'entries', `e${i}.md`), `---\ntitle: Entry ${i}\nurl: https://news.example.com/${i}\nsource: Example News\ndate: 2014-05-0${i}\n---\nBody ${i}.\n`);
    for (const [name, value] of Object.entries(s3rverEnv(endpoint))) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('draws a bar counting the uploads, total from the files that changed, and clears it', async () => {
    const io = terminalIo();
    expect(await pushContentCommand.run(['--content', content, '--bucket', bucket, '--endpoint', endpoint], io)).toBe(0);
    expect(io.out.at(-1)).toMatch(/: 5 uploaded, 0 deleted, 0 unchanged$/);
    const uploading = bars('uploading');
    expect(uploading[0]).toMatch(/^uploading \[#+-+\] 1\/5 files$/);
    expect(uploading.at(-1)).toBe('uploading [##############################] 5/5 files');
    expect(drawn.at(-1)).toBe(CLEAR);

    // One file changed: the total is 1, not the 5 files in the folder.
    await writeFile(join(content, 'entries', 'e1.md'), `---\ntitle: Entry 1, corrected\nurl: https://news.example.com/1\nsource: Example News\ndate: 2014-05-01\n---\nBody 1.\n`);
    drawn = [];
    expect(await pushContentCommand.run(['--content', content, '--bucket', bucket, '--endpoint', endpoint], terminalIo())).toBe(0);
    expect(bars('uploading')).toEqual(['uploading [##############################] 1/1 files']);
  });

  it('draws nothing with --quiet', async () => {
    await writeFile(join(content, 'entries', 'e2.md'), `---\ntitle: Entry 2, corrected\nurl: https://news.example.com/2\nsource: Example News\ndate: 2014-05-02\n---\nBody 2.\n`);
    const io = terminalIo();
    expect(await pushContentCommand.run(['--content', content, '--bucket', bucket, '--endpoint', endpoint, '--quiet'], io)).toBe(0);
    expect(io.out).toHaveLength(1);
    expect(bars('uploading')).toEqual([]);
  });
});
