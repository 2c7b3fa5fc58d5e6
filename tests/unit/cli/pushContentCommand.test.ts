import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { main } from '../../../cli/main.js';
import { contentFolder } from '../../support/content.js';

// `Title:` on line 2 is the title typed with a capital: the warning about it says why `title: is missing`.
const UNTITLED = '---\nTitle: Kaesong wages\nurl: https://news.example.com/a\nsource: Example News\ndate: 2014-05-08\n---\nCommentary.\n';
const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (line) => out.push(line), stderr: (line) => err.push(line), env: {}, cwd: '/', isTty: false }, out, err };
}

describe('broadsheet push-content', () => {
  // Refused before any request: the endpoint is a port nothing listens on, and is never asked.
  const push = (content: string, io: CliIo, ...more: string[]) => main(['push-content', '--content', content, '--bucket', 'content', '--endpoint', 'http://127.0.0.1:9', ...more], io);

  it('refuses invalid content with the warnings that explain its problems, as check and publish print them', async () => {
    const content = await contentFolder({ entries: { '2014/a.md': UNTITLED } });
    folders.push(content);
    const { io, err } = capture();
    expect(await push(content, io)).toBe(1);
    expect(err).toEqual([
      'warning: entries/2014/a.md:2: Title: is not a known field and is ignored (keys are lowercase: write title:)',
      "entries/2014/a.md: title: is missing (add title: with the article's headline)",
      'broadsheet push-content: 1 problem in the content; nothing was written',
    ]);
  });

  it('gives them in --json too', async () => {
    const content = await contentFolder({ entries: { '2014/a.md': UNTITLED } });
    folders.push(content);
    const { io, out } = capture();
    expect(await push(content, io, '--json')).toBe(1);
    const refusal = JSON.parse(out.join('\n')) as { warnings: { file: string; field: string }[] };
    expect(refusal.warnings).toEqual([expect.objectContaining({ file: 'entries/2014/a.md', field: 'Title', line: 2 })]);
  });
});
