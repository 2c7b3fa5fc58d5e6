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

// digest.time, digest.transport and timezone want one value too: quoting `[08:00` or closing the list was refused in
// turn (`time: '[08:00'` is no time of day, `transport: [ses]` no transport, `timezone: [Asia/Seoul]` no zone).
describe('the other one-value fields with an unclosed list', () => {
  it('digest.time: the time alone, in quotes, as digest.time asks', async () => {
    expect(await siteProblem(siteWith('day: monday', 'time: [08:00'))).toEqual({ file: 'site.yml', line: DAY_LINE + 1, field: 'time', message: 'malformed YAML: the [ that opens this list is never closed', fix: 'time wants one time of day, not a list: write time: "08:00"' });
    expect((await siteProblem(siteWith('day: monday', 'time: ["09:30", "10:00"'))).fix).toBe('time wants one time of day, not a list: write time: "09:30"');
    expect((await siteProblem(siteWith('day: monday', 'time: [soon'))).fix).toBe('time wants one time of day, not a list: write one alone, such as time: "08:00"');
  });

  it('digest.transport: the transport alone', async () => {
    expect((await siteProblem(siteWith('transport: [smtp', 'time: "08:00"'))).fix).toBe('transport wants one transport, not a list: write transport: smtp');
  });

  it('timezone: the zone alone', async () => {
    const { timezone: _, ...rest } = SITE;
    const problem = await siteProblem(`${dump(rest)}timezone: [America/Port-au-Prince\ndigest:\n  day: monday\n`);
    expect(problem).toEqual({ file: 'site.yml', line: Object.keys(rest).length + 1, field: 'timezone', message: 'malformed YAML: the [ that opens this list is never closed', fix: 'timezone wants one time zone, not a list: write timezone: America/Port-au-Prince' });
  });

  it('each value written as the fix says is read: check passes', async () => {
    const { timezone: _, ...rest } = SITE;
    const site = `${dump(rest)}timezone: America/Port-au-Prince\ndigest:\n  day: monday\n  time: "09:30"\n  transport: smtp\n`;
    const dir = await contentFolder({ site, entries: { '2014/a.md': entryText(entry()) } });
    const run = await runMain(['check', '--content', dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
