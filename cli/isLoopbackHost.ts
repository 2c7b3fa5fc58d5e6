/**
 * Whether a request's Host header (RFC 9110 §7.2: `uri-host [ ":" port ]`) names this machine's loopback, as
 * the preview's own URL does. A page on another site that rebinds its DNS name to 127.0.0.1 reaches the
 * preview with its own name in Host, so the preview answers only the loopback names. No Host at all
 * (HTTP/1.0) is no browser's request, and passes; Node refuses an HTTP/1.1 request without one (RFC 9112 §3.2).
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return true;
  return /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i.test(host);
}
