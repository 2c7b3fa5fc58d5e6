import { describe, expect, it } from 'vitest';
import { publishUnclaimedRefusal } from '../../../functions/publishUnclaimedRefusal.js';
import { refuseUnclaimedFiles } from '../../../lib/publish/refuseUnclaimedFiles.js';
import { OtherSiteError, UnclaimedFilesError } from '../../../lib/shared/errors.js';

const config = { contentBucket: 'news-content', contentPrefix: 'content/', siteBucket: 'news-site', sitePrefix: '', skipInvalid: false };

function refusal(): UnclaimedFilesError {
  try {
    refuseUnclaimedFiles([{ key: 'index.html', size: 5, version: '1' }], [{ key: 'index.html', status: 'new', size: 9 }], 's3://news-site/');
  } catch (error) {
    return error as UnclaimedFilesError;
  }
  throw new Error('not refused');
}

describe("the publish function's refusal of files no publish wrote", () => {
  it('keeps what was found, and gives the CLI command that does the first publish with the function\'s buckets, where the CLI\'s says --replace-unclaimed alone', () => {
    const cli = refusal();
    expect(cli.message).toBe(`${cli.found}: publish to an empty prefix (--prefix NEW), or move it out of s3://news-site/ first (or overwrite it: broadsheet publish --replace-unclaimed)`);
    const error = publishUnclaimedRefusal(cli, config);
    expect(error).toBeInstanceOf(OtherSiteError);
    expect(error.name).toBe('UnclaimedFilesError');
    expect(error.found).toBe('s3://news-site/ holds 1 file that no publish wrote and this one would overwrite (index.html)');
    expect(error.message).toBe(
      `${error.found}: the publish function never overwrites files no publish wrote: do this first publish with the CLI, which names each file it overwrites (--dry-run first lists them), and the function publishes from then on: ` +
        'broadsheet publish --content s3://news-content/content/ --bucket news-site --replace-unclaimed; or move them out of s3://news-site/ first',
    );
  });

  it("names the function's site prefix, SKIP_INVALID and CACHE_CONTROL in the command, as the function publishes with them", () => {
    const error = publishUnclaimedRefusal(refusal(), { ...config, sitePrefix: 'site/', skipInvalid: true, cacheControl: 'public, max-age=60' });
    expect(error.message).toContain("broadsheet publish --content s3://news-content/content/ --bucket news-site --prefix site/ --skip-invalid --cache-control 'public, max-age=60' --replace-unclaimed; or move them out of s3://news-site/site/ first");
  });
});
