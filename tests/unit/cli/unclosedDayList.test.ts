import { describe, expect, it } from 'vitest';
import { SITE, contentFolder, entry, entryText } from '../../support/content.js';
import { dump } from 'js-yaml';
import { runMain } from '../../support/runMain.js';

// site.yml's digest.day opening a list it never closes (`day: [1`): the fix was to quote it or close the list, and
// either is refused in turn (`day: '[1'` and `day: [1]` are no day of the week). digest.day wants one day, a name or
// 1 (monday) to 7 (sunday): the fix writes the day alone.
const siteWith = (...digest: string[]) => `${dump(SITE)}digest:\n${digest.map((line) => `  ${line}`).join('\n')}\n`;

async function siteProblem(site: string): Promise<{ line?: number; field: string; message: string; fix: string }> {
  const dir = await contentFolder({ site, entries: { '2014/a.md': entryText(entry()) } });
  const run = await runMain(['check', '--content', dir, '--json']);
  expect(run.code).toBe(1);
  const problems = (JSON.parse(run.stdout) as { problems: { file: string; line?: number; field: string; message: string; fix: string }[] }).problems;
  expect(problems.map((problem) => problem.file)).toEqual(['site.yml']);
  return problems[0]!;
}

// SITE's six lines, then `digest:`: the day is on line 8.
const DAY_LINE = Object.keys(SITE).length + 2;

describe('digest.day with an unclosed list', () => {
  it('a number or name after the [: that day alone, on the day line', async () => {
    expect(await siteProblem(siteWith('day: [1', 'time: "08:00"'))).toEqual({ file: 'site.yml', line: DAY_LINE, field: 'day', message: 'malformed YAML: the [ that opens this list is never closed', fix: 'day wants one day of the week, not a list: write day: 1' });
    expect((await siteProblem(siteWith('day: [ friday, monday', 'time: "08:00"'))).fix).toBe('day wants one day of the week, not a list: write day: friday');
    expect((await siteProblem(siteWith('day: {monday', 'time: "08:00"'))).fix).toBe('day wants one day of the week, not a mapping: write day: monday');
  });

  it('nothing after the [: a day to write, as an example', async () => {
    expect((await siteProblem(siteWith('day: [', 'time: "08:00"'))).fix).toBe('day wants one day of the week, not a list: write one alone, such as day: monday');
  });

  it('an unclosed quote keeps the fix of closing it, as "monday" is a day', async () => {
    expect((await siteProblem(siteWith('day: "monday', 'time: "08:00"'))).fix).toBe('close it on the same line: day: "monday"');
  });

  it('the day written as the fix says is read: check passes', async () => {
    const dir = await contentFolder({ site: siteWith('day: 1', 'time: "08:00"'), entries: { '2014/a.md': entryText(entry()) } });
    expect((await runMain(['check', '--content', dir, '--quiet'])).code).toBe(0);
  });
});
