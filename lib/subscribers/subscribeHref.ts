import { relativeHref } from '../shared/urls.js';

/**
 * The signup form's action on the page at `fromKey`: /subscribe at the root of the site's origin, where the
 * subscription endpoints are served (a deployment routes those root paths alone; `preview` serves them there too),
 * whatever path the site's url has. Relative, as every link on the pages: it climbs the page's folders and then the
 * url's path, and dot-segments stop at the root (RFC 3986 §5.2.4), so the preview, which serves a site with a path
 * at its own root, reaches its own /subscribe.
 */
export function subscribeHref(siteUrl: string, fromKey: string): string {
  const pathDepth = new URL(siteUrl).pathname.split('/').filter((segment) => segment !== '').length;
  return '../'.repeat(pathDepth) + relativeHref(fromKey, 'subscribe');
}
