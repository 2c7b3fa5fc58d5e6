// The elements the sanitiser removes with everything inside them, as the tests list them (written out, not imported
// from lib/: taking one off the sanitiser's list lets its content through and fails the tests that use this one).
export const DROPPED_ELEMENTS = [
  'script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'template', 'svg',
  // What a browser hides (noembed, noframes, title) and what it shows as typed (xmp, plaintext).
  'noembed', 'noframes', 'title', 'xmp', 'plaintext',
] as const;

// An img in svg ends it (WHATWG HTML §13.2.6.5, a start tag that breaks out), unless inside a point where HTML goes
// on within it (§13.2.6.5, HTML integration points).
const INTEGRATION_POINT: Record<string, string> = { svg: 'foreignObject' };

/** A tracking pixel (an `img` the sanitiser otherwise keeps) and a marked word, `TAG-hidden-words`, inside `<tag>`. */
export function insideDropped(tag: string): string {
  const content = `<img src="https://track.example.com/${tag}.gif" alt="">${tag}-hidden-words`;
  const point = INTEGRATION_POINT[tag];
  return `<${tag}>${point === undefined ? content : `<${point}>${content}</${point}>`}</${tag}>`;
}
