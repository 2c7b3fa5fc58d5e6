import { describe, expect, it } from 'vitest';
import { NewlyHeldBack } from '../../../cli/newlyHeldBack.js';

describe('NewlyHeldBack', () => {
  const future = { file: 'entries/2014/future.md', until: '2014-07-01T00:00:00+09:00' };
  const later = { file: 'entries/2014/later.md', until: '2014-08-01T00:00:00+09:00' };

  it('gives every entry held back at the first build, then only those held back since the build before', () => {
    const held = new NewlyHeldBack();
    expect(held.take([future])).toEqual([future]);
    expect(held.take([future])).toEqual([]);
    expect(held.take([future, later])).toEqual([later]);
  });

  it('gives an entry again when its date changes, or when it is held back again after coming out', () => {
    const held = new NewlyHeldBack();
    held.take([future]);
    const moved = { ...future, until: '2014-07-02T00:00:00+09:00' };
    expect(held.take([moved])).toEqual([moved]);
    expect(held.take([])).toEqual([]);
    expect(held.take([moved])).toEqual([moved]);
  });
});
