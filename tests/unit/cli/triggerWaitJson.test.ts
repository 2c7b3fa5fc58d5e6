import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { main } from '../../../cli/main.js';
import { failedRunRecord, publishedRunRecord, type RunStart } from '../../../lib/publish/publishRunRecord.js';
import type { RunRecord } from '../../../lib/publish/runRecord.js';
import type { PublishWritten } from '../../../lib/publish/publish.js';
import { ContentError, formatProblem, type Problem } from '../../../lib/shared/errors.js';
import { serveLoopback } from '../../support/loopbackHttp.js';

// `trigger --wait RUN_ID` against a trigger on loopback whose GET /runs/<id> answers a record: a record written now
// gives its problems and warnings as objects under --json; one an older function wrote, its lines as they are.
const TOKEN = 'trigger-token-long-enough-for-a-test';
const RUN = 'a3e3269a-6375-4c6b-8feb-f74862cfe5bb';
let record: unknown;
let server: Awaited<ReturnType<typeof serveLoopback>>;
beforeAll(async () => {
  server = await serveLoopback((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(record)));
  });
});
afterAll(() => server.close());

async function wait(flags: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (line) => out.push(line), stderr: (line) => err.push(line), env: { BROADSHEET_TRIGGER_URL: server.endpoint, BROADSHEET_TRIGGER_TOKEN: TOKEN }, cwd: process.cwd(), isTty: false };
  const code = await main(['trigger', '--wait', RUN, '--interval', '0.1', '--timeout', '10', ...flags], io);
  return { code, out, err };
}

const START: RunStart = { id: RUN, kind: 'publish', trigger: 'schedule', startedAt: '2014-06-01T00:00:00.000Z', endedAt: '2014-06-01T00:00:02.000Z' };
const problems: Problem[] = [
  { file: 'entries/2014/a.md', line: 2, field: 'title', message: 'is missing', fix: 'add a title: line' },
  { file: 'entries/2014/b.md', field: 'url', message: 'is missing', fix: 'add a url: line' },
];
const warnings: Problem[] = [{ file: 'entries/2014/a.md', line: 5, field: 'layout', message: 'is not a known field', fix: 'remove it' }];

describe('trigger --wait: a run record with its problems as objects, and one with lines alone', () => {
  it('--json: the problems and warnings as publish --json gives them, their totals and the warning lines beside', async () => {
    record = JSON.parse(JSON.stringify(failedRunRecord(START, new ContentError(problems, { warnings }))));
    const { code, out } = await wait(['--json']);
    expect(code).toBe(1);
    const json = JSON.parse(out.join('\n')) as Record<string, unknown>;
    expect(json).toMatchObject({ id: RUN, outcome: 'invalid', problems, problemsTotal: 2, warnings, warningsTotal: 1, warningLines: warnings.map(formatProblem), warningLinesTotal: 1 });
    expect(json).not.toHaveProperty('problemDetails');
    expect(json).not.toHaveProperty('warningDetails');
  });

  it('without --json: as publish prints them, file:line: field: message (fix), on stderr', async () => {
    record = JSON.parse(JSON.stringify(failedRunRecord(START, new ContentError(problems, { warnings }))));
    const { code, err } = await wait([]);
    expect(code).toBe(1);
    expect(err).toEqual([
      `waiting for run ${RUN} ...`,
      'warning: entries/2014/a.md:5: layout: is not a known field (remove it)',
      'entries/2014/a.md:2: title: is missing (add a title: line)',
      'entries/2014/b.md: url: is missing (add a url: line)',
      `broadsheet trigger: run ${RUN} was refused: invalid content: 2 problems in the content; nothing was written`,
    ]);
  });

  it('a record an older function wrote, lines alone: --json gives them as they are, and the text prints them', async () => {
    const { problemDetails: _p, warningDetails: _w, warningsTotal: _t, ...old } = failedRunRecord(START, new ContentError(problems, { warnings })) as RunRecord;
    record = old;
    const { code, out } = await wait(['--json']);
    expect(code).toBe(1);
    expect(JSON.parse(out.join('\n'))).toEqual(old);
    const text = await wait([]);
    expect(text.err.slice(1, 4)).toEqual(['warning: entries/2014/a.md:5: layout: is not a known field (remove it)', ...problems.map(formatProblem)]);
  });

  it('an ok publish that changed ids (--allow-id-change): each warned of as publish does, and given under --json; an older record, none', async () => {
    const requests = { content: { list: 1, get: 2, put: 0, delete: 0 }, output: { list: 1, get: 1, put: 3, delete: 0 } };
    const idChanges = [{ url: 'https://news.example.org/b', oldKey: 'entries/2014/b.md', oldId: '2014/b', newKey: 'entries/2014/b-renamed.md', newId: '2014/b-renamed' }];
    const written: PublishWritten = { changes: [{ key: 'index.html', status: 'changed' }] as PublishWritten['changes'], counts: { new: 0, changed: 1, unchanged: 4, deleted: 0 }, skipped: [], warnings: [], requests, idChanges };
    record = JSON.parse(JSON.stringify(publishedRunRecord(START, written)));
    const line = 'warning: entries/2014/b-renamed.md: id: was "2014/b" (entries/2014/b.md), now "2014/b-renamed": readers show it again as new (--allow-id-change)';
    const text = await wait(['--quiet']);
    expect(text.code).toBe(0);
    expect(text.err).toEqual([line]);
    const json = await wait(['--json']);
    expect(JSON.parse(json.out.join('\n'))).toMatchObject({ outcome: 'ok', idChanges, idChangesTotal: 1 });
    const { idChanges: _c, idChangesTotal: _t, ...old } = record as RunRecord;
    record = old;
    const before = await wait(['--quiet']);
    expect(before.code).toBe(0);
    expect(before.err).toEqual([]);
  });
});
