// Element sets the sanitiser and the summary's reading of raw HTML share: a module of their own, so that reading a
// summary (check) never loads the sanitiser.

/**
 * The containers a CMS or an editable box writes around each line or block (`<div>Line</div><div>Line</div>`), which
 * the sanitiser would unwrap and so run their texts together: each is a div for the repair to fit.
 */
export const BLOCK_CONTAINERS: readonly string[] = ['section', 'article', 'aside', 'header', 'footer', 'main', 'nav', 'address', 'center', 'details', 'hgroup'];

/**
 * Elements removed with everything inside them, text included: scripts and styles, form controls, embedded and
 * foreign content (a tracking pixel in `<noscript>`, an `<svg>`'s `<title>`). `embed` is void: it has no content,
 * and is listed so that no parser's error recovery can give it some.
 */
export const DROPPED_WITH_CONTENT: readonly string[] = ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', 'math'];
