import { nearestName } from '../shared/nearestName.js';

/**
 * Fields another tool's export writes, and what to do with each here: the Broadsheet field that holds the same thing,
 * or why it has none. Jekyll https://jekyllrb.com/docs/front-matter/, Hugo
 * https://gohugo.io/content-management/front-matter/, WordPress as jekyll-import and wordpress-export-to-markdown write it.
 */
const OTHER_TOOLS: Record<string, { field: string; fix?: string } | string> = {
  link: { field: 'url' },
  externalurl: { field: 'url' },
  description: { field: 'summary' },
  excerpt: { field: 'summary' },
  categories: { field: 'tags', fix: 'Broadsheet has tags only: move its items into tags: and remove categories:' },
  category: { field: 'tags', fix: 'Broadsheet has tags only: move it into tags: and remove category:' },
  lastmod: { field: 'updated' },
  last_modified_at: { field: 'updated' },
  modified: { field: 'updated' },
  permalink: "remove it: an entry's page address comes from its id (the file path without .md); send the old address to the new page at CloudFront or S3 (README, Moving a site in)",
  aliases: "remove it: an entry's page address comes from its id (the file path without .md); send the old addresses to the new page at CloudFront or S3 (README, Moving a site in)",
  slug: "remove it: an entry's page address comes from its file path: name the file for it",
  layout: 'remove it: every entry is laid out by the site',
  type: 'remove it: every entry is a post',
  excerpt_separator: "remove it: summary: holds the summary, else the body's first paragraph stands for it",
  author: "remove it: an entry has no author of its own; site.yml's author: names the site's",
  guid: "remove it: an old feed's guid cannot be kept, and readers see the entry as new once (README, Moving a site in)",
};

/**
 * The fix for a key that is not a known field: when it is one in another case (`Title:`), the key to write, since
 * YAML keys are case-sensitive; in an entry's front matter (`entryKeys`, its keys, to tell whether the field named is
 * already there), when another tool's export writes it (`link:`), the field Broadsheet reads for it; otherwise the
 * field it is one or two typing slips from (nearestName); otherwise the known fields to check its spelling against.
 */
export function unknownFieldFix(key: string, known: Iterable<string>, entryKeys?: ReadonlySet<string>): string {
  const fields = [...known];
  const meant = fields.find((field) => field.toLowerCase() === key.toLowerCase());
  if (meant !== undefined) return `${meant === meant.toLowerCase() ? 'keys are lowercase' : 'keys are case-sensitive'}: write ${meant}:`;
  const other = entryKeys && Object.hasOwn(OTHER_TOOLS, key.toLowerCase()) ? OTHER_TOOLS[key.toLowerCase()]! : undefined;
  if (typeof other === 'string') return other;
  if (other !== undefined) {
    if (other.fix !== undefined) return other.fix;
    return entryKeys!.has(other.field) ? `remove it: ${other.field}:, Broadsheet's name for it, is given` : `rename it to ${other.field}:, Broadsheet's name for it`;
  }
  // A slip (`tag:`, `sumary:`), by the rule that names a mistyped command or option.
  const near = nearestName(key, fields);
  if (near !== undefined) return entryKeys?.has(near) ? `did you mean ${near}:? it is given too: move what ${key}: holds into ${near}: and remove ${key}:` : `did you mean ${near}:? rename it to ${near}:`;
  return `remove it, or check its spelling against: ${fields.join(', ')}`;
}
