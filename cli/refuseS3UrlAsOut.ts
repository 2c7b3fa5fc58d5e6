import { UsageError } from '../lib/shared/errors.js';

/** `--out s3://BUCKET/PREFIX` split into its bucket and prefix; undefined for an --out that is no s3:// URL. */
export function s3OutUrl(out: string | undefined): { bucket: string; prefix: string } | undefined {
  const match = out === undefined ? null : /^s3:\/\/([^/]*)\/?(.*)$/i.exec(out);
  return match ? { bucket: match[1]!, prefix: match[2]! } : undefined;
}

/**
 * Refuses an s3:// URL given to --out: --out names a local folder, so `--out s3://b/site` would write a folder
 * named `s3:` in the working folder. The fix names the flags that write to the bucket.
 */
export function refuseS3UrlAsOut(out: string | undefined): void {
  const url = s3OutUrl(out);
  if (url === undefined) return;
  const flags = `--bucket ${url.bucket || 'BUCKET'}${url.prefix === '' ? '' : ` --prefix ${url.prefix}`}`;
  throw new UsageError(`--out: ${out} is an S3 URL, and --out takes a local folder: for a bucket give ${flags}`);
}
