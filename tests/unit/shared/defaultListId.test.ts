import { describe, expect, it } from 'vitest';
import { defaultListId } from '../../../lib/shared/defaultListId.js';
import { listIdHeader, listIdOf, MAX_LIST_ID_CHARS } from '../../../lib/delivery/message.js';
import { testSite } from '../../support/digestFixtures.js';

describe('defaultListId of a long path', () => {
  // "ü" is C3 BC in UTF-8, so 150 of them are 150 × "-C3-BC", a label of 900 characters written whole.
  const long = `https://watch.example.org/${'ü'.repeat(150)}/`;

  it('is one DNS label of at most 63 characters (RFC 1035 §2.3.4) and its List-Id within what SES takes', () => {
    const id = defaultListId(long);
    const label = id.slice(0, id.indexOf('.'));
    expect(label.length).toBeLessThanOrEqual(63);
    // Its first 46 characters as written, then "--" and a hash.
    expect(label).toMatch(new RegExp(`^digest-${'-C3-BC'.repeat(7)}-C3---[0-9a-f]{8}$`));
    expect(id.endsWith('.watch.example.org')).toBe(true);
    const site = testSite({ title: 'Watch', url: long });
    expect(listIdHeader(listIdOf(site)).length).toBeLessThanOrEqual(MAX_LIST_ID_CHARS);
  });

  it('stays one per path: two long paths that differ only at their end have two ids, and a short path is written whole', () => {
    expect(defaultListId(`${long}a/`)).not.toBe(defaultListId(`${long}b/`));
    // 56 characters: "digest-" and it make 63, the most a label takes.
    expect(defaultListId(`https://watch.example.org/${'a'.repeat(56)}/`)).toBe(`digest-${'a'.repeat(56)}.watch.example.org`);
  });
});
