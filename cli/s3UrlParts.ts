/**
 * `s3://BUCKET/PREFIX` split into its bucket and prefix (the prefix as written, perhaps empty); undefined for a text
 * that is no s3:// URL or names no bucket.
 */
export function s3UrlParts(url: string | undefined): { bucket: string; prefix: string } | undefined {
  const match = url === undefined ? null : /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  return match ? { bucket: match[1]!, prefix: match[2]! } : undefined;
}
