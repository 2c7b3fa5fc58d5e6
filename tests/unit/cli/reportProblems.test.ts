import { describe, expect, it } from 'vitest';
import { formatChange, formatChangeKey } from '../../../cli/format.js';
import type { CliIo } from '../../../cli/io.js';
import { reportProblems, reportWarnings } from '../../../cli/reportProblems.js';

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

  it('formatChange and formatChangeKey: the key escaped', () => {
    expect(formatChange({ status: 'new', size: 12, key: 'entries/a\u2028b/index.html' })).toBe(`${'new'.padEnd(9)} ${'12 B'.padStart(9)}  entries/a\\u2028b/index.html`);
    expect(formatChangeKey({ status: 'deleted', key: 'x\u007fy\\z' })).toBe(`${'deleted'.padEnd(9)} x\\x7fy\\\\z`);
  });
});
