import { describe, expect, it } from 'vitest';
import { nearestName } from '../../../lib/shared/nearestName.js';
import { runMain } from '../../support/runMain.js';

// A command or an option mistyped was refused with the help to read; the one meant, when one is that close, is named.
describe('a mistyped command or option', () => {
  it('names the command or option meant', async () => {
    expect((await runMain(['pubish'])).stderr).toBe('broadsheet: unknown command "pubish" (did you mean broadsheet publish? run broadsheet --help for the list)\n');
    expect((await runMain(['publish', '--dryrun'])).stderr).toBe('broadsheet publish: unknown option --dryrun (did you mean --dry-run? see broadsheet publish --help)\n');
    expect((await runMain(['new', '--tag', 'Trade'])).stderr).toBe('broadsheet new: unknown option --tag (did you mean --tags? see broadsheet new --help)\n');
    // None close: the help alone, as before.
    expect((await runMain(['check', '--frob'])).stderr).toBe('broadsheet check: unknown option --frob (see broadsheet check --help)\n');
  });

  it('takes case and dashes as no slip, then up to two slips, fewer than half the letters; never a guess between two', () => {
    const names = ['publish', 'preview', 'check', 'status', 'dry-run', 'content', 'out'];
    expect(nearestName('DryRun', names)).toBe('dry-run');
    expect(nearestName('chekc', names)).toBe('check');
    expect(nearestName('contnet', names)).toBe('content');
    expect(nearestName('pubilsh', names)).toBe('publish');
    // Three slips; and in a short name, two are half of it.
    expect(nearestName('pblsj', names)).toBeUndefined();
    expect(nearestName('ou', names)).toBeUndefined();
    expect(nearestName('ot', names)).toBeUndefined();
    expect(nearestName('xyz', names)).toBeUndefined();
    // As near to two names: none.
    expect(nearestName('bat', ['cat', 'bag'])).toBeUndefined();
  });
});
