import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../../support/runMain.js';

// Every command that takes --out took s3://b/x as a local folder `s3:/b/x`: status said it did not exist, publish
// would have written there.
describe('an s3:// URL given to --out', () => {
  it('is refused by each command that takes --out, naming --bucket and --prefix, and nothing is written', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'broadsheet-s3out-'));
    const refusal = '--out: s3://site-bucket/news is an S3 URL, and --out takes a local folder: for a bucket give --bucket site-bucket --prefix news';
    for (const command of ['publish', 'check', 'status', 'digest']) {
      const run = await runMain([command, '--out', 's3://site-bucket/news'], { cwd });
      expect(run.stderr.trim(), command).toBe(`broadsheet ${command}: ${refusal}`);
      expect(run.code, command).toBe(2);
    }
    const settle = await runMain(['settle', '--week', '2014-W24', '--resend', 'ann@example.org', '--out', 's3://site-bucket/news'], { cwd });
    expect(settle.stderr.trim()).toBe(`broadsheet settle: ${refusal}`);
    expect(await readdir(cwd)).toEqual([]);
  });
});
