import { spawn, type ChildProcess } from 'node:child_process';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../digest/support.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';

// `broadsheet preview --json`, as a tool driving the preview reads it: one JSON line per build, carrying the build's
// warnings as the text mode prints them.

let dir: string;
let child: ChildProcess;
let stdout = '';

/** The JSON lines printed so far, parsed. */
const events = () => stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);

async function until<T>(find: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out; stdout so far:\n${stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  dir = await contentFolder({
    site: SITE,
    entries: {
      '2014/a.md': entryText(entry({ title: 'Alpha story', url: 'https://news.example.com/a', date: '2014-05-01', tags: ['Trade'] })).replace('\n---\n', '\nimageAlt: A train at the border\n---\n'),
      '2014/b.md': entryText(entry({ title: 'Beta story', url: 'https://news.example.com/b', date: '2014-05-02' })),
    },
  });
  child = spawn(process.execPath, [BIN, 'preview', '--json', '--port', '0', '--content', dir, '--now', '2014-06-01T00:00:00+09:00'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBUG: '' } });
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
});
afterAll(() => {
  child?.kill('SIGTERM');
});

describe('broadsheet preview --json', () => {
  it("gives each build's warnings, with file, line, field, message and fix", async () => {
    const build = await until(() => events().find((event) => event.event === 'build'));
    expect(build.ok).toBe(true);
    const warnings = build.warnings as { file: string; line?: number; field: string; message: string; fix: string }[];
    const alt = warnings.find((warning) => warning.field === 'imageAlt');
    expect(alt).toMatchObject({ file: 'entries/2014/a.md', field: 'imageAlt', fix: 'add image: with the image it describes, or remove imageAlt' });
    // The line imageAlt was written on: after the front matter's opening line and its other fields.
    const source = entryText(entry({ title: 'Alpha story', url: 'https://news.example.com/a', date: '2014-05-01', tags: ['Trade'] }));
    expect(alt!.line).toBe(source.slice(0, source.indexOf('\n---\n') + 1).split('\n').length);
  });

  it('warns of a file renamed while it runs, as the text mode does', async () => {
    const before = events().filter((event) => event.event === 'build').length;
    await rename(join(dir, 'entries/2014/b.md'), join(dir, 'entries/2014/bee.md'));
    const rebuilt = await until(() => events().filter((event) => event.event === 'build')[before]);
    expect(rebuilt.ok).toBe(true);
    const renamed = (rebuilt.warnings as { file: string; field: string; message: string; fix: string }[]).find((warning) => warning.field === 'id');
    expect(renamed).toMatchObject({ file: 'entries/2014/bee.md', fix: 'add `id: 2014/b` to its front matter to keep the old id, or publish with --allow-id-change' });
    expect(renamed!.message).toContain('renamed from entries/2014/b.md while previewing');

    // The fix it asks for: the id: line added, the next build says nothing of ids (it was the new path's just before).
    const fixed = events().filter((event) => event.event === 'build').length;
    await writeFile(join(dir, 'entries/2014/bee.md'), entryText(entry({ id: '2014/b', title: 'Beta story', url: 'https://news.example.com/b', date: '2014-05-02' })));
    const after = await until(() => events().filter((event) => event.event === 'build')[fixed]);
    expect(after.ok).toBe(true);
    expect((after.warnings as { field: string }[]).filter((warning) => warning.field === 'id')).toEqual([]);
  });

  it('gives a failed build its warnings beside its problems: an unknown `Title:` explains `title: is missing`', async () => {
    const before = events().filter((event) => event.event === 'build').length;
    await writeFile(join(dir, 'entries/2014/bee.md'), entryText({ ...entry({ title: undefined, url: 'https://news.example.com/b', date: '2014-05-02' }), Title: 'Beta story' }));
    const failed = await until(() => events().filter((event) => event.event === 'build')[before]);
    expect(failed.ok).toBe(false);
    expect(failed.problems).toEqual([expect.objectContaining({ file: 'entries/2014/bee.md', field: 'title', message: 'is missing' })]);
    // js-yaml writes the fields in their order, Title last: line 2 is `url:`, then source, date, tags (two lines), Title.
    expect(failed.warnings).toContainEqual(expect.objectContaining({ file: 'entries/2014/bee.md', line: 7, field: 'Title', message: 'is not a known field and is ignored' }));
  });
});
