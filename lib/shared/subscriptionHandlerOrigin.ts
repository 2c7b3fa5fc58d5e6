/**
 * The origin of an unsubscribe URL template that is the subscription handler's own one-click unsubscribe,
 * `https://SITE/unsubscribe?token={token}` (lib/subscribers/subscriptionHandler.ts), which records who leaves in the
 * subscriber store; undefined for any other endpoint.
 */
export function subscriptionHandlerOrigin(urlTemplate: string): string | undefined {
  const url = templateUrl(urlTemplate);
  return url && url.protocol === 'https:' && url.pathname === '/unsubscribe' && url.search === '?token=TOKEN' ? url.origin : undefined;
}

/**
 * Whether an unsubscribe URL template is on the site's own origin at `/unsubscribe`, where a deployment serves the
 * subscription handler (CloudFront routes the path to it), yet is not the one URL that handler answers.
 */
export function handlerPathMisused(urlTemplate: string, siteUrl: string): boolean {
  const url = templateUrl(urlTemplate);
  return url !== undefined && url.origin === new URL(siteUrl).origin && url.pathname === '/unsubscribe' && subscriptionHandlerOrigin(urlTemplate) === undefined;
}

/**
 * Whether an unsubscribe URL template is `/unsubscribe` under the path of a site whose url has one
 * (`https://host/watch/unsubscribe…`): no subscription handler answers there, since a deployment serves the
 * endpoints at the root of the site's origin alone.
 */
export function handlerUnderSitePath(urlTemplate: string, siteUrl: string): boolean {
  const url = templateUrl(urlTemplate);
  const site = new URL(siteUrl);
  return url !== undefined && site.pathname !== '/' && url.origin === site.origin && url.pathname === `${site.pathname}unsubscribe`;
}

/** The template as a URL, each placeholder standing as a word of its own; undefined when it is no URL. */
function templateUrl(urlTemplate: string): URL | undefined {
  try {
    return new URL(urlTemplate.replace(/\{token\}/g, 'TOKEN').replace(/\{email\}/g, 'EMAIL'));
  } catch {
    return undefined;
  }
}
