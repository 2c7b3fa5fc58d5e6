import { describe, expect, it } from 'vitest';
import { formatChange, formatChangeKey } from '../../../cli/format.js';
import type { CliIo } from '../../../cli/io.js';
import { reportProblems, reportWarnings } from '../../../cli/reportProblems.js';
import { GROUP_WARNINGS_FROM } from '../../../lib/shared/warningLines.js';

function captureIo() {
  const stderr: string[] = [];
  const io: CliIo = { stdout: () => undefined, stderr: (line) => stderr.push(line), env: {}, cwd: '/', isTty: false };
  return { io, stderr };
}

describe('the CLI prints names escaped, one line per problem', () => {
  it('reportProblems: a file name with a newline or ESC, a field with ESC', () => {
    const { io, stderr } = captureIo();
    reportProblems([
      { file: 'entries/a\nb.md', field: 'url', message: 'is missing', fix: 'add url:' },
      { file: 'site.yml', field: 'tagSlugs.x\u001b[31m', message: '"Bad" is not a slug', fix: 'write cpp' },
    ], io);
    expect(stderr).toEqual(['entries/a\\nb.md: url: is missing (add url:)', 'site.yml: tagSlugs.x\\x1b[31m: "Bad" is not a slug (write cpp)']);
  });

  it('reportWarnings: the same, after warning:', () => {
    const { io, stderr } = captureIo();
    reportWarnings([{ file: 'entries/c\u001b[0m.MD', field: 'file', message: 'is not published', fix: 'rename it' }], io);
    expect(stderr).toEqual(['warning: entries/c\\x1b[0m.MD: file: is not published (rename it)']);
  });

  it('reportWarnings: one warning in more than GROUP_WARNINGS_FROM files, word for word, is one line naming three and how many more', () => {
    const { io, stderr } = captureIo();
    const unknown = (file: string, line: number) => ({ file, line, field: 'layout', message: 'is not a known field and is ignored', fix: 'remove it' });
    const files = Array.from({ length: GROUP_WARNINGS_FROM + 2 }, (_, i) => `entries/2014/e${i}.md`);
    reportWarnings([unknown(files[0]!, 6), { file: 'entries/2014/x\u001b.md', field: 'url', message: 'is also the url of entries/2014/y.md', fix: 'keep one' }, ...files.slice(1).map((file, i) => unknown(file, 7 + i))], io);
    expect(stderr).toEqual([
      `warning: entries/2014/e0.md, entries/2014/e1.md, entries/2014/e2.md and ${GROUP_WARNINGS_FROM + 2 - 3} more files: layout: is not a known field and is ignored (remove it)`,
      'warning: entries/2014/x\\x1b.md: url: is also the url of entries/2014/y.md (keep one)',
    ]);
    // As many as GROUP_WARNINGS_FROM stay a line each, with their lines.
    const few = captureIo();
    reportWarnings(files.slice(0, GROUP_WARNINGS_FROM).map((file, i) => unknown(file, 6 + i)), few.io);
    expect(few.stderr).toEqual(files.slice(0, GROUP_WARNINGS_FROM).map((file, i) => `warning: ${file}:${6 + i}: layout: is not a known field and is ignored (remove it)`));
  });

  it('reportWarnings: a grouped warning of no line (a body\'s) reads "files: body:", with no empty place for the line', () => {
    const { io, stderr } = captureIo();
    const files = Array.from({ length: GROUP_WARNINGS_FROM + 1 }, (_, i) => `entries/2014/e${i}.md`);
    reportWarnings(files.map((file) => ({ file, field: 'body', message: 'holds a shortcode', fix: 'remove it' })), io);
    expect(stderr).toEqual([`warning: entries/2014/e0.md, entries/2014/e1.md, entries/2014/e2.md and ${GROUP_WARNINGS_FROM + 1 - 3} more files: body: holds a shortcode (remove it)`]);
  });

  it('formatChange and formatChangeKey: the key escaped', () => {
    expect(formatChange({ status: 'new', size: 12, key: 'entries/a\u2028b/index.html' })).toBe(`${'new'.padEnd(9)} ${'12 B'.padStart(9)}  entries/a\\u2028b/index.html`);
    expect(formatChangeKey({ status: 'deleted', key: 'x\u007fy\\z' })).toBe(`${'deleted'.padEnd(9)} x\\x7fy\\\\z`);
  });
});
