/** True for an absolute http: or https: URL with a host; `javascript:`, `data:` and relative URLs are false. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.trim() !== value || value === '' || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Joins a key such as `tags/korea/rss.xml` onto the site's base URL (which ends in `/`). */
export function publicUrl(siteUrl: string, key: string): string {
  return new URL(key, siteUrl).href;
}

/** The relative path from one published key to another, for links that work on any host (preview included). */
export function relativeHref(fromKey: string, toKey: string): string {
  const depth = fromKey.split('/').length - 1;
  return '../'.repeat(depth) + toKey;
}
