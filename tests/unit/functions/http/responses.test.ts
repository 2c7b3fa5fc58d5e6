import { describe, expect, it } from 'vitest';
import { plainError } from '../../../../functions/http/responses.js';

describe('plainError', () => {
  it('is plain text that no cache keeps and no browser sniffs', () => {
    expect(plainError(413, 'form too large\n')).toEqual({ statusCode: 413, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }, body: 'form too large\n' });
  });
});
