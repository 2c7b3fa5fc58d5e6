import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../lib/shared/sha256.js';

// FIPS 180-2, Appendix B.1: the SHA-256 of "abc".
const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('sha256', () => {
  it('hashes a buffer, and the same bytes in chunks as one', () => {
    expect(sha256(Buffer.from('abc'))).toBe(ABC);
    expect(sha256([Buffer.from('a'), Buffer.from(''), Buffer.from('bc')])).toBe(ABC);
  });
});
