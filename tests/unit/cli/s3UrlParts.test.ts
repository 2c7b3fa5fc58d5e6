import { describe, expect, it } from 'vitest';
import { s3UrlParts } from '../../../cli/s3UrlParts.js';

describe('s3UrlParts', () => {
  it('splits an s3:// URL into its bucket and its prefix as written', () => {
    expect(s3UrlParts('s3://b/content/')).toEqual({ bucket: 'b', prefix: 'content/' });
    expect(s3UrlParts('s3://b/a/b')).toEqual({ bucket: 'b', prefix: 'a/b' });
    expect(s3UrlParts('s3://b')).toEqual({ bucket: 'b', prefix: '' });
    expect(s3UrlParts('s3://b/')).toEqual({ bucket: 'b', prefix: '' });
  });

  it('is undefined for a folder, no text, or an s3:// URL with no bucket', () => {
    for (const text of ['content', './s3:/b', undefined, 's3://', 's3:///p']) expect(s3UrlParts(text), String(text)).toBeUndefined();
  });
});
