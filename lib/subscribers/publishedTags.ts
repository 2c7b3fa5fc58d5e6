import type { Tag } from '../content/entry.js';
import { INDEX_PAGE, TAGS_DIR } from '../shared/outputLayout.js';
import type { Store } from '../store/store.js';

/** The tags the published site has a page for (`tags/<slug>/index.html`), named by their slug. */
export async function publishedTags(output: Store): Promise<Tag[]> {
  const slugs = new Set<string>();
  for (const object of await output.list(TAGS_DIR)) {
    const [slug, file] = object.key.slice(TAGS_DIR.length).split('/');
    if (slug && file === INDEX_PAGE) slugs.add(slug);
  }
  return [...slugs].sort().map((slug) => ({ name: slug, slug }));
}
