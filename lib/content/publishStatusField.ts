import { quote } from '../shared/quote.js';

// WordPress's statuses but publish and future keep a post off the site (https://wordpress.org/documentation/article/post-status/);
// an export (jekyll-import, wordpress-export-to-markdown) writes them as `status:`.
const UNPUBLISHED_STATUS = new Set(['draft', 'pending', 'private', 'trash', 'auto-draft', 'inherit']);
const PUBLISHED_STATUS = new Set(['publish', 'future']);

/**
 * What another tool's publication state in an entry's front matter means here, where only `draft: true` keeps an entry
 * unpublished: Jekyll's `published: false` (https://jekyllrb.com/docs/front-matter/) or WordPress's `status: draft`
 * ignored would publish what its editor kept back, to every feed and the digest, so it is a problem; `published: true`
 * or `status: publish` says what Broadsheet does anyway, a warning. Undefined for any other field or value.
 */
export function publishStatusField(field: string, value: unknown, draft: unknown): { problem: boolean; message: string; fix: string } | undefined {
  const status = field === 'status' && typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  const unpublished = (field === 'published' && value === false) || (status !== undefined && UNPUBLISHED_STATUS.has(status));
  const published = (field === 'published' && value === true) || (status !== undefined && PUBLISHED_STATUS.has(status));
  const whose = field === 'published' ? "it is Jekyll's" : `${quote(status!)} is WordPress's`;
  if (published) return { problem: false, message: `is not read: ${field === 'published' ? "it is Jekyll's" : `${quote(status!)} is WordPress's`} publication state`, fix: 'remove it, an entry is published unless draft: true' };
  if (!unpublished) return undefined;
  if (draft === true) return { problem: false, message: `is not read: ${whose} way to keep a post unpublished`, fix: 'remove it: draft: true keeps the entry unpublished' };
  return {
    problem: true,
    message: `is not read: ${whose} way to keep a post unpublished, and the entry would be published to every feed`,
    fix: draft === false ? 'write draft: true in place of draft: false, and remove this line' : 'write draft: true in its place',
  };
}

