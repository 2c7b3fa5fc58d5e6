import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { main } from '../../../cli/main.js';
import { serveLoopback } from '../../support/loopbackHttp.js';

// `trigger --json` against a trigger on loopback that refuses, as the deployed one answers (README "The HTTP API"):
// stdout holds the refusal in publish --json's shape, {ok: false, command, error: <class name>, message}.
const TOKEN = 'trigger-token-long-enough-for-a-test';
let answer: { status: number; body: unknown } = { status: 500, body: {} };
let server: Awaited<ReturnType<typeof serveLoopback>>;
let url = '';
beforeAll(async () => {
  server = await serveLoopback((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body)));
  });
  url = server.endpoint;
});
afterAll(() => server.close());

async function trigger(flags: string[]): Promise<{ code: number; json: Record<string, unknown>; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (line) => out.push(line), stderr: (line) => err.push(line), env: { BROADSHEET_TRIGGER_URL: url, BROADSHEET_TRIGGER_TOKEN: TOKEN }, cwd: process.cwd(), isTty: false };
  const code = await main(['trigger', '--json', ...flags], io);
  expect(out).toHaveLength(1);
  return { code, json: JSON.parse(out[0]!) as Record<string, unknown>, err };
}

describe('trigger --json: a refused request in the shape of a refused publish --json', () => {
  it('the site bucket refused a dry run (409): the class under error, the sentence stderr says under message', async () => {
    const refusal = 'the output holds files no publish wrote: index.html';
    answer = { status: 409, body: { error: 'the site bucket refused the publish; nothing would be published', kind: 'UsageError', message: refusal } };
    const { code, json, err } = await trigger(['--dry-run']);
    expect(code).toBe(2);
    const message = `the trigger answered 409: the site bucket refused the publish; nothing would be published: ${refusal}`;
    expect(json).toEqual({ ok: false, command: 'trigger', error: 'UsageError', message, status: 409 });
    expect(err).toEqual([`broadsheet trigger: ${message}`]);
  });

  it('invalid content (422): ContentError, its problems and their total beside', async () => {
    const problems = ['entries/2014/a.md:2: title: is missing (add a title: line)'];
    answer = { status: 422, body: { error: 'the content is invalid; nothing would be published', kind: 'ContentError', problems, problemsTotal: 1 } };
    const { code, json } = await trigger(['--dry-run']);
    expect(code).toBe(1);
    expect(json).toEqual({ ok: false, command: 'trigger', error: 'ContentError', message: 'the content is invalid; nothing would be published', status: 422, problems, problemsTotal: 1 });
  });

  it('invalid content (422) from a function that gives the problems as objects too: those, as publish --json gives them', async () => {
    const lines = ['entries/2014/a.md:2: title: is missing (add a title: line)', 'entries/2014/b.md: url: is missing (add a url: line)'];
    const problemDetails = [
      { file: 'entries/2014/a.md', line: 2, field: 'title', message: 'is missing', fix: 'add a title: line' },
      { file: 'entries/2014/b.md', field: 'url', message: 'is missing', fix: 'add a url: line' },
    ];
    answer = { status: 422, body: { error: 'the content is invalid; nothing would be published', kind: 'ContentError', problems: lines, problemDetails, problemsTotal: 2 } };
    const { code, json, err } = await trigger(['--dry-run']);
    expect(code).toBe(1);
    expect(json).toEqual({ ok: false, command: 'trigger', error: 'ContentError', message: 'the content is invalid; nothing would be published', status: 422, problems: problemDetails, problemsTotal: 2 });
    // stderr keeps the lines check prints.
    expect(err).toEqual([...lines, 'broadsheet trigger: the content is invalid; nothing would be published']);
  });

  it("a digest refused for invalid content (422, its outcome as it is): the sentence digest says, the problems on stderr", async () => {
    const problems = ['entries/2014/a.md:2: title: is missing (add a title: line)', 'entries/2014/b.md:3: date: is not a date (write YYYY-MM-DD)'];
    answer = { status: 422, body: { ok: false, trigger: 'manual', error: 'ContentError', problems, problemsTotal: 3 } };
    const { code, json, err } = await trigger(['--digest', '2014-W19']);
    expect(code).toBe(1);
    // 3 problems in all, 2 listed: the count is the total, not the lines listed.
    const said = '3 problems in the content; nothing was archived or sent';
    expect(json).toEqual({ ok: false, command: 'trigger', error: 'ContentError', message: said, status: 422, trigger: 'manual', problems, problemsTotal: 3 });
    expect(err).toEqual([...problems, '... and 1 more problems', `broadsheet trigger: ${said}`]);
  });

  it("a digest's refusal keeps its class; a wrong token is a UsageError, a trigger that failed an Error", async () => {
    answer = { status: 400, body: { ok: false, trigger: 'manual', error: 'ConfigError', message: 'transport: smtp needs smtpUrlParameter' } };
    expect((await trigger(['--digest', '2014-W19'])).json).toEqual({ ok: false, command: 'trigger', error: 'ConfigError', message: 'the trigger answered 400: ConfigError: transport: smtp needs smtpUrlParameter', status: 400, trigger: 'manual' });
    answer = { status: 401, body: { error: 'missing or wrong bearer token' } };
    expect((await trigger([])).json).toEqual({ ok: false, command: 'trigger', error: 'UsageError', message: 'the trigger answered 401: missing or wrong bearer token (check BROADSHEET_TRIGGER_TOKEN)', status: 401 });
    // A trigger that failed may have asked for the run first: the request is said as one with no answer.
    answer = { status: 502, body: { error: 'the publish function failed; see its logs for request r-1' } };
    expect((await trigger([])).json).toMatchObject({ ok: false, command: 'trigger', error: 'Error', message: "the trigger answered 502: the publish function failed; see its logs for request r-1; a publish may or may not have been asked for; broadsheet status --bucket SITE_BUCKET lists the run once it ends (the trigger's GET /runs too); asking again is safe: a publish repeats nothing that is done", status: 502 });
    answer = { status: 502, body: { error: 'the digest function failed; see its logs for request r-2' } };
    expect((await trigger(['--digest', '2014-W19', '--send'])).err).toEqual([
      "broadsheet trigger: the trigger answered 502: the digest function failed; see its logs for request r-2; the 2014-W19 digest's send may or may not have been asked for; broadsheet status --bucket SITE_BUCKET lists the run once it ends (the trigger's GET /runs too); asking again is safe: each subscriber gets the week once",
    ]);
  });
});

