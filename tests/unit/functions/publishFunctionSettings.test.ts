import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readS3Settings } from '../../../functions/config.js';
import { publishNeedsMs } from '../../../functions/publishDeadline.js';
import { PUBLISH_TIMEOUT_MS, publishReserveRefusal } from '../../../functions/publishReserveRefusal.js';
import { REPO } from '../../support/cli.js';
import { timeoutMs } from '../../support/serverlessTimeout.js';

/** The variables of an `environment:` block indented `indent` spaces in `text` (its `KEY: value` lines, read as text). */
function environment(text: string, indent: number): Record<string, string> {
  const head = new RegExp(String.raw`\n {${indent}}environment:\n((?: {${indent + 2}}.*\n|\s*\n)+)`).exec(text);
  const variables: Record<string, string> = {};
  for (const line of (head?.[1] ?? '').split('\n')) {
    const found = new RegExp(String.raw`^ {${indent + 2}}([A-Z0-9_]+): (.*)$`).exec(line);
    if (found) variables[found[1]!] = found[2]!;
  }
  return variables;
}

// The publish function's deadline (functions/publishDeadline.ts) works from its timeout and its S3 settings as
// serverless.yml deploys them: the timeout here, the settings from the provider's and the function's environment.
describe("serverless.yml's publish function, against its deadline's assumptions", () => {
  const text = readFileSync(join(REPO, 'serverless.yml'), 'utf8');
  const functions = text.slice(text.indexOf('\nfunctions:\n'));
  const publishBlock = /\n {2}publish:\n((?: {4}.*\n|\s*\n)+)/.exec(functions)?.[1] ?? '';
  const deployed = { ...environment(text.slice(0, text.indexOf('\nfunctions:\n')), 2), ...environment(`\n${publishBlock}`, 4) };

  it('has the timeout the reserve is checked against (900 s)', () => {
    expect(timeoutMs('publish')).toBe(PUBLISH_TIMEOUT_MS);
  });

  it('deploys S3 settings the function takes, keeping back the README\'s 90 s', () => {
    // Read as the function reads them: a variable set to a deploy-time reference would need its own check here.
    const s3Variables = Object.entries(deployed).filter(([name]) => name.startsWith('S3_'));
    for (const [name, value] of s3Variables) expect(value, name).toMatch(/^'?\d+'?$/);
    const settings = readS3Settings(Object.fromEntries(s3Variables.map(([name, value]) => [name, value.replace(/'/g, '')])));
    expect(publishReserveRefusal(settings, timeoutMs('publish'))).toBeUndefined();
    // 4 attempts of 2 × 10 s and the 10 s margin: the figure README gives for the deployed defaults.
    expect(publishNeedsMs(settings)).toBe(90_000);
    // The block is the publish function's, and the environment read is its own (a variable every deploy sets).
    expect(deployed.CONTENT_BUCKET).toBe('${param:contentBucket}');
  });
});
