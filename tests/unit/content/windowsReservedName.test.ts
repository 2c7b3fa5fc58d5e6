import { describe, expect, it } from 'vitest';
import { windowsReservedName, windowsSafeName } from '../../../lib/content/windowsReservedName.js';

// learn.microsoft.com, "Naming Files, Paths, and Namespaces": CON, PRN, AUX, NUL, COM0–COM9, COM¹–COM³, LPT0–LPT9,
// LPT¹–LPT³, with any extension; Git for Windows (is_valid_win32_path) also CONIN$ and CONOUT$, a name's spaces
// before the extension dropped.
describe('windowsReservedName', () => {
  it('names each device name, in any case, alone or with any extension', () => {
    for (const [name, device] of [
      ['con.md', 'CON'],
      ['CON.md', 'CON'],
      ['Prn.md', 'PRN'],
      ['aux', 'AUX'],
      ['nul.draft.md', 'NUL'],
      ['com0.md', 'COM0'],
      ['COM9.md', 'COM9'],
      ['com\u00b9.md', 'COM\u00b9'],
      ['lpt1.md', 'LPT1'],
      ['Lpt9.tar.gz', 'LPT9'],
      ['lpt\u00b3.md', 'LPT\u00b3'],
      ['conin$.md', 'CONIN$'],
      ['CONOUT$.md', 'CONOUT$'],
      ['con .md', 'CON'],
      ['nul:stream', 'NUL'],
    ]) {
      expect(windowsReservedName(name!), name).toBe(device);
    }
  });

  it('leaves every other name alone: a longer word, a device name inside one, a number past 9', () => {
    for (const name of ['cons.md', 'con-1.md', 'icon.md', 'a-con.md', 'com10.md', 'lpt.md', 'com.md', 'nul-and-void.md', 'conin.md', '.con.md', 'aux_.md']) {
      expect(windowsReservedName(name), name).toBeUndefined();
    }
  });
});

describe('windowsSafeName', () => {
  it('puts -1 after the device name, keeping the extension', () => {
    expect(windowsSafeName('con.md')).toBe('con-1.md');
    expect(windowsSafeName('Nul.draft.md')).toBe('Nul-1.draft.md');
    expect(windowsSafeName('con .md')).toBe('con-1.md');
    expect(windowsSafeName('aux')).toBe('aux-1');
    expect(windowsReservedName(windowsSafeName('LPT9.md'))).toBeUndefined();
  });
});
