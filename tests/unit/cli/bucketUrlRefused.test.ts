import { describe, expect, it } from 'vitest';
import { runMain } from '../../support/runMain.js';

// An s3:// URL typed as --bucket (copied from the console, or from another command's --content) was refused as no
// bucket name, without the name to write: the refusal now gives --bucket and --prefix from it, before any request.
describe('--bucket given an s3:// URL', () => {
  it('is refused with the bucket name and prefix to write, in publish and push-content alike', async () => {
    const published = await runMain(['publish', '--bucket', 's3://news-site/staging/', '--dry-run']);
    expect({ code: published.code, stderr: published.stderr }).toEqual({ code: 2, stderr: 'broadsheet publish: --bucket: "s3://news-site/staging/" is an s3:// URL, and --bucket takes the bucket\'s name alone (write --bucket news-site --prefix staging/)\n' });
    const pushed = await runMain(['push-content', '--bucket', 's3://news-content', '--dry-run']);
    expect(pushed.code).toBe(2);
    expect(pushed.stderr).toContain('--bucket: "s3://news-content" is an s3:// URL, and --bucket takes the bucket\'s name alone (write --bucket news-content)');
    // Any other name that is none: as before.
    expect((await runMain(['publish', '--bucket', 'News_Site', '--dry-run'])).stderr).toContain('--bucket: "News_Site" is not an S3 bucket name');
  });
});
