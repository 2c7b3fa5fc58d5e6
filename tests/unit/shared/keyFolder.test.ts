import { describe, expect, it } from 'vitest';
import { keyFolder } from '../../../lib/shared/keyFolder.js';

describe('keyFolder', () => {
  it('is the key up to and including its last /, the prefix its siblings share', () => {
    expect(keyFolder('entries/2014/a.md')).toBe('entries/2014/');
    expect(keyFolder('entries/a.md/')).toBe('entries/a.md/');
  });

  it('is empty for a key at the top', () => {
    expect(keyFolder('site.yml')).toBe('');
  });
});
