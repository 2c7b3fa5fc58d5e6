import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oslsPackageLocked } from './oslsPackageLock.js';
import { runOsls } from './runOsls.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- CloudFormation is untyped JSON

/**
 * The stage and params of the one `osls package` the template's tests read (tests/e2e/serverlessPackage.test.ts,
 * tests/e2e/digest/serverlessDigest.test.ts). The optional ones given are not their defaults, to show each reaches
 * the template; the others are left to their defaults.
 */
export const PACKAGED = {
  stage: 'ci',
  contentBucket: 'broadsheet-ci-content',
  siteBucket: 'broadsheet-ci-site',
  schedule: 'rate(10 minutes)',
  alertEmail: 'ops@example.org',
  digestSchedule: 'cron(30 18 ? * SUN *)',
  digestTimezone: 'America/New_York',
  sesIdentity: 'news.example.net',
} as const;

/**
 * The stack `osls package` makes of serverless.yml with PACKAGED's params: the folder of its template and zips, and
 * the template. Packaged once a test run, in the run's temporary folder (BROADSHEET_TEST_TMPDIR, which
 * vitest.config.ts makes and removes and every worker shares), under the packaging lock: a file that comes later, in
 * any worker, reads the same folder, and writes nothing in it. Outside a test run, each call packages anew.
 */
export async function packagedStack(): Promise<{ out: string; template: Json }> {
  const runDir = process.env.BROADSHEET_TEST_TMPDIR;
  const out = runDir === undefined ? await mkdtemp(join(tmpdir(), 'broadsheet-sls-')) : join(runDir, 'osls-packaged');
  const done = join(out, 'packaged');
  await oslsPackageLocked(async () => {
    if (await access(done).then(() => true, () => false)) return;
    // A run that failed or was cut short leaves no mark: package again.
    await rm(out, { recursive: true, force: true });
    const { stage, ...params } = PACKAGED;
    const run = await runOsls(['package', '--stage', stage, ...Object.entries(params).flatMap(([name, value]) => ['--param', `${name}=${value}`]), '--package', out]);
    if (run.code !== 0) throw new Error(`osls package exited ${run.code}:\n${run.output}`);
    await writeFile(done, '');
  });
  return { out, template: JSON.parse(await readFile(join(out, 'cloudformation-template-update-stack.json'), 'utf8')) };
}
