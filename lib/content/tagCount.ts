import { MAX_TAGS_PER_ENTRY } from './limits.js';

/**
 * Whether an entry has more tags than MAX_TAGS_PER_ENTRY, as a message and a fix. Each tag's feeds and page
 * list the entry with every one of its tags, so an entry's share of the output grows with the square of its
 * tag count: the cap keeps the output in proportion to entries × tags.
 */
export function tagCountProblem(count: number): { message: string; fix: string } | undefined {
  if (count <= MAX_TAGS_PER_ENTRY) return undefined;
  return {
    message: `has ${count} tags, more than the ${MAX_TAGS_PER_ENTRY} an entry may have`,
    fix: `keep the ${MAX_TAGS_PER_ENTRY} that say most about the article`,
  };
}