describe('trigger --json: a dry run’s skipped entries and warnings, and a digest’s problems, as publish --json gives them', () => {
  const warningLine = 'entries/2014/Shout.MD: file: is not published: only files ending in .md are entries (rename it to Shout.md)';
  const warning = { file: 'entries/2014/Shout.MD', field: 'file', message: 'is not published: only files ending in .md are entries', fix: 'rename it to Shout.md' };
  const skippedLine = 'entries/2014/b.md:3: url: is missing (add a url: line)';
  const skipped = { file: 'entries/2014/b.md', line: 3, field: 'url', message: 'is missing', fix: 'add a url: line' };
  const dryRun = {
    ok: true, trigger: 'manual', dryRun: true, counts: { new: 0, changed: 1, unchanged: 3, deleted: 0 }, entries: { total: 2, published: 1, skipped: 1 }, tags: 1,
    changed: [{ key: 'rss.xml', status: 'changed' }], changedTotal: 1, skipped: [skippedLine], skippedTotal: 1, warnings: 1, warningLines: [warningLine], warningLinesTotal: 1,
  };

  it('an answered dry run: skipped and warnings are objects, with the warnings’ number as warningsTotal and their lines beside', async () => {
    answer = { status: 200, body: { ...dryRun, skippedDetails: [skipped], warningDetails: [warning] } };
    const { code, json } = await trigger(['--dry-run']);
    expect(code).toBe(0);
    expect(json).toEqual({ ...dryRun, skipped: [skipped], warnings: [warning], warningsTotal: 1 });
  });

  it('an answered dry run from a function deployed before the objects: the answer as it is', async () => {
    answer = { status: 200, body: dryRun };
    expect((await trigger(['--dry-run'])).json).toEqual(dryRun);
  });

  it('a refused dry run’s warnings, and a digest’s problems, as objects', async () => {
    answer = { status: 422, body: { error: 'the content is invalid; nothing would be published', kind: 'ContentError', problems: [skippedLine], problemDetails: [skipped], problemsTotal: 1, warningLines: [warningLine], warningLinesTotal: 1, warningDetails: [warning] } };
    expect((await trigger(['--dry-run'])).json).toEqual({ ok: false, command: 'trigger', error: 'ContentError', message: 'the content is invalid; nothing would be published', status: 422, problems: [skipped], problemsTotal: 1, warningLines: [warningLine], warningLinesTotal: 1, warnings: [warning] });
    answer = { status: 422, body: { ok: false, trigger: 'manual', error: 'ContentError', problems: [skippedLine], problemDetails: [skipped], problemsTotal: 1 } };
    const digest = await trigger(['--digest', '2014-W19']);
    expect(digest.json).toEqual({ ok: false, command: 'trigger', error: 'ContentError', message: '1 problem in the content; nothing was archived or sent', status: 422, trigger: 'manual', problems: [skipped], problemsTotal: 1 });
    // stderr keeps the lines check prints.
    expect(digest.err).toEqual([skippedLine, 'broadsheet trigger: 1 problem in the content; nothing was archived or sent']);
  });
});
