/**
 * The signup form's `page` field as a path on the site, or `/`: a network-path reference (`//host/…`, RFC 3986
 * §4.2) names another site's page, and dot segments are removed first (§5.2.4), since `/..//host` is one once they are.
 */
export function sitePath(field: string): string {
  const onSite = /^\/(?!\/)[A-Za-z0-9/._-]{0,200}$/;
  if (!onSite.test(field)) return '/';
  const path = new URL(field, 'http://site.invalid').pathname;
  return onSite.test(path) ? path : '/';
}
