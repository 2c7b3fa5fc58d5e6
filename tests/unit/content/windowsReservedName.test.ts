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

describe('windowsReservedName and windowsSafeName on a long run of spaces', () => {
  it('take time linear in a run of spaces inside the name, with the answers of the one-pattern trim', () => {
    const oldTrim = (text: string) => text.replace(/ +$/, '');
    const runs = ['con', 'con ', 'con   ', ' con ', 'con a ', 'con  a', '', '   '];
    for (const stem of runs) {
      const name = `${stem}.md`;
      const trimmed = oldTrim(stem);
      expect(windowsReservedName(name), name).toBe(/^con$/i.test(trimmed) ? 'CON' : undefined);
      expect(windowsSafeName(name), name).toBe(`${trimmed}-1.md`);
    }
    const name = `con${' '.repeat(50_000)}x.md`;
    const began = performance.now();
    const reserved = windowsReservedName(name);
    const safe = windowsSafeName(name);
    const took = performance.now() - began;
    expect(reserved).toBeUndefined();
    expect(safe).toBe(`con${' '.repeat(50_000)}x-1.md`);
    // The pattern took seconds here (it grows with the square of the run); one pass, a millisecond.
    expect(took).toBeLessThan(1_000);
  });
});
