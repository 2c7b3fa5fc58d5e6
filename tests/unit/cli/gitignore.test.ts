import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../support/cli.js';

// What the CLI writes by default into the folder it runs in stays out of a commit: the published site, the mail
// the file transport writes, and the preview's subscriber records (addresses and consent, personal data).
describe('.gitignore', () => {
  const ignored = (path: string) => spawnSync('git', ['check-ignore', '--quiet', '--no-index', path], { cwd: REPO }).status === 0;

  it('keeps public/, outbox/ and the preview and subscribers commands’ default subscribers/ folder out of commits', () => {
    for (const path of ['public/index.html', 'outbox/2014-W19.eml', 'subscribers/records/ab/cd.json']) expect(ignored(path), path).toBe(true);
  });

  it("keeps Node's trace files (node --trace-events-enabled writes node_trace.N.log where it runs) out of commits", () => {
    for (const path of ['node_trace.1.log', 'node_trace.12.log']) expect(ignored(path), path).toBe(true);
  });

  it('keeps the sample content, its subscribers.txt included, in them', () => {
    for (const path of ['content/site.yml', 'content/subscribers.txt', 'lib/subscribers/subscriber.ts']) expect(ignored(path), path).toBe(false);
  });
});
