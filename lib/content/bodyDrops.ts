import { renderMarkdown, type EmptiedElement } from './renderMarkdown.js';

/** What the render of a body drops that `check` names: the elements left empty, and the links and images refused. */
export interface BodyDrops {
  emptied: EmptiedElement[];
  refused: EmptiedElement[];
}

/**
 * A body's drops (renderMarkdown's `emptied` and `refused`), rendered against `baseUrl` when first asked and kept: the
 * emptied-element and dropped-address warnings each render only after their own quick look, and a body that passes
 * both is rendered once for the two.
 */
export function bodyDrops(body: string, baseUrl = 'https://example.org/'): () => BodyDrops {
  let drops: BodyDrops | undefined;
  return () => {
    if (drops === undefined) {
      drops = { emptied: [], refused: [] };
      renderMarkdown(body, baseUrl, undefined, drops.emptied, drops.refused);
    }
    return drops;
  };
}
