import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ParamChecks, { paramProblems } from '../../../scripts/paramChecks.mjs';
import { feedbackContacts } from '../../../functions/sesFeedback.js';
import { REPO } from '../../support/cli.js';

/** Whether the ses-feedback function, given SES_CONTACT_LIST `value`, fails at its cold start (every event it is given). */
const functionRefuses = (value: string) => {
  try {
    feedbackContacts({ SES_CONTACT_LIST: value }, 'us-east-1');
    return false;
  } catch {
    return true;
  }
};

describe('--param sesContactList, checked when the stack is packaged', () => {
  it('is refused exactly when the ses-feedback function would refuse it, naming the param and the fix', async () => {
    // SES's names: letters, digits, _ and -, at most 64 (the IAM resource contact-list/NAME holds them).
    for (const value of ['', 'PeninsulaWatch', 'Peninsula_Watch-2', 'x'.repeat(64), 'x'.repeat(65), 'Peninsula Watch', 'Peninsula/Watch', 'Péninsule', '*']) {
      expect((await paramProblems({ sesContactList: value })).length > 0, value).toBe(functionRefuses(value));
    }
    expect(await paramProblems({ sesContactList: 'Peninsula/Watch' })).toEqual([
      `--param sesContactList=Peninsula/Watch would fail every event of the ses-feedback function: SES_CONTACT_LIST: "Peninsula/Watch" is not an SES contact list's name (letters, digits, _ and -, at most 64: e.g. PeninsulaWatch), or leave it empty for none`,
    ]);
  });

  it("is read where serverless.yml hands it to the ses-feedback function, and refuses the packaging", async () => {
    // serverless.yml sets the function's SES_CONTACT_LIST from the param, as the plugin reads it.
    expect(readFileSync(join(REPO, 'serverless.yml'), 'utf8')).toMatch(/\n {2}sesFeedback:\n(?: {4}.*\n|\s*\n)*? {6}SES_CONTACT_LIST: \$\{param:sesContactList\}\n/);
    const serverless = (list: string) => ({ service: { functions: { sesFeedback: { environment: { SES_CONTACT_LIST: list } } } }, classes: { Error } });
    const refused = await new ParamChecks(serverless('Peninsula Watch')).hooks['before:package:initialize']!().catch((error: unknown) => error);
    expect((refused as Error).message).toBe(`Nothing was packaged:\n--param sesContactList=Peninsula Watch would fail every event of the ses-feedback function: SES_CONTACT_LIST: "Peninsula Watch" is not an SES contact list's name (letters, digits, _ and -, at most 64: e.g. PeninsulaWatch), or leave it empty for none`);
    await expect(new ParamChecks(serverless('PeninsulaWatch')).hooks['before:package:initialize']!()).resolves.toBeUndefined();
  });
});
