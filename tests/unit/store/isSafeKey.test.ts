import { describe, expect, it } from 'vitest';
import { isSafeKey } from '../../../lib/store/store.js';

describe('isSafeKey', () => {
  it('takes relative paths of non-empty segments, dots inside a name included', () => {
    for (const key of ['a', 'a/b', 'index.html', 'a/.b', 'a/..b', 'a/b..', '...', 'a/.../b', '.well-known/x', '_broadsheet/manifest.json', 'ü/ß']) expect(isSafeKey(key), key).toBe(true);
  });

  it('refuses an empty key or segment, a `.` or `..` segment anywhere, a backslash and NUL', () => {
    const unsafe = ['', '/', '/a', 'a/', 'a//b', '.', '..', './a', '../a', 'a/.', 'a/..', 'a/./b', 'a/../b', 'a\\b', '..\\a', 'a\0b', '\0'];
    for (const key of unsafe) expect(isSafeKey(key), JSON.stringify(key)).toBe(false);
  });

  it('agrees with the rule read segment by segment, on every key of up to 5 of the characters that matter', () => {
    // The rule as its comment states it, written the plain way.
    const rule = (key: string) => key !== '' && !key.includes('\\') && !key.includes('\0') && key.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
    let keys = [''];
    for (let length = 0; length <= 5; length++) {
      for (const key of keys) expect(isSafeKey(key), JSON.stringify(key)).toBe(rule(key));
      keys = keys.flatMap((key) => ['a', '.', '/', '\\', '\0'].map((character) => key + character));
    }
  });
});
